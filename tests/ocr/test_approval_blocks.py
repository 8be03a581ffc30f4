"""A page OCR could not read blocks approval until the security officer has checked it by
eye; the mark is audited.  In-process app on real SQLite."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from api.accounts import create_user
from api.app import create_app
from api.settings import Settings
from reviewer.synth.scan_render import image_pdf
from tests.ocr.helpers import small_page


@pytest.fixture
def app(tmp_path):
    app = create_app(Settings(data_dir=tmp_path / "d", rate_limit_per_minute=100000, upload_rate_per_minute=100000),
                     start_worker=False)
    with TestClient(app) as client:
        rt = app.state.runtime
        with rt.sessions() as db:
            create_user(rt, db, "wang", "王承办", "password-123", ["drafter"], "综合科")
            create_user(rt, db, "li", "李保密", "password-123", ["security_officer"], "保密办")
        yield client


def _as(client, user):
    tok = client.post("/api/auth/token", json={"username": user, "password": "password-123"}).json()
    return {"Authorization": f"Bearer {tok['access_token']}"}


def _two_page_scan(people) -> bytes:
    name, idn, _, _ = people[0]
    readable = small_page([f"{name} 身份证号 {idn}"], page_mm=(140, 20))
    rng = np.random.default_rng(5)
    smudge = Image.fromarray((rng.random((readable.height, readable.width)) * 255).astype("uint8")).convert("RGB")
    return image_pdf([readable, smudge])


def test_unreadable_page_blocks_approval_until_checked_by_eye(app, ocr_engine, people):
    drafter, officer = _as(app, "wang"), _as(app, "li")
    r = app.post("/api/documents", headers=drafter, files={"file": ("公示.pdf", _two_page_scan(people))})
    assert r.status_code in (200, 201), r.text
    case_id = r.json()["id"]
    doc = app.get(f"/api/documents/{case_id}", headers=officer).json()
    scan = doc["current_version"]["scan"]
    findings = scan["findings"]
    assert "ocr_unreadable" in {w["code"] for w in scan["warnings"]}
    assert any(f["type"] == "id_card" and f["text"] == people[0][1] for f in findings)
    status = app.get(f"/api/documents/{case_id}/page-checks", headers=officer).json()
    assert status["unreadable"] == [2] and status["unchecked"] == [2]
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings if f["action"] in ("redact", "block")]
    assert app.post(f"/api/documents/{case_id}/decisions", headers=officer,
                    json={"decisions": decisions}).status_code == 200
    approve = {"attribute": "proactive", "comment": "删除后主动公开"}
    r = app.post(f"/api/documents/{case_id}/redactions/approve", headers=officer, json=approve)
    assert r.status_code == 409 and r.json()["error"]["code"] == "pages_unchecked"
    assert r.json()["error"]["details"]["pages"] == [2]
    assert "目视核对" in r.json()["error"]["message"] or "pages" in r.json()["error"]["message"]
    # only listed pages, and a note is needed
    bad = app.post(f"/api/documents/{case_id}/page-checks", headers=officer, json={"pages": [1], "note": "看过了"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_pages"
    # the drafter may not mark pages
    assert app.post(f"/api/documents/{case_id}/page-checks", headers=drafter,
                    json={"pages": [2], "note": "看过了"}).status_code == 403
    ok = app.post(f"/api/documents/{case_id}/page-checks", headers=officer,
                  json={"pages": [2], "note": "第2页为污损图像，已目视核对，无可辨认文字"})
    assert ok.status_code == 200 and ok.json()["unchecked"] == [] and ok.json()["checked"]["2"]["by"]
    r = app.post(f"/api/documents/{case_id}/redactions/approve", headers=officer, json=approve)
    assert r.status_code == 200, r.text
    out = app.get(f"/api/documents/{case_id}/output", headers=officer).content
    assert people[0][1].encode() not in out
    rt = app.app.state.runtime
    with rt.sessions() as db:
        from sqlalchemy import select

        from api.models import AuditEvent

        actions = [e.action for e in db.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id))]
    assert "pages.checked" in actions and actions.index("pages.checked") < actions.index("redactions.approved")
    # the record names the page, why it could not be read, who looked at it and what they found
    record = app.get(f"/api/documents/{case_id}/record", headers=officer).json()
    (row,) = record["unreadable_pages"]
    assert row[0] == "第2页" and row[1] and row[2] == "李保密" and "无可辨认文字" in row[4]
    docx_bytes = app.get(f"/api/documents/{case_id}/record?format=docx", headers=officer).content
    import io as _io
    import docx as _docx

    text = "\n".join(c.text for t in _docx.Document(_io.BytesIO(docx_bytes)).tables for r in t.rows for c in r.cells)
    assert "文字识别不可靠的页面" in "\n".join(p.text for p in _docx.Document(_io.BytesIO(docx_bytes)).paragraphs) \
        or "文字识别不可靠的页面" in text


def test_review_page_shows_the_page_picture_with_boxes_and_the_check_form(app, ocr_engine, people):
    import io

    drafter, officer = _as(app, "wang"), _as(app, "li")
    case_id = app.post("/api/documents", headers=drafter,
                       files={"file": ("公示.pdf", _two_page_scan(people))}).json()["id"]
    assert app.post("/api/auth/login", json={"username": "li", "password": "password-123"}).status_code == 200
    html = app.get(f"/documents/{case_id}/review").text
    assert 'id="page-pictures"' in html and f"/documents/{case_id}/pages/1.png" in html
    assert "第 2 页无法可靠识别" in html and "已目视核对本页" in html
    png = app.get(f"/documents/{case_id}/pages/1.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    img = Image.open(io.BytesIO(png.content)).convert("RGB")
    reds = sum(1 for px in img.getdata() if px[0] > 180 and px[1] < 80 and px[2] < 80)
    assert reds > 100                       # the ID number's box is outlined in red
    assert app.get(f"/documents/{case_id}/pages/9.png").status_code == 404


def test_a_box_drawn_on_an_unreadable_page_is_painted_out_and_unblocks(app, ocr_engine, people):
    import io

    import pypdfium2 as pdfium

    drafter, officer = _as(app, "wang"), _as(app, "li")
    case_id = app.post("/api/documents", headers=drafter,
                       files={"file": ("公示.pdf", _two_page_scan(people))}).json()["id"]
    scan = app.get(f"/api/documents/{case_id}", headers=officer).json()["current_version"]["scan"]
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in scan["findings"]
                 if f["action"] in ("redact", "block")]
    app.post(f"/api/documents/{case_id}/decisions", headers=officer, json={"decisions": decisions})
    bad = app.post(f"/api/documents/{case_id}/page-checks/boxes", headers=officer,
                   json={"page": 2, "bbox": [50, 10, 40, 30]})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad_manual_box"
    r = app.post(f"/api/documents/{case_id}/page-checks/boxes", headers=officer,
                 json={"page": 2, "bbox": [20, 10, 200, 40], "note": "污损处疑有姓名，整块删除"})
    assert r.status_code == 200 and r.json()["unchecked"] == [] and r.json()["boxed"] == ["2"]
    r = app.post(f"/api/documents/{case_id}/redactions/approve", headers=officer,
                 json={"attribute": "proactive", "comment": "删除后主动公开"})
    assert r.status_code == 200, r.text
    out = app.get(f"/api/documents/{case_id}/output", headers=officer).content
    pdf = pdfium.PdfDocument(out)
    page = pdf[1]
    img = page.render(scale=1).to_pil().convert("L")
    h = img.height
    from PIL import ImageStat

    inside = ImageStat.Stat(img.crop((40, h - 35, 180, h - 15))).mean[0]
    outside = ImageStat.Stat(img.crop((260, h - 35, 360, h - 15))).mean[0]
    assert inside < 20 and outside > 60                          # the drawn box is black, the rest is the scan
    pdf.close()
    log = app.get(f"/api/documents/{case_id}", headers=officer).json()
    assert log["state"] == "redactions_approved"
