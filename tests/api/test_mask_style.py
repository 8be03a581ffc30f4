"""The mask style chosen at approval reaches the published file, the version, the audit trail
and the redaction log — through the JSON API and through the 删除审批 page's form."""

from __future__ import annotations

import json

import sqlalchemy as sa

from reviewer.redaction.masks import MaskStyle
from tests.api.conftest import DEMO_PASSWORD, ID_NUMBER, docx_text
from tests.api.helpers import scanned

PARTIAL_ID = ID_NUMBER[:6] + "*" * (len(ID_NUMBER) - 10) + ID_NUMBER[-4:]      # 110105********002X
PLACEHOLDER = "〔已删除：个人隐私〕"


def _decided(server) -> int:
    doc = scanned(server)
    findings = doc["current_version"]["scan"]["findings"]
    assert any(f["type"] == "id_card" and f["text"] == ID_NUMBER for f in findings)
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]
    r = server.client("officer").post(f"/api/documents/{doc['id']}/decisions", json={"decisions": decisions})
    assert r.status_code == 200, r.text
    return doc["id"]


def _stored(server, case_id: int) -> tuple[str | None, dict]:
    """(versions.mask_style, the stored redaction log) straight from the server's database."""
    engine = sa.create_engine(server.db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(sa.text("SELECT v.mask_style, v.redaction_log FROM versions v JOIN cases c "
                                       "ON c.current_version_id = v.id WHERE c.id = :id"), {"id": case_id}).one()
    finally:
        engine.dispose()
    return row[0], json.loads(row[1])


def _approved_event(server, case_id: int) -> dict:
    events = server.client("officer").get(f"/api/documents/{case_id}/audit").json()["events"]
    return [e for e in events if e["action"] == "redactions.approved"][-1]["data"]


def _output_text(server, case_id: int) -> tuple[str, bytes]:
    r = server.client("drafter").get(f"/api/documents/{case_id}/output")
    assert r.status_code == 200, r.text
    return docx_text(r.content), r.content


def test_mask_style_bad_style_is_refused_in_the_error_shape(server):
    case_id = _decided(server)
    officer = server.client("officer")
    for bad in ("fancy", "", "PARTIAL", 7, {"default": "partial"}):
        r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={"style": bad})
        assert r.status_code == 422, (bad, r.text)
        err = r.json()["error"]
        assert err["code"] == "validation_error" and isinstance(err["details"], dict)
        assert any("style" in json.dumps(f) for f in err["details"].get("fields", [])), err
    # nothing was approved by the refused requests
    assert officer.get(f"/api/documents/{case_id}").json()["state"] == "scanned"


def test_mask_style_partial_reaches_the_published_file(server):
    case_id = _decided(server)
    r = server.client("officer").post(f"/api/documents/{case_id}/redactions/approve",
                                      json={"attribute": "proactive", "style": "partial", "comment": "删除后主动公开"})
    assert r.status_code == 200, r.text
    assert r.json()["current_version"]["mask_style"] == "partial"
    text, raw = _output_text(server, case_id)
    assert PARTIAL_ID in text                               # first 6 and last 4 digits, * between
    assert ID_NUMBER not in text and "19491231" not in text and ID_NUMBER.encode() not in raw
    assert PLACEHOLDER not in text
    style, log = _stored(server, case_id)
    assert style == "partial" and log["mask_style"] == "partial"
    assert log["style"] == MaskStyle.coerce("partial").to_dict()
    assert any(rm["mode"] == "partial" and rm["type"] == "id_card" for rm in log["removals"])
    assert _approved_event(server, case_id)["mask_style"] == "partial"


def test_mask_style_label_gives_the_placeholder(server):
    case_id = _decided(server)
    r = server.client("officer").post(f"/api/documents/{case_id}/redactions/approve",
                                      json={"attribute": "proactive", "style": "label", "comment": "删除后主动公开"})
    assert r.status_code == 200, r.text
    text, raw = _output_text(server, case_id)
    assert PLACEHOLDER in text
    assert ID_NUMBER[:6] not in text and ID_NUMBER[-4:] not in text and PARTIAL_ID not in text
    assert ID_NUMBER.encode() not in raw
    style, log = _stored(server, case_id)
    assert style == "label" and log["mask_style"] == "label"
    assert all(rm["mode"] == "label" for rm in log["removals"])
    assert _approved_event(server, case_id)["mask_style"] == "label"


def test_mask_style_omitted_is_the_redaction_default(server):
    """No style: reviewer.redaction's default (partial masks for ID numbers, the label for the rest)."""
    case_id = _decided(server)
    r = server.client("officer").post(f"/api/documents/{case_id}/redactions/approve", json={})
    assert r.status_code == 200, r.text
    assert r.json()["current_version"]["mask_style"] == "default"
    text, _raw = _output_text(server, case_id)
    assert ID_NUMBER not in text and PARTIAL_ID in text
    assert "〔已删除：" in text and "内部资料" not in text          # the 内部资料 mark gets the label
    style, log = _stored(server, case_id)
    assert style == "default" and log["style"] == MaskStyle().to_dict()
    assert _approved_event(server, case_id)["mask_style"] == "default"


def test_mask_style_from_the_review_page_form(server):
    """The 删除审批 page posts its mask select (``mask``) with the approval; ``block`` → ■■■."""
    case_id = _decided(server)
    web = server.client()
    r = web.post("/api/auth/login", json={"username": "officer", "password": DEMO_PASSWORD})
    assert r.status_code == 200, r.text
    csrf = r.json()["csrf_token"]
    r = web.post(f"/documents/{case_id}/approve", data={"csrf_token": csrf, "attribute": "proactive",
                                                         "mask": "nonsense", "comment": ""})
    assert r.status_code == 422 and "Traceback" not in r.text
    r = web.post(f"/documents/{case_id}/approve", data={"csrf_token": csrf, "attribute": "proactive",
                                                         "mask": "block", "comment": "整段涂黑"})
    assert r.status_code == 303 and r.headers["location"] == f"/documents/{case_id}/sign", r.text
    text, raw = _output_text(server, case_id)
    assert "■■■" in text and ID_NUMBER not in text and ID_NUMBER[:6] not in text and PLACEHOLDER not in text
    assert ID_NUMBER.encode() not in raw
    style, log = _stored(server, case_id)
    assert style == "block" and log["mask_style"] == "block"
    page = web.get(f"/documents/{case_id}/sign")
    assert page.status_code == 200 and "整段涂黑 ■■■" in page.text
