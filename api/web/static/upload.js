// 上传: drag and drop, and XMLHttpRequest so large files show their upload progress.
"use strict";
(function () {
  var form = document.getElementById("upload-form"), drop = document.getElementById("drop"),
      input = document.getElementById("file"), chosen = document.getElementById("chosen"),
      bar = document.getElementById("progress"), barText = document.getElementById("progress-text"),
      errorBox = document.getElementById("error-box"), btn = document.getElementById("upload-btn");
  var picked = null;
  function show(file) { picked = file; chosen.textContent = file ? file.name + "（" + Math.ceil(file.size / 1024) + " KB）" : ""; }
  function fail(text) { errorBox.textContent = text; errorBox.hidden = false; btn.disabled = false; bar.hidden = true; barText.textContent = ""; }
  input.addEventListener("change", function () { show(input.files[0] || null); });
  drop.addEventListener("click", function (e) { if (e.target === drop) input.click(); });
  drop.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); } });
  ["dragenter", "dragover"].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); }); });
  ["dragleave", "drop"].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); }); });
  drop.addEventListener("drop", function (e) { if (e.dataTransfer.files.length) show(e.dataTransfer.files[0]); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    errorBox.hidden = true;
    if (!picked) { fail("请先选择要上传的文件（支持的格式见下方说明），可拖到虚线框内。"); return; }
    if (picked.size === 0) { fail("文件“" + picked.name + "”是空的（0 字节），请选择一个有内容的文件。"); return; }
    var max = parseInt(form.getAttribute("data-max"), 10);
    if (max && picked.size > max) {
      fail("文件“" + picked.name + "”有 " + (picked.size / 1048576).toFixed(1) + " MB，超过了 " + Math.floor(max / 1048576) +
           " MB 的上限，请拆分或压缩后再上传。");
      return;
    }
    var data = new FormData(form);
    data.set("file", picked, picked.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.addEventListener("progress", function (ev) {
      if (!ev.lengthComputable) return;
      var pct = Math.round(ev.loaded * 100 / ev.total);
      bar.hidden = false; bar.value = pct;
      barText.textContent = pct < 100 ? "正在上传 " + pct + "%" : "上传完成，正在扫描……";
    });
    xhr.onload = function () {
      var res = {};
      try { res = JSON.parse(xhr.responseText); } catch (err) { res = {}; }
      if (xhr.status >= 200 && xhr.status < 300 && res.redirect) { location.href = res.redirect; return; }
      if (xhr.status === 413) { fail("文件超过了服务器允许的大小上限，请拆分或压缩后再上传。（payload_too_large）"); return; }
      fail(res.error ? res.error.message + "（" + res.error.code + "）" : "上传失败（HTTP " + xhr.status + "），请重试。");
    };
    xhr.onerror = function () { fail("网络中断，上传失败，请检查连接后重试。"); };
    btn.disabled = true;
    xhr.send(data);
  });
})();
