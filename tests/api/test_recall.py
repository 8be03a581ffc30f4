"""Recall of a published document: 单位负责人 only, with a reason, audited; the public copy is
no longer served (410 recalled), the record states the recall, the signatures still verify."""

from __future__ import annotations

from tests.api.helpers import scanned, sign


def published(server) -> int:
    doc = scanned(server)
    case_id, officer = doc["id"], server.client("officer")
    findings = doc["current_version"]["scan"]["findings"]
    officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": [
        {"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]})
    r = officer.post(f"/api/documents/{case_id}/redactions/approve",
                     json={"attribute": "proactive", "comment": "删除后主动公开"})
    assert r.status_code == 200, r.text
    return case_id


def test_recall_a_published_document(server):
    case_id = published(server)
    for username, tier in (("drafter", 1), ("head", 2), ("unithead", 3)):
        assert sign(server, username, case_id, tier).status_code == 200
    unithead = server.client("unithead")
    doc = unithead.get(f"/api/documents/{case_id}").json()
    assert doc["state"] == "published" and "recall" in doc["allowed_actions"]
    assert unithead.get(f"/api/documents/{case_id}/output").status_code == 200
    r = server.client("head").post(f"/api/documents/{case_id}/recall", json={"reason": "发现遗漏的个人信息"})
    assert r.status_code == 403
    r = unithead.post(f"/api/documents/{case_id}/recall", json={"reason": " "})
    assert r.status_code == 422 and r.json()["error"]["code"] == "reason_required"
    r = unithead.post(f"/api/documents/{case_id}/recall", json={"reason": "发现遗漏的个人信息"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "recalled" and "recall" not in r.json()["allowed_actions"]
    r = server.client("drafter").get(f"/api/documents/{case_id}/output")
    assert r.status_code == 410
    err = r.json()["error"]
    assert err["code"] == "recalled" and err["details"]["reason"] == "发现遗漏的个人信息" and "撤回" in err["message"]
    assert unithead.post(f"/api/documents/{case_id}/recall", json={"reason": "再次"}).status_code == 409
    rec = unithead.get(f"/api/documents/{case_id}/record").json()
    assert "已撤回发布" in rec["conclusion"] and "发现遗漏的个人信息" in rec["conclusion"]
    events = unithead.get(f"/api/documents/{case_id}/audit").json()["events"]
    assert [e for e in events if e["action"] == "document.recalled"][0]["data"]["reason"] == "发现遗漏的个人信息"
    v = unithead.get(f"/api/documents/{case_id}/signatures/verify").json()
    assert v["valid"] is True, v
    listed = unithead.get("/api/documents", params={"state": "recalled"}).json()
    assert case_id in [d["id"] for d in listed["items"]]
