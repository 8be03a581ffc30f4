// Long waits show progress instead of a blank page: while the next page is being prepared (a
// large review page can take many seconds on the server), a bar and the seconds waited; and a
// background scan shows how long it has been running.
"use strict";
(function () {
  var box = null, timer = null, started = 0;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "loading";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      box.innerHTML = '<div class="loading-bar"></div><div class="loading-text"><span class="spinner"></span> <span class="what"></span>（已等待 <span class="secs">0</span> 秒）</div>';
      document.body.appendChild(box);
    }
    box.querySelector(".what").textContent = text;
    box.hidden = false;
    started = Date.now();
    clearInterval(timer);
    timer = setInterval(function () {
      box.querySelector(".secs").textContent = Math.floor((Date.now() - started) / 1000);
    }, 500);
  }
  function hide() { if (box) box.hidden = true; clearInterval(timer); }
  window.addEventListener("pageshow", hide);       // back/forward cache: the old page comes back
  var pending = null;
  function soon(text) { clearTimeout(pending); pending = setTimeout(function () { show(text); }, 300); }
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var a = e.target.closest("a[href]");
    if (!a || a.target || a.hasAttribute("download") || a.origin !== location.origin) return;
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#" || /^\/(api|static)\//.test(a.pathname)) return;
    soon("正在打开“" + (a.textContent.trim().slice(0, 20) || "页面") + "”，文件较大时需要较长时间");
  });
  document.addEventListener("submit", function (e) {
    var f = e.target;
    setTimeout(function () {                          // after the page's own handlers
      if (e.defaultPrevented || f.method.toLowerCase() === "dialog") return;
      soon("正在处理，请稍候");
    }, 0);
  });
  // a background scan: the seconds since the upload, counted on
  var scan = document.querySelector("[data-scan-since]");
  if (scan) {
    var since = Date.parse(scan.getAttribute("data-scan-since")), out = scan.querySelector(".secs");
    var tick = function () { if (out && !isNaN(since)) out.textContent = Math.max(0, Math.floor((Date.now() - since) / 1000)); };
    tick();
    setInterval(tick, 1000);
  }
})();
