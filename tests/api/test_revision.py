"""Return for revision, a revised draft as a new version, and decisions carried over."""

from __future__ import annotations

from tests.api.conftest import ID_NUMBER, draft_paragraphs, make_docx
from tests.api.helpers import approved, sign


def test_revision_return_and_resubmit_carries_decisions(server):
    doc = approved(server)
    case_id = doc["id"]
    assert sign(server, "drafter", case_id, 1).status_code == 200
    head = server.client("head")
    r = head.post(f"/api/documents/{case_id}/return", json={"comment": "请补充慰问资金来源后重新报送"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "returned"
    # the return is a signed tier-2 decision, and it is in the audit trail with its comment
    v = head.get(f"/api/documents/{case_id}/signatures/verify").json()
    assert v["valid"] and [s["decision"] for s in v["signatures"]] == ["approve", "return"]
    events = head.get(f"/api/documents/{case_id}/audit").json()["events"]
    ret = [e for e in events if e["action"] == "tier2.return"]
    assert ret and ret[0]["data"]["opinion"] == "请补充慰问资金来源后重新报送"

    # a different department's drafter may not revise it; the case's department may
    files = {"file": ("v2.docx", make_docx(draft_paragraphs("慰问资金由市财政列支。")), "application/octet-stream")}
    assert server.client("drafter2").post(f"/api/documents/{case_id}/versions", files=files).status_code == 403
    r = server.client("drafter").post(f"/api/documents/{case_id}/versions", files=files)
    assert r.status_code == 201, r.text
    doc2 = r.json()
    assert doc2["state"] == "scanned" and doc2["current_version"]["version_no"] == 2
    findings = doc2["current_version"]["scan"]["findings"]
    by_type = {f["type"]: f for f in findings}
    # the 内部资料 mark and its context are unchanged: its decision is carried over; text was
    # added right after the ID number, so that finding needs a fresh decision
    assert by_type["warning_label"]["decision"]["decision"] == "accept"
    assert by_type["warning_label"]["decision"]["carried_from_version"] is not None
    undecided = [f for f in findings if f["decision"] is None and f["action"] in ("redact", "block")]
    officer = server.client("officer")
    assert [f["type"] for f in undecided] == ["id_card"]
    officer.post(f"/api/documents/{case_id}/decisions",
                 json={"decisions": [{"finding_id": f["id"], "decision": "accept"} for f in undecided]})
    # the draft's 内部资料 mark makes the suggestion 不予公开; with it removed the officer decides 主动公开
    # (left at 不予公开 the review would end withheld, not published: see test_withheld.py)
    assert officer.post(f"/api/documents/{case_id}/redactions/approve",
                        json={"attribute": "proactive", "comment": "删除警示字样后主动公开"}).status_code == 200
    # the tier-1 signature of version 1 does not count for version 2
    assert sign(server, "drafter", case_id, 1).status_code == 200
    assert sign(server, "head", case_id, 2).status_code == 200
    assert sign(server, "unithead", case_id, 3).status_code == 200
    final = server.client("drafter").get(f"/api/documents/{case_id}").json()
    assert final["state"] == "published" and len(final["versions"]) == 2
    out = server.client("drafter").get(f"/api/documents/{case_id}/output").content
    assert ID_NUMBER.encode() not in out


def test_revision_changed_context_needs_new_decision(server):
    doc = approved(server)
    case_id = doc["id"]
    officer = server.client("officer")
    # at redactions_approved tier 1 is due, so the drafter (承办人员) may return it as a signed decision
    r = server.client("drafter").post(f"/api/documents/{case_id}/return", json={"comment": "自行撤回修改"})
    assert r.status_code == 200 and r.json()["state"] == "returned"
    paragraphs = draft_paragraphs()
    paragraphs[3] = f"经研究，决定对困难群众李四（公民身份号码 {ID_NUMBER}）给予临时救助。"
    files = {"file": ("v2.docx", make_docx(paragraphs), "application/octet-stream")}
    doc2 = server.client("drafter").post(f"/api/documents/{case_id}/versions", files=files).json()
    by_type = {f["type"]: f for f in doc2["current_version"]["scan"]["findings"]}
    assert by_type["id_card"]["decision"] is None            # new context: decide again
    assert by_type["warning_label"]["decision"] is not None  # same context: carried over
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={})
    assert r.status_code == 409 and r.json()["error"]["code"] == "undecided_findings"
