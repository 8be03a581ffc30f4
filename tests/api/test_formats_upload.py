"""The service takes every registered format: an XLSX roster and an OFD page are uploaded,
scanned, and each finding says where it is (sheet!cell, OFD page); the upload page's accept=
list comes from the format registry."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.accounts import create_user
from api.app import create_app
from api.settings import Settings
from reviewer import catalogue, formats
from tests.formats.ofd_build import build_ofd
from tests.formats.xlsx_build import Sheet, build_xlsx

ID1 = "11010519491231002X"


@pytest.fixture
def client(tmp_path):
    app = create_app(Settings(data_dir=tmp_path / "d"), start_worker=False)
    with TestClient(app) as c:
        rt = app.state.runtime
        with rt.sessions() as db:
            create_user(rt, db, "wang", "王", "password-123", ["drafter"], "综合科")
            create_user(rt, db, "li", "李", "password-123", ["security_officer"], "综合科")
        tok = c.post("/api/auth/token", json={"username": "wang", "password": "password-123"}).json()
        c.headers["Authorization"] = f"Bearer {tok['access_token']}"
        yield c


def _findings(client, data: bytes, name: str) -> tuple[dict, list[dict]]:
    r = client.post("/api/documents", files={"file": (name, data)})
    assert r.status_code in (201, 202), r.text
    body = client.get(r.headers["Location"]).json()
    version = body.get("current_version") or body.get("version") or body
    return version, version["scan"]["findings"]


def test_xlsx_upload_locates_findings_by_sheet_and_cell(client):
    data = build_xlsx([Sheet("低保名单", [["姓名", "身份证号"], ["张建国", ID1]])])
    version, findings = _findings(client, data, "名单.xlsx")
    assert version["format"] == "xlsx"
    f = next(f for f in findings if f["type"] == "id_card")
    assert (f["location"]["sheet"], f["location"]["cell"]) == ("低保名单", "B2")
    assert catalogue.where(f["location"]) == "低保名单!B2"


def test_ofd_upload_locates_findings_by_page(client):
    data = build_ofd([[(20, 20, f"身份证号码{ID1}")]])
    version, findings = _findings(client, data, "公示.ofd")
    assert version["format"] == "ofd"
    f = next(f for f in findings if f["type"] == "id_card")
    assert f["location"]["page"] == 1 and catalogue.where(f["location"]).startswith("第 1 页")


def test_upload_page_accepts_every_registered_extension(client):
    client.post("/api/auth/login", json={"username": "wang", "password": "password-123"})
    html = client.get("/upload").text
    for ext in formats.extensions():
        assert ext in html


@pytest.mark.parametrize("name,make", [
    ("名单.xlsx", lambda: build_xlsx([Sheet("低保名单", [["姓名", "身份证号"], ["张建国", ID1]])])),
    ("公示.ofd", lambda: build_ofd([[(20, 20, f"身份证号码{ID1}")]])),
])
def test_review_page_shows_where_each_finding_is(client, name, make):
    r = client.post("/api/documents", files={"file": (name, make())})
    case_id = r.json()["id"]
    client.post("/api/auth/login", json={"username": "wang", "password": "password-123"})
    page = client.get(f"/documents/{case_id}")
    assert page.status_code == 200
    assert ("低保名单!B2" if name.endswith(".xlsx") else "第 1 页") in page.text


def test_xlsx_published_copy_is_redacted_in_the_cell(client):
    import io

    import openpyxl

    r = client.post("/api/documents", files={"file": ("名单.xlsx", build_xlsx(
        [Sheet("低保名单", [["姓名", "身份证号", "手机"], ["张建国", ID1, "13812345678"]])]))})
    case_id = r.json()["id"]
    tok = client.post("/api/auth/token", json={"username": "li", "password": "password-123"}).json()
    officer = {"Authorization": f"Bearer {tok['access_token']}"}
    findings = client.get(f"/api/documents/{case_id}", headers=officer).json()["current_version"]["scan"]["findings"]
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in findings]
    assert client.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions}, headers=officer).status_code == 200
    r = client.post(f"/api/documents/{case_id}/redactions/approve", json={"attribute": "proactive", "comment": "删除后公开"},
                    headers=officer)
    assert r.status_code == 200, r.text
    out = client.get(f"/api/documents/{case_id}/output", headers=officer)
    assert out.headers["content-type"].startswith(formats.mime_type("xlsx"))
    ws = openpyxl.load_workbook(io.BytesIO(out.content))["低保名单"]
    assert ws["B2"].value == "110105********002X" and ws["C2"].value == "138****5678"
