"""Steps shared by the API tests: a document brought to a given state."""

from __future__ import annotations

from tests.api.conftest import draft_paragraphs, make_docx, upload


def scanned(server, extra: str = "") -> dict:
    r = upload(server.client("drafter"), make_docx(draft_paragraphs(extra)))
    assert r.status_code == 201, r.text
    return r.json()


def approved(server, extra: str = "") -> dict:
    doc = scanned(server, extra)
    officer = server.client("officer")
    findings = doc["current_version"]["scan"]["findings"]
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]
    assert officer.post(f"/api/documents/{doc['id']}/decisions", json={"decisions": decisions}).status_code == 200
    r = officer.post(f"/api/documents/{doc['id']}/redactions/approve", json={})
    assert r.status_code == 200, r.text
    return r.json()


def sign(server, username: str, case_id: int, tier: int, decision: str = "approve", opinion: str = "同意"):
    return server.client(username).post(f"/api/documents/{case_id}/sign",
                                        json={"tier": tier, "decision": decision, "opinion": opinion})


def make_user(server, username: str, roles: list[str], department: str | None, password: str = "pw-for-tests-1"):
    admin = server.client("admin")
    r = admin.post("/api/admin/users", json={"username": username, "display_name": username, "password": password,
                                             "roles": roles, "department": department})
    assert r.status_code in (201, 409), r.text
    return server.client(username, password)
