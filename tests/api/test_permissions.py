"""Who may do what (docs/api.md): the 403s and 409s of the workflow."""

from __future__ import annotations

import uuid

from tests.api.helpers import approved, make_user, scanned, sign


def _err(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def test_permissions_drafter_cannot_sign_other_tiers(server):
    doc = approved(server)
    err = _err(sign(server, "drafter", doc["id"], 2), 409, "invalid_transition")   # tier 2 not due yet
    assert sign(server, "drafter", doc["id"], 1).status_code == 200
    err = _err(sign(server, "drafter", doc["id"], 2), 403, "forbidden")
    assert err["details"]["required_role"] == "dept_head"


def test_permissions_dept_head_of_other_department_is_refused(server):
    doc = approved(server)
    assert sign(server, "drafter", doc["id"], 1).status_code == 200
    err = _err(sign(server, "head2", doc["id"], 2), 403, "forbidden")
    assert err["details"]["reason"] == "other_department"
    assert sign(server, "head", doc["id"], 2).status_code == 200


def test_permissions_one_user_cannot_sign_two_tiers(server):
    name = f"both_{uuid.uuid4().hex[:6]}"
    both = make_user(server, name, ["drafter", "dept_head"], "综合科")
    doc = approved(server)
    r = both.post(f"/api/documents/{doc['id']}/sign", json={"tier": 1, "opinion": "初审同意"})
    assert r.status_code == 200, r.text
    r = both.post(f"/api/documents/{doc['id']}/sign", json={"tier": 2, "opinion": "审核同意"})
    err = _err(r, 403, "forbidden")
    assert err["details"]["reason"] == "already_signed_other_tier"


def test_permissions_only_security_officer_decides(server):
    doc = scanned(server)
    f = doc["current_version"]["scan"]["findings"][0]
    for who in ("drafter", "head", "unithead"):
        r = server.client(who).post(f"/api/documents/{doc['id']}/decisions",
                                    json={"decisions": [{"finding_id": f["id"], "decision": "accept"}]})
        _err(r, 403, "forbidden")


def test_permissions_other_department_cannot_see_document(server):
    doc = scanned(server)
    _err(server.client("drafter2").get(f"/api/documents/{doc['id']}"), 403, "forbidden")
    ids = [d["id"] for d in server.client("drafter2").get("/api/documents").json()["items"]]
    assert doc["id"] not in ids
    assert server.client("officer").get(f"/api/documents/{doc['id']}").status_code == 200


def test_permissions_only_drafters_upload_and_admin_manages_users(server):
    from tests.api.conftest import draft_paragraphs, make_docx, upload

    _err(upload(server.client("officer"), make_docx(draft_paragraphs())), 403, "forbidden")
    r = server.client("drafter").post("/api/admin/users", json={
        "username": "x1", "display_name": "x", "password": "12345678", "roles": ["admin"]})
    _err(r, 403, "forbidden")


def test_permissions_unit_head_rejects_with_comment(server):
    doc = approved(server)
    assert sign(server, "drafter", doc["id"], 1).status_code == 200
    assert sign(server, "head", doc["id"], 2).status_code == 200
    unithead = server.client("unithead")
    _err(unithead.post(f"/api/documents/{doc['id']}/reject", json={"comment": ""}), 422)
    r = unithead.post(f"/api/documents/{doc['id']}/reject", json={"comment": "涉及工作秘密，不予公开"})
    assert r.status_code == 200 and r.json()["state"] == "rejected"
    _err(sign(server, "unithead", doc["id"], 3), 409, "invalid_transition")


def test_upload_keeps_only_the_base_file_name(server):
    from tests.api.conftest import draft_paragraphs, make_docx, upload

    r = upload(server.client("drafter"), make_docx(draft_paragraphs()), name="../../etc/通知.docx")
    assert r.status_code == 201
    assert r.json()["current_version"]["filename"] == "通知.docx"
