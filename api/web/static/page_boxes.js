// 删除审批 · 页面图像: drag on a page picture to draw a box; the form under the picture
// receives the box as fractions of the picture (origin top-left) and posts it
// (/documents/{id}/page-boxes); the server turns it into the page's own units.
(function () {
  document.querySelectorAll(".page-picture .drawable").forEach(function (wrap) {
    var img = wrap.querySelector("img");
    var form = wrap.parentElement.querySelector("form.page-box");
    if (!img || !form) return;
    var rect = document.createElement("div");
    rect.className = "drawn-box";
    rect.style.cssText = "position:absolute;border:2px dashed #0050c8;background:rgba(0,80,200,.15);display:none;pointer-events:none";
    wrap.appendChild(rect);
    var start = null;
    function frac(ev) {
      var r = img.getBoundingClientRect();
      return [Math.min(Math.max((ev.clientX - r.left) / r.width, 0), 1), Math.min(Math.max((ev.clientY - r.top) / r.height, 0), 1)];
    }
    function show(a, b) {
      var x0 = Math.min(a[0], b[0]), y0 = Math.min(a[1], b[1]), x1 = Math.max(a[0], b[0]), y1 = Math.max(a[1], b[1]);
      rect.style.display = "block";
      rect.style.left = (x0 * img.clientWidth) + "px"; rect.style.top = (y0 * img.clientHeight) + "px";
      rect.style.width = ((x1 - x0) * img.clientWidth) + "px"; rect.style.height = ((y1 - y0) * img.clientHeight) + "px";
      form.fx0.value = x0.toFixed(5); form.fy0.value = y0.toFixed(5);
      form.fx1.value = x1.toFixed(5); form.fy1.value = y1.toFixed(5);
    }
    img.addEventListener("dragstart", function (ev) { ev.preventDefault(); });
    wrap.addEventListener("mousedown", function (ev) { start = frac(ev); show(start, start); ev.preventDefault(); });
    wrap.addEventListener("mousemove", function (ev) { if (start) show(start, frac(ev)); });
    window.addEventListener("mouseup", function (ev) {
      if (!start) return;
      var end = frac(ev);
      show(start, end);
      var big = Math.abs(end[0] - start[0]) > 0.005 && Math.abs(end[1] - start[1]) > 0.005;
      form.querySelector("button").disabled = !big;
      start = null;
    });
  });
})();
