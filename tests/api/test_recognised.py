"""Recognised (lawful) items: listed apart from findings, and promoted to a finding by the officer."""

from __future__ import annotations

from tests.api.conftest import ID_NUMBER, make_docx, upload


def _scan(doc: dict) -> dict:
    return doc["current_version"]["scan"]


def test_official_contact_is_recognised_and_can_be_promoted(server):
    drafter, officer = server.client("drafter"), server.client("officer")
    paras = ["关于做好2024年困难群众走访慰问工作的通知",
             f"走访对象张建国，身份证号{ID_NUMBER}。",
             "联系人：办公室李秀英，电话：0311-87654321。"]
    r = upload(drafter, make_docx(paras))
    assert r.status_code == 201, r.text
    doc = r.json()
    scan = _scan(doc)
    assert scan["contract_version"] == "2"
    found = {f["text"] for f in scan["findings"]}
    lawful = {r["text"]: r for r in scan["recognised"]}
    assert ID_NUMBER in found
    assert "0311-87654321" in lawful and "0311-87654321" not in found
    item = lawful["0311-87654321"]
    assert item["id"].startswith("R") and item["rule"] == "official_contact"
    assert "第二十条" in item["lawful_basis"] and item["reason"]

    url = f"/api/documents/{doc['id']}/recognised/{item['id']}/promote"
    assert drafter.post(url, json={"reason": "x"}).status_code == 403          # only the officer decides
    r = officer.post(url, json={"reason": "实为个人电话"})
    assert r.status_code == 201, r.text
    promoted = r.json()["finding"]
    assert promoted["id"] == "F" + item["id"][1:] and promoted["action"] == "review"

    doc = officer.get(f"/api/documents/{doc['id']}").json()
    scan = _scan(doc)
    assert promoted["id"] in {f["id"] for f in scan["findings"]}
    assert item["id"] not in {r["id"] for r in scan["recognised"]}
    # it is now a finding like any other: the officer can decide it
    r = officer.post(f"/api/documents/{doc['id']}/decisions",
                     json={"decisions": [{"finding_id": promoted["id"], "decision": "accept"}]})
    assert r.status_code == 200, r.text
    # promoting twice is a clear 404, and unknown fields are refused
    assert officer.post(url, json={}).status_code == 404
    assert officer.post(url, json={"comment": "x"}).status_code == 422
