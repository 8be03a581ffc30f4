// 批量扫描: poll the batch's progress until it ends; 取消扫描 (with confirmation) and 继续扫描.
"use strict";
(function () {
  var box = document.getElementById("batch");
  if (!box) return;
  var id = box.getAttribute("data-id");
  var labels = {queued: "排队中", running: "扫描中", cancelling: "正在取消", cancelled: "已取消", done: "已完成", failed: "失败"};
  var codes = {batch_not_running: "这批扫描已经结束，不能再取消。请刷新页面查看最新状态。",
               batch_not_resumable: "这批扫描现在不能继续（只有已取消或失败的扫描可以继续）。请刷新页面查看最新状态。"};
  var active = {queued: 1, running: 1, cancelling: 1};
  var polling = false;
  function $(x) { return document.getElementById(x); }
  function setError(text) { var e = $("b-action-error"); e.textContent = text; e.hidden = !text; }
  function show(b) {
    var st = $("b-state");
    st.textContent = labels[b.state] || b.state; st.className = "bstate b-" + b.state;
    var bar = $("b-progress");
    bar.max = b.items || 1; bar.value = b.done;
    $("b-count").textContent = b.done + " / " + (b.items === null ? "?" : b.items);
    $("b-errors").textContent = b.errors;
    $("b-cancel").hidden = !(b.state === "queued" || b.state === "running");
    $("b-resume").hidden = !(b.state === "cancelled" || b.state === "failed");
    $("b-reports").hidden = !(b.state === "done" || b.state === "cancelled");
    $("b-cancelled").hidden = b.state !== "cancelled";
    $("b-cancel-done").textContent = b.done;
    $("b-left").textContent = Math.max(0, (b.items || 0) - b.done);
    box.setAttribute("data-state", b.state);
  }
  function tick() {
    fetch("/api/batches/" + id, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (b) {
      if (!b || !b.state) { polling = false; return; }
      if (b.state === "failed" && box.getAttribute("data-state") !== "failed") { location.reload(); return; }
      show(b);
      if (active[b.state]) { setTimeout(tick, 1000); } else { polling = false; }
    }).catch(function () { setTimeout(tick, 3000); });
  }
  function poll(delay) { if (!polling) { polling = true; setTimeout(tick, delay); } }
  function act(button, path) {
    setError("");
    button.disabled = true;
    Reviewer.post("/api/batches/" + id + "/" + path, {}).then(function (res) {
      button.disabled = false;
      if (!res.ok) {
        var e = res.data && res.data.error;
        setError((e && codes[e.code]) ? codes[e.code] + "（" + e.code + "）" : Reviewer.errorText(res));
        return;
      }
      show(res.data);
      poll(300);
    }, function () { button.disabled = false; setError("网络错误，请稍后重试。"); });
  }
  $("b-cancel").addEventListener("click", function () {
    if (window.confirm("确定要取消这批扫描吗？已完成的文件结果会保留，之后可以点“继续扫描”扫描剩下的文件。")) {
      act($("b-cancel"), "cancel");
    }
  });
  $("b-resume").addEventListener("click", function () { act($("b-resume"), "resume"); });
  if (active[box.getAttribute("data-state")]) poll(500);
})();
