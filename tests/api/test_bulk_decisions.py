"""Bulk decisions (a type, the same text, all `redact` suggestions) with one reason; undoing a
decision and removing a manual mark before approval; withdrawing an approval before signing."""

from __future__ import annotations

from tests.api.helpers import scanned, sign


def test_bulk_undo_and_withdraw(server):
    doc = scanned(server, "困难群众李小红（身份证号：110105194912310029）同时慰问，另有困难群众王小明（身份证号：110105194912310029）的家属。")
    case_id = doc["id"]
    officer = server.client("officer")
    findings = doc["current_version"]["scan"]["findings"]
    names = [f for f in findings if f["type"] == "person_name"]
    assert len(names) == 3 and sum(1 for f in names if f["text"] == "王小明") == 2
    r = officer.post(f"/api/documents/{case_id}/decisions/bulk",
                     json={"select": "type", "type": "person_name", "decision": "accept", "reason": "困难群众个人信息"})
    assert r.status_code == 200, r.text
    assert r.json()["count"] == len(names)
    doc = officer.get(f"/api/documents/{case_id}").json()
    decided = {f["id"]: f["decision"] for f in doc["current_version"]["scan"]["findings"]}
    assert all(decided[f["id"]]["decision"] == "accept" and decided[f["id"]]["reason"] == "困难群众个人信息" for f in names)
    r = officer.post(f"/api/documents/{case_id}/decisions/bulk",
                     json={"select": "text", "text": "王小明", "decision": "reject", "reason": "经本人同意"})
    assert r.status_code == 200 and r.json()["count"] == sum(1 for f in findings if f["text"] == "王小明")
    r = officer.post(f"/api/documents/{case_id}/decisions/bulk", json={"select": "suggested", "decision": "accept"})
    assert r.status_code == 200 and r.json()["count"] == sum(1 for f in findings if f["action"] == "redact")
    r = officer.post(f"/api/documents/{case_id}/decisions/bulk", json={"select": "type", "type": "nothing", "decision": "accept"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "nothing_selected"
    assert server.client("drafter").post(f"/api/documents/{case_id}/decisions/bulk",
                                         json={"select": "suggested", "decision": "accept"}).status_code == 403

    # undo one decision: it is undecided again, and approval asks for it
    block = next(f for f in findings if f["action"] == "block")
    assert officer.post(f"/api/documents/{case_id}/decisions",
                        json={"decisions": [{"finding_id": block["id"], "decision": "accept"}]}).status_code == 200
    assert officer.delete(f"/api/documents/{case_id}/decisions/{block['id']}").status_code == 204
    assert officer.delete(f"/api/documents/{case_id}/decisions/{block['id']}").status_code == 404
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={})
    assert r.status_code == 409 and block["id"] in r.json()["error"]["details"]["finding_ids"]
    assert officer.post(f"/api/documents/{case_id}/decisions",
                        json={"decisions": [{"finding_id": block["id"], "decision": "accept"}]}).status_code == 200
    # a manual mark, removed again
    text = officer.get(f"/api/documents/{case_id}/text").json()["text"]
    start = text.index("慰问资金")
    span = officer.post(f"/api/documents/{case_id}/manual-spans", json={"start": start, "end": start + 4}).json()
    assert officer.delete(f"/api/documents/{case_id}/manual-spans/{span['id']}").status_code == 204
    assert officer.get(f"/api/documents/{case_id}").json()["current_version"]["manual_spans"] == []

    # withdraw the approval before anyone signs; not after
    assert officer.post(f"/api/documents/{case_id}/redactions/approve", json={}).status_code == 200
    assert officer.post(f"/api/documents/{case_id}/redactions/withdraw", json={"reason": " "}).status_code == 422
    r = officer.post(f"/api/documents/{case_id}/redactions/withdraw", json={"reason": "漏删一处联系电话"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "scanned" and r.json()["current_version"]["output_sha256"] is None
    assert officer.post(f"/api/documents/{case_id}/redactions/approve", json={}).status_code == 200
    assert sign(server, "drafter", case_id, 1).status_code == 200
    r = officer.post(f"/api/documents/{case_id}/redactions/withdraw", json={"reason": "太晚了"})
    assert r.status_code == 409
    actions = [e["action"] for e in officer.get(f"/api/documents/{case_id}/audit").json()["events"]]
    for a in ("redactions.undone", "redactions.manual_span_removed", "redactions.withdrawn"):
        assert a in actions
