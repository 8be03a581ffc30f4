"""A document decided 不予公开 is reviewed through all three tiers but never published: it ends
in ``withheld``, its output cannot be downloaded, and the record states the conclusion."""

from __future__ import annotations

from tests.api.conftest import DEMO_PASSWORD, ID_NUMBER, docx_text
from tests.api.helpers import scanned, sign


def test_withheld_not_public_document_is_never_published(server):
    doc = scanned(server)
    case_id = doc["id"]
    officer, drafter = server.client("officer"), server.client("drafter")
    findings = doc["current_version"]["scan"]["findings"]
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]
    assert officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions}).status_code == 200
    r = officer.post(f"/api/documents/{case_id}/redactions/approve",
                     json={"attribute": "not_public", "comment": "内部事务信息，不予公开"})
    assert r.status_code == 200, r.text
    assert r.json()["current_version"]["attribute"] == "not_public"
    # during the review the signers see (and sign) the verified output
    r = drafter.get(f"/api/documents/{case_id}/output")
    assert r.status_code == 200
    output_sha = r.headers["X-Content-SHA256"]

    for username, tier, opinion in (("drafter", 1, "拟不予公开"), ("head", 2, "同意不予公开"),
                                    ("unithead", 3, "同意，不予公开")):
        r = sign(server, username, case_id, tier, opinion=opinion)
        assert r.status_code == 200, r.text
        assert r.json()["signature"]["output_sha256"] == output_sha
    doc = server.client("unithead").get(f"/api/documents/{case_id}").json()
    assert doc["state"] == "withheld"
    assert doc["tier_due"] is None and doc["allowed_actions"] == [] and doc["signed_tiers"] == [1, 2, 3]

    # no publishable version: refused with its own code, in the error shape, for everyone
    for username in ("drafter", "officer", "unithead"):
        r = server.client(username).get(f"/api/documents/{case_id}/output")
        assert r.status_code == 409, r.text
        err = r.json()["error"]
        assert err["code"] == "withheld" and err["details"]["attribute"] == "not_public"
        assert "不予公开" in err["message"]
    # and the end state is final
    r = sign(server, "unithead", case_id, 3, opinion="again")
    assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_transition"
    r = server.client("unithead").post(f"/api/documents/{case_id}/reject", json={"comment": "x"})
    assert r.status_code == 409

    # the record exports and states the conclusion with its basis
    rec = drafter.get(f"/api/documents/{case_id}/record").json()
    assert rec["state"] == "withheld" and rec["attribute_label"] == "不予公开"
    assert "审查结论：不予公开（审查完毕，不提供公开版本）" in rec["conclusion"]
    assert "依据：" in rec["conclusion"] and "条例》第" in rec["conclusion"]
    assert "内部事务信息，不予公开" in rec["conclusion"]               # the officer's reason
    assert "区分处理" not in rec["conclusion"]
    assert [s["tier"] for s in rec["signers"]] == [1, 2, 3]
    rdocx = drafter.get(f"/api/documents/{case_id}/record", params={"format": "docx"})
    assert rdocx.status_code == 200 and rdocx.content[:2] == b"PK"
    rtext = docx_text(rdocx.content)
    assert "审查完毕，不予公开" in rtext and "审查结论：不予公开" in rtext and "同意，不予公开" in rtext
    assert ID_NUMBER not in rtext
    rpdf = drafter.get(f"/api/documents/{case_id}/record", params={"format": "pdf"})
    assert rpdf.status_code == 200 and rpdf.content.startswith(b"%PDF")

    # the audit trail says withheld, never published; signatures still verify
    actions = [e["action"] for e in drafter.get(f"/api/documents/{case_id}/audit").json()["events"]]
    assert "tier3.approve" in actions and "document.withheld" in actions and "document.published" not in actions
    v = drafter.get(f"/api/documents/{case_id}/signatures/verify").json()
    assert v["valid"] is True and v["count"] == 3

    # the pages: 不予公开 instead of a download link
    web = server.client()
    assert web.post("/api/auth/login", json={"username": "drafter", "password": DEMO_PASSWORD}).status_code == 200
    page = web.get(f"/documents/{case_id}/sign")
    assert page.status_code == 200
    assert 'id="download-output"' not in page.text and 'id="withheld-notice"' in page.text
    assert "不予公开" in page.text and "审查完毕，不予公开" in page.text
    listing = web.get("/documents")
    assert listing.status_code == 200 and "审查完毕，不予公开" in listing.text


def test_withheld_on_request_and_proactive_documents_are_published(server):
    for attribute in ("on_request", "proactive"):
        doc = scanned(server)
        case_id = doc["id"]
        officer = server.client("officer")
        findings = doc["current_version"]["scan"]["findings"]
        decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings
                     if f["action"] in ("redact", "block")]
        assert officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions}).status_code == 200
        r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={"attribute": attribute, "comment": "删除警示字样后可以公开"})
        assert r.status_code == 200, r.text
        for username, tier in (("drafter", 1), ("head", 2), ("unithead", 3)):
            assert sign(server, username, case_id, tier).status_code == 200
        assert officer.get(f"/api/documents/{case_id}").json()["state"] == "published", attribute
        r = server.client("drafter").get(f"/api/documents/{case_id}/output")
        assert r.status_code == 200 and ID_NUMBER not in docx_text(r.content)
