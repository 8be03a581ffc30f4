"""Notifications (off by default): a webhook and an e-mail tell who a document now waits for."""

from __future__ import annotations

import json
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

from tests.api.conftest import draft_paragraphs, free_port, make_docx, start_server, stop_server, upload


class _Hook(BaseHTTPRequestHandler):
    got: list = []

    def do_POST(self):  # noqa: N802
        n = int(self.headers.get("content-length", 0))
        _Hook.got.append(json.loads(self.rfile.read(n).decode("utf-8")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_a):
        pass


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive messages (EHLO, MAIL, RCPT, DATA, QUIT)."""

    mails: list = []

    def handle(self):
        self.wfile.write(b"220 test ESMTP\r\n")
        rcpt, data = [], None
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").strip()
            up = cmd.upper()
            if data is not None:
                if cmd == ".":
                    _Smtp.mails.append({"rcpt": rcpt, "data": b"\r\n".join(data)})
                    rcpt, data = [], None
                    self.wfile.write(b"250 ok\r\n")
                else:
                    data.append(line.rstrip(b"\r\n"))
                continue
            if up.startswith("EHLO") or up.startswith("HELO"):
                self.wfile.write(b"250 test\r\n")
            elif up.startswith("RCPT"):
                rcpt.append(cmd.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 ok\r\n")
            elif up.startswith("DATA"):
                data = []
                self.wfile.write(b"354 go\r\n")
            elif up.startswith("QUIT"):
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def _wait(pred, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.1)
    return False


def test_webhook_and_mail_name_who_waits(tmp_path):
    hook = HTTPServer(("127.0.0.1", free_port()), _Hook)
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", free_port()), _Smtp)
    for s in (hook, smtp):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    srv = start_server("sqlite", tmp_path, "", {
        "REVIEWER_NOTIFY_WEBHOOK": f"http://127.0.0.1:{hook.server_address[1]}/hook",
        "REVIEWER_SMTP_HOST": "127.0.0.1", "REVIEWER_SMTP_PORT": str(smtp.server_address[1]),
        "REVIEWER_SMTP_DOMAIN": "example.gov.cn", "REVIEWER_BASE_URL": "http://reviewer.example"})
    try:
        _Hook.got.clear()
        _Smtp.mails.clear()
        doc = upload(srv.client("drafter"), make_docx(draft_paragraphs())).json()
        assert _wait(lambda: _Hook.got), "no webhook after the scan"
        msg = _Hook.got[-1]
        assert msg["event"] == "document.waiting" and msg["case_id"] == doc["id"] and msg["state"] == "scanned"
        assert msg["step"] == "删除审批" and msg["users"] == ["officer"] and msg["names"] == ["李保密"]
        assert msg["url"] == f"http://reviewer.example/documents/{doc['id']}/review"
        assert _wait(lambda: _Smtp.mails)
        mail = _Smtp.mails[-1]
        assert mail["rcpt"] == ["officer@example.gov.cn"]
        from email import message_from_bytes, policy

        parsed = message_from_bytes(mail["data"], policy=policy.default)
        assert parsed["Subject"].startswith("【待您处理】删除审批：") and parsed["To"] == "officer@example.gov.cn"
        assert f"http://reviewer.example/documents/{doc['id']}/review" in parsed.get_content()

        officer = srv.client("officer")
        findings = doc["current_version"]["scan"]["findings"]
        officer.post(f"/api/documents/{doc['id']}/decisions", json={"decisions": [
            {"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]})
        _Hook.got.clear()
        assert officer.post(f"/api/documents/{doc['id']}/redactions/approve", json={}).status_code == 200
        assert _wait(lambda: _Hook.got)
        msg = _Hook.got[-1]
        assert msg["state"] == "redactions_approved" and msg["step"] == "承办人员初审"
        assert msg["users"] == ["drafter"]                       # 综合科 only, not drafter2 of 法规科
        _Hook.got.clear()
        r = srv.client("drafter").post(f"/api/documents/{doc['id']}/sign", json={"tier": 1, "opinion": "同意"})
        assert r.status_code == 200
        assert _wait(lambda: _Hook.got) and _Hook.got[-1]["users"] == ["head"]
    finally:
        stop_server(srv)
        hook.shutdown()
        smtp.shutdown()


def test_notifications_are_off_by_default():
    import os

    from api import notify

    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith(("REVIEWER_NOTIFY", "REVIEWER_SMTP"))}
    try:
        assert notify.enabled() is False
    finally:
        os.environ.update(saved)
