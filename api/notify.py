"""Tell people that something waits for them: a webhook and/or an e-mail, off by default.

After an action moves a document to a step where someone must act (删除审批, 初审, 审核, 审发,
退回修改), ``after_change`` works out who may act now (the roles and department of that step,
active users only) and, in a background thread, POSTs one JSON message to the webhook and sends
one e-mail to each of them.  A failure is logged and never affects the request.

Settings (environment, read at each notification; nothing set = no notification):

* ``REVIEWER_NOTIFY_WEBHOOK`` — URL that receives ``{"event": "document.waiting", …}``;
* ``REVIEWER_SMTP_HOST`` (and ``REVIEWER_SMTP_PORT`` 25, ``REVIEWER_SMTP_FROM``,
  ``REVIEWER_SMTP_USER``/``REVIEWER_SMTP_PASSWORD``, ``REVIEWER_SMTP_STARTTLS=1``) with
  ``REVIEWER_SMTP_DOMAIN``: users have no e-mail field, so mail goes to ``<username>@<domain>``;
* ``REVIEWER_BASE_URL`` — the address of the web UI, for the link in the message.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import urllib.request
from email.message import EmailMessage

from sqlalchemy import select

from api.models import Case, Department, User
from reviewer.review.workflow import ROLE_LABELS

log = logging.getLogger("api.notify")

# state → (the step, the role that acts, whether it must be of the document's department)
STEPS = {
    "scanned": ("删除审批", "security_officer", False),
    "redactions_approved": ("承办人员初审", "drafter", True),
    "tier1_signed": ("承办部门负责人审核", "dept_head", True),
    "tier2_signed": ("单位负责人审发", "unit_head", False),
    "returned": ("退回修改，请上传修改稿", "drafter", True),
}


def enabled() -> bool:
    return bool(os.environ.get("REVIEWER_NOTIFY_WEBHOOK") or
                (os.environ.get("REVIEWER_SMTP_HOST") and os.environ.get("REVIEWER_SMTP_DOMAIN")))


def message_for(db, case: Case) -> dict | None:
    step = STEPS.get(case.state)
    if step is None:
        return None
    label, role, own_department = step
    dept = db.get(Department, case.department_id)
    q = select(User).where(User.organisation_id == dept.organisation_id, User.is_active.is_(True))
    if own_department:
        q = q.where(User.department_id == case.department_id)
    users = [u for u in db.scalars(q) if role in u.role_names]
    base = os.environ.get("REVIEWER_BASE_URL", "").rstrip("/")
    page = "review" if case.state == "scanned" else ("" if case.state == "returned" else "sign")
    url = f"{base}/documents/{case.id}" + (f"/{page}" if page else "")
    return {"event": "document.waiting", "case_id": case.id, "title": case.title, "state": case.state,
            "step": label, "role": role, "role_label": ROLE_LABELS.get(role, role),
            "department": dept.name if dept else None, "users": [u.username for u in users],
            "names": [u.display_name for u in users], "url": url}


def _webhook(url: str, msg: dict) -> None:
    req = urllib.request.Request(url, data=json.dumps(msg, ensure_ascii=False).encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/json; charset=utf-8",
                                          "User-Agent": "reviewer-notify"})
    with urllib.request.urlopen(req, timeout=10) as resp:          # noqa: S310 (an operator-set URL)
        resp.read()


def _mail(msg: dict) -> None:
    import smtplib

    domain = os.environ["REVIEWER_SMTP_DOMAIN"]
    host, port = os.environ["REVIEWER_SMTP_HOST"], int(os.environ.get("REVIEWER_SMTP_PORT", "25"))
    sender = os.environ.get("REVIEWER_SMTP_FROM") or f"reviewer@{domain}"
    with smtplib.SMTP(host, port, timeout=15) as smtp:
        if os.environ.get("REVIEWER_SMTP_STARTTLS") == "1":
            smtp.starttls()
        if os.environ.get("REVIEWER_SMTP_USER"):
            smtp.login(os.environ["REVIEWER_SMTP_USER"], os.environ.get("REVIEWER_SMTP_PASSWORD", ""))
        for username, name in zip(msg["users"], msg["names"]):
            m = EmailMessage()
            m["From"], m["To"] = sender, f"{username}@{domain}"
            m["Subject"] = f"【待您处理】{msg['step']}：{msg['title']}"
            m.set_content(f"{name}：\n\n文件“{msg['title']}”（{msg['department'] or ''}）现待您办理：{msg['step']}"
                          f"（{msg['role_label']}）。\n\n{msg['url']}\n\n——政府信息公开保密审查系统（此邮件由系统自动发送）")
            smtp.send_message(m)


def _send(msg: dict) -> None:
    url = os.environ.get("REVIEWER_NOTIFY_WEBHOOK")
    if url:
        try:
            _webhook(url, msg)
        except Exception:
            log.warning("notification webhook failed for case %s", msg["case_id"], exc_info=True)
    if os.environ.get("REVIEWER_SMTP_HOST") and os.environ.get("REVIEWER_SMTP_DOMAIN") and msg["users"]:
        try:
            _mail(msg)
        except Exception:
            log.warning("notification e-mail failed for case %s", msg["case_id"], exc_info=True)


def _run(rt, case_id: int) -> None:
    try:
        with rt.sessions() as db:
            case = db.get(Case, case_id)
            msg = message_for(db, case) if case is not None else None
            db.commit()
    except Exception:
        log.warning("notification: could not read case %s", case_id, exc_info=True)
        return
    if msg is not None:
        _send(msg)


def after_change(rt, case_id: int) -> None:
    """Notify whoever the document waits for now (if notifications are on); never raises.

    All the work, the database read included, happens in a background thread: the request's
    own transaction may still be open (on SQLite a second one would wait for it)."""
    if enabled():
        threading.Thread(target=_run, args=(rt, case_id), name="reviewer-notify", daemon=True).start()
