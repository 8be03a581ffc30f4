// Shared helpers of the reviewer web UI (no libraries; everything is served by the app).
"use strict";
window.Reviewer = {
  csrf: function () { return document.body.getAttribute("data-csrf") || ""; },
  // POST a form-encoded body with the session's CSRF token; resolve to {ok, status, data}.
  post: function (url, fields) {
    var body = new URLSearchParams(fields);
    body.set("csrf_token", Reviewer.csrf());
    return fetch(url, {method: "POST", body: body, credentials: "same-origin",
                       headers: {"X-Requested-With": "XMLHttpRequest", "X-CSRF-Token": Reviewer.csrf()}})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          return {ok: r.ok, status: r.status, data: data};
        });
      });
  },
  errorText: function (res) {
    var e = res.data && res.data.error;
    return e ? e.message + "（" + e.code + "）" : "操作未能完成（HTTP " + res.status + "），请刷新页面后重试。";
  }
};
// A document still being scanned in the background: reload when it is done.
(function () {
  var pending = document.querySelector("[data-poll]");
  if (pending) { setTimeout(function () { location.reload(); }, 3000); }
})();
