// 批量扫描: poll the batch's progress until it is done or failed.
"use strict";
(function () {
  var box = document.getElementById("batch");
  if (!box) return;
  var id = box.getAttribute("data-id");
  var labels = {queued: "排队中", running: "扫描中", done: "已完成", failed: "失败"};
  function tick() {
    fetch("/api/batches/" + id, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (b) {
      if (!b || !b.state) return;
      var st = document.getElementById("b-state");
      st.textContent = labels[b.state] || b.state; st.className = "bstate b-" + b.state;
      var bar = document.getElementById("b-progress");
      bar.max = b.items || 1; bar.value = b.done;
      document.getElementById("b-count").textContent = b.done + " / " + (b.items === null ? "?" : b.items);
      document.getElementById("b-errors").textContent = b.errors;
      if (b.state === "done") { document.getElementById("b-reports").hidden = false; }
      else if (b.state === "failed") { location.reload(); }
      else { setTimeout(tick, 1000); }
    }).catch(function () { setTimeout(tick, 3000); });
  }
  var state = box.getAttribute("data-state");
  if (state === "queued" || state === "running") setTimeout(tick, 500);
})();
