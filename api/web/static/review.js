// 删除审批: J/K move between findings, A accepts (remove), R rejects (keep); a text
// selection in the original becomes a manual redaction (start/end offsets of the stored text).
"use strict";
(function () {
  var root = document.getElementById("review");
  if (!root) return;
  var caseId = root.getAttribute("data-case"), canDecide = root.getAttribute("data-can-decide") === "1";
  var items = Array.prototype.slice.call(document.querySelectorAll("#findings .finding"));
  var original = document.getElementById("original"), errorBox = document.getElementById("decide-error");
  var current = -1;

  function marksOf(fid) {
    return Array.prototype.filter.call(original.querySelectorAll("mark[data-fids]"), function (m) {
      return m.getAttribute("data-fids").split(" ").indexOf(fid) >= 0;
    });
  }
  function select(i) {
    if (!items.length) return;
    i = Math.max(0, Math.min(items.length - 1, i));
    if (current >= 0) {
      items[current].classList.remove("current");
      marksOf(items[current].getAttribute("data-fid")).forEach(function (m) { m.classList.remove("current"); });
    }
    current = i;
    var li = items[i];
    li.classList.add("current");
    li.scrollIntoView({block: "nearest"});
    var marks = marksOf(li.getAttribute("data-fid"));
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length) marks[0].scrollIntoView({block: "nearest"});
  }
  function showError(text) { errorBox.textContent = text; errorBox.hidden = !text; }

  function refreshPreview() {
    fetch(location.href, {credentials: "same-origin"}).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("preview");
      if (fresh) document.getElementById("preview").textContent = fresh.textContent;
    });
  }

  function decide(i, decision) {
    var li = items[i];
    if (!li || !canDecide) return;
    var fid = li.getAttribute("data-fid"), reason = li.querySelector(".reason");
    if (decision === "reject" && li.getAttribute("data-action") === "block" && (!reason.value || reason.value.trim().length < 2)) {
      showError("保留标为“不得公开”的内容须填写理由：请在该条的理由栏中说明为何可以公开。");
      reason.focus();
      return;
    }
    Reviewer.post("/documents/" + caseId + "/decide", {finding_id: fid, decision: decision, reason: reason ? reason.value : ""})
      .then(function (res) {
        if (!res.ok) { showError(Reviewer.errorText(res)); return; }
        showError("");
        var st = li.querySelector("[data-role=status]");
        st.textContent = decision === "accept" ? "删除" : "保留";
        st.className = "dec dec-" + decision;
        marksOf(fid).forEach(function (m) { m.classList.remove("d-accept", "d-reject", "d-undecided"); m.classList.add("d-" + decision); });
        refreshPreview();
        if (i === current && current < items.length - 1) select(current + 1);
      });
  }

  items.forEach(function (li, i) {
    li.addEventListener("click", function (e) { if (e.target.tagName !== "INPUT" && e.target.tagName !== "BUTTON") select(i); });
    var form = li.querySelector("form.decide");
    if (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var btn = e.submitter || document.activeElement;
        current = i; select(i);
        decide(i, btn && btn.value === "reject" ? "reject" : "accept");
      });
    }
  });
  original.addEventListener("click", function (e) {
    var m = e.target.closest("mark[data-fids]");
    if (!m || window.getSelection().toString()) return;
    var fid = m.getAttribute("data-fids").split(" ")[0];
    for (var i = 0; i < items.length; i++) if (items[i].getAttribute("data-fid") === fid) { select(i); break; }
  });

  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key.toLowerCase();
    if (k === "j") { e.preventDefault(); select(current + 1); }
    else if (k === "k") { e.preventDefault(); select(current <= 0 ? 0 : current - 1); }
    else if (k === "a" && current >= 0) { e.preventDefault(); decide(current, "accept"); }
    else if (k === "r" && current >= 0) { e.preventDefault(); decide(current, "reject"); }
  });

  // ---- manual redaction from a text selection
  var form = document.getElementById("manual-form");
  if (!form) return;
  var startIn = document.getElementById("sel-start"), endIn = document.getElementById("sel-end"),
      selText = document.getElementById("sel-text"), btn = document.getElementById("manual-btn");

  function textLength(el) { return el.textContent.length; }
  // Offset in the stored text of (node, offset) inside #original: every child carries data-s.
  function offsetOf(node, off) {
    if (node.nodeType === Node.TEXT_NODE) {
      var el = node.parentElement.closest("[data-s]");
      return el ? parseInt(el.getAttribute("data-s"), 10) + off : null;
    }
    var host = node === original ? original : node.closest("[data-s]");
    if (host && host !== original) {
      var base = parseInt(host.getAttribute("data-s"), 10);
      return off === 0 ? base : base + textLength(host);
    }
    var kids = original.children;
    if (off < kids.length) return parseInt(kids[off].getAttribute("data-s"), 10);
    var last = kids[kids.length - 1];
    return last ? parseInt(last.getAttribute("data-s"), 10) + textLength(last) : 0;
  }
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel.rangeCount) return;
    var r = sel.getRangeAt(0);
    if (!original.contains(r.startContainer) || !original.contains(r.endContainer) || r.collapsed) return;
    var s = offsetOf(r.startContainer, r.startOffset), e = offsetOf(r.endContainer, r.endOffset);
    if (s === null || e === null || e <= s) return;
    startIn.value = s; endIn.value = e;
    var text = sel.toString();
    selText.textContent = "“" + (text.length > 60 ? text.slice(0, 60) + "…" : text) + "”（第 " + s + "–" + e + " 字）";
    btn.disabled = false;
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!startIn.value || !endIn.value) { showError("先在原文中用鼠标选中要删除的文字。"); return; }
    Reviewer.post(form.action, {start: startIn.value, end: endIn.value, reason: form.elements.reason.value})
      .then(function (res) { if (!res.ok) { showError(Reviewer.errorText(res)); return; } location.reload(); });
  });
})();
