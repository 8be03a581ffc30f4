"""The document page lists recognised (lawful) items apart from the findings, collapsed; the security
officer turns one into a finding with one click; the attribute box shows why a person must confirm."""

from __future__ import annotations

import pytest

from tests.api.conftest import ID_NUMBER, make_docx, upload
from tests.web.conftest import assert_no_traceback

pytestmark = pytest.mark.browser


def test_recognised_items_are_collapsed_and_can_be_promoted(session_factory, web_server):
    paras = ["关于做好2024年困难群众走访慰问工作的通知", f"走访对象张建国，身份证号{ID_NUMBER}。",
             "联系人：办公室李秀英，电话：0311-87654321。"]
    r = upload(web_server.client("drafter"), make_docx(paras))
    assert r.status_code == 201, r.text
    case_id = r.json()["id"]
    s = session_factory("officer")
    s.page.goto(f"/documents/{case_id}")
    assert_no_traceback(s.page.content())
    box = s.page.locator("#recognised")
    assert "识别为依法可公开的内容" in box.inner_text()
    item = box.locator("li.recognised", has_text="0311-87654321")
    assert not item.is_visible()                                   # collapsed until opened
    assert "0311-87654321" not in s.page.locator("ol.findings:not(.recognised-list)").first.inner_text()
    box.locator("summary").click()
    assert item.is_visible() and "第二十条" in item.inner_text()
    s.shot("recognised-list")
    s.page.once("dialog", lambda d: d.accept("实为个人电话"))
    with s.page.expect_navigation():
        item.locator("button.promote").click()
    findings = s.page.locator("ol.findings:not(.recognised-list)").first
    assert "0311-87654321" in findings.inner_text()                 # now a finding to decide
    assert "已由" in findings.inner_text()
    s.shot("recognised-promoted")


def test_the_drafter_sees_no_promote_button(session_factory, web_server):
    r = upload(web_server.client("drafter"), make_docx(["关于某事的通知", "联系人：办公室李秀英，电话：0311-87654321。"]))
    s = session_factory("drafter")
    s.page.goto(f"/documents/{r.json()['id']}")
    assert s.page.locator("#recognised").count() == 1
    assert s.page.locator("button.promote").count() == 0


def test_needs_human_reasons_are_shown_first(session_factory, web_server):
    r = upload(web_server.client("drafter"), "内容".encode("utf-8"), name="short.txt")
    assert r.status_code == 201, r.text
    s = session_factory("officer")
    s.page.goto(f"/documents/{r.json()['id']}")
    banner = s.page.locator("#attribute-box #needs-human")
    assert "文本内容过少" in banner.inner_text()
