"""The whole review through HTTP against a real server process and a real database.

Drafter uploads a DOCX with an ID number and a 内部资料 mark → findings come back → the
security officer accepts the removals → the drafter (tier 1), the department head (tier 2)
and the unit head (tier 3) sign → the published output really lacks the ID number, the
record exports as DOCX and PDF, and the signatures and the audit chain verify.
"""

from __future__ import annotations

import io

from tests.api.conftest import ID_NUMBER, docx_text, draft_paragraphs, make_docx, upload


def _findings(doc: dict) -> list[dict]:
    return doc["current_version"]["scan"]["findings"]


def test_scenario_upload_review_sign_publish(server):
    drafter, officer = server.client("drafter"), server.client("officer")
    head, unithead = server.client("head"), server.client("unithead")

    r = upload(drafter, make_docx(draft_paragraphs()))
    assert r.status_code == 201, r.text
    doc = r.json()
    case_id = doc["id"]
    assert doc["state"] == "scanned"
    findings = _findings(doc)
    types = {f["type"]: f for f in findings}
    assert "id_card" in types and types["id_card"]["text"] == ID_NUMBER
    assert types["id_card"]["action"] == "redact"
    assert "warning_label" in types and types["warning_label"]["action"] == "block"
    suggestion = doc["current_version"]["scan"]["suggestion"]
    assert suggestion["attribute"] in ("proactive", "on_request", "not_public") and suggestion["reasons"]
    assert doc["current_version"]["attribute"] == suggestion["attribute"]     # until the officer decides

    # drafter cannot approve redactions; officer must decide every redact/block finding first
    assert drafter.post(f"/api/documents/{case_id}/redactions/approve", json={}).status_code == 403
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={})
    assert r.status_code == 409 and r.json()["error"]["code"] == "undecided_findings"

    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]
    r = officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions})
    assert r.status_code == 200, r.text
    r = officer.post(f"/api/documents/{case_id}/redactions/approve",
                     json={"attribute": "proactive", "comment": "删除身份证号及警示字样后公开"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "redactions_approved"
    assert r.json()["current_version"]["attribute"] == "proactive"

    out = drafter.get(f"/api/documents/{case_id}/output")
    assert out.status_code == 200
    output_sha = out.headers["X-Content-SHA256"]

    for client, tier, opinion in ((drafter, 1, "已按要求删除个人信息，拟主动公开"),
                                  (head, 2, "同意公开"), (unithead, 3, "同意发布")):
        r = client.post(f"/api/documents/{case_id}/sign", json={"tier": tier, "opinion": opinion})
        assert r.status_code == 200, r.text
        assert r.json()["signature"]["output_sha256"] == output_sha
    doc = unithead.get(f"/api/documents/{case_id}").json()
    assert doc["state"] == "published"

    # the published version: the ID number is really gone (not hidden), the rest is there
    published = drafter.get(f"/api/documents/{case_id}/output").content
    assert published[:2] == b"PK"
    text = docx_text(published)
    assert ID_NUMBER not in text and "19491231" not in text
    assert ID_NUMBER.encode() not in published
    import zipfile

    with zipfile.ZipFile(io.BytesIO(published)) as z:
        for name in z.namelist():
            assert ID_NUMBER.encode() not in z.read(name), name
    assert "走访慰问" in text

    # the review record
    rec = drafter.get(f"/api/documents/{case_id}/record").json()
    assert rec["attribute_label"] == "主动公开"
    assert [s["tier"] for s in rec["signers"]] == [1, 2, 3]
    assert {s["name"] for s in rec["signers"]} == {"王承办", "张科长", "刘主任"}
    assert len(rec["withheld"]) >= 2 and all(ID_NUMBER not in w["excerpt"] for w in rec["withheld"])
    rdocx = drafter.get(f"/api/documents/{case_id}/record", params={"format": "docx"})
    assert rdocx.status_code == 200 and rdocx.content[:2] == b"PK"
    rtext = docx_text(rdocx.content)
    assert "保密审查记录" in rtext and "单位负责人审发" in rtext and "同意发布" in rtext and "刘主任" in rtext
    assert ID_NUMBER not in rtext
    rpdf = drafter.get(f"/api/documents/{case_id}/record", params={"format": "pdf"})
    assert rpdf.status_code == 200 and rpdf.content.startswith(b"%PDF")
    assert b"FontFile2" in rpdf.content          # the CJK TrueType font is embedded

    # signatures and the audit chain verify, through the API and the CLI
    v = drafter.get(f"/api/documents/{case_id}/signatures/verify").json()
    assert v["valid"] is True and v["count"] == 3
    assert all(s["output_sha256"] == output_sha for s in v["signatures"])
    a = server.client("admin").get("/api/admin/audit/verify").json()
    assert a["ok"] is True and a["events"] > 5
    actions = [e["action"] for e in drafter.get(f"/api/documents/{case_id}/audit").json()["events"]]
    for expected in ("document.uploaded", "document.scanned", "redactions.decided", "redactions.approved",
                     "tier1.approve", "tier2.approve", "tier3.approve", "document.published"):
        assert expected in actions
    res = server.cli("verify", str(case_id))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "OK" in res.stdout
    res = server.cli("audit", "verify")
    assert res.returncode == 0 and "audit chain OK" in res.stdout

    # nothing more can be signed once published
    r = unithead.post(f"/api/documents/{case_id}/sign", json={"tier": 3, "opinion": "again"})
    assert r.status_code == 409
