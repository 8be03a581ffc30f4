// The document page: turn a recognised (lawful) item into a finding that needs a decision.
"use strict";
(function () {
  document.querySelectorAll("button.promote").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var reason = window.prompt("转为待审查项的理由（例如：实为个人号码）：", "");
      if (reason === null) { return; }
      btn.disabled = true;
      fetch(btn.getAttribute("data-url"), {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest",
                  "X-CSRF-Token": Reviewer.csrf()},
        body: JSON.stringify({reason: reason})
      }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) { return {ok: r.ok, status: r.status, data: data}; });
      }).then(function (res) {
        if (res.ok) { location.reload(); return; }
        btn.disabled = false;
        btn.parentNode.querySelector(".promote-msg").textContent = Reviewer.errorText(res);
      });
    });
  });
})();
