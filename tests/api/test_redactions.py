"""Redaction decisions and manual spans: what the officer may mark, and that it is really removed."""

from __future__ import annotations

from tests.api.conftest import ID_NUMBER, docx_text
from tests.api.helpers import scanned


def test_redactions_manual_span_is_removed_from_the_output(server):
    doc = scanned(server)
    case_id = doc["id"]
    officer = server.client("officer")
    scan = officer.get(f"/api/documents/{case_id}").json()["current_version"]["scan"]
    findings = scan["findings"]
    # the span must lie in the text
    r = officer.post(f"/api/documents/{case_id}/manual-spans", json={"start": 10, "end": 10_000_000})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_span"
    # find 王小明 through a finding's offsets: the name sits just before the ID number's context
    idf = next(f for f in findings if f["type"] == "id_card")
    original = server.client("drafter").get(f"/api/documents/{case_id}/original").content
    text_before_id = "王小明（身份证号："
    start = idf["start"] - len(text_before_id)
    r = officer.post(f"/api/documents/{case_id}/manual-spans",
                     json={"start": start, "end": start + 3, "reason": "困难群众姓名", "basis": "《中华人民共和国政府信息公开条例》第十五条"})
    assert r.status_code == 201, r.text
    assert r.json()["text"] == "王小明"
    # keeping a 不得公开 finding needs a reason; unknown findings are refused
    block = next(f for f in findings if f["action"] == "block")
    r = officer.post(f"/api/documents/{case_id}/decisions",
                     json={"decisions": [{"finding_id": block["id"], "decision": "reject"}]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "reason_required"
    r = officer.post(f"/api/documents/{case_id}/decisions",
                     json={"decisions": [{"finding_id": "Fnope", "decision": "accept"}]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "unknown_finding"
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]
    assert officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions}).status_code == 200
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={"attribute": "proactive", "comment": "删除后主动公开"})
    assert r.status_code == 200, r.text
    out = server.client("drafter").get(f"/api/documents/{case_id}/output").content
    text = docx_text(out)
    assert "王小明" not in text and ID_NUMBER not in text and "王小明" in docx_text(original)
    rec = server.client("drafter").get(f"/api/documents/{case_id}/record").json()
    manual = [w for w in rec["withheld"] if w["manual"]]
    assert manual and manual[0]["what"] == "困难群众姓名" and "王小明" not in manual[0]["excerpt"]
    # after approval nobody changes the decisions
    r = officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions})
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
