"""退回修改: the officer returns a draft with a comment; the drafter sees it and uploads a revision."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import assert_no_traceback
from tests.web.helpers import draft_docx

pytestmark = pytest.mark.browser


def test_return_with_comment_then_revised_draft(session_factory):
    drafter = session_factory("drafter")
    drafter.page.goto("/upload")
    drafter.page.set_input_files("#file", files=[{"name": "初稿.docx", "mimeType": "application/octet-stream",
                                                  "buffer": draft_docx()}])
    drafter.page.click("#upload-btn")
    drafter.page.wait_for_url(re.compile(r".*/documents/\d+$"))
    case_id = drafter.page.url.rsplit("/", 1)[1]

    officer = session_factory("officer")
    officer.page.goto(f"/documents/{case_id}/sign")
    officer.page.fill(".return-form textarea[name=opinion]", "请删除困难群众的身份证号后重新提交")
    officer.page.click(".return-form button")
    officer.page.wait_for_load_state()
    assert_no_traceback(officer.page.content())
    assert "已退回修改" in officer.page.locator(".state").inner_text()

    page = drafter.page
    page.goto(f"/documents/{case_id}")
    banner = page.locator("#returned")
    assert "请删除困难群众的身份证号后重新提交" in banner.inner_text() and "李保密" in banner.inner_text()
    assert "退回修改" in page.locator("#history").inner_text()
    drafter.shot("15-document-returned")
    page.click("#revise-form button")                          # nothing chosen
    assert "请选择修改后的文件" in page.locator(".msg").inner_text()
    assert page.locator("#error-code").inner_text() == "no_file"
    page.goto(f"/documents/{case_id}")
    page.set_input_files("#revise-form input[type=file]", files=[{"name": "修改稿.docx", "mimeType": "application/octet-stream",
                                                                  "buffer": draft_docx()}])
    page.click("#revise-form button")
    page.wait_for_url(re.compile(rf".*/documents/{case_id}$"))
    assert "第 2 稿" in page.locator(".subnav").inner_text()
    assert "待删除审批" in page.locator(".state").inner_text()
    assert "上传修改稿" in page.locator("#history").inner_text()


def test_a_tier_returns_for_revision_with_a_comment(session_factory, web_server):
    from tests.api.helpers import approved, sign

    doc = approved(web_server)
    case_id = doc["id"]
    assert sign(web_server, "drafter", case_id, 1, opinion="拟公开").status_code == 200
    head = session_factory("head")
    page = head.page
    page.goto(f"/documents/{case_id}/sign")
    assert page.locator("#sign-form input[name=tier]").get_attribute("value") == "2"
    page.check("#sign-form input[value=return]")
    page.click("#sign-form button")                            # no comment
    assert page.locator("#error-code").inner_text() == "comment_required"
    assert "须填写意见" in page.locator(".msg").inner_text()
    page.goto(f"/documents/{case_id}/sign")
    page.check("#sign-form input[value=return]")
    page.fill("#sign-form textarea[name=opinion]", "请补充慰问资金来源后再报")
    page.click("#sign-form button")
    page.wait_for_load_state()
    assert "已退回修改" in page.locator(".state").inner_text()
    drafter = session_factory("drafter")
    drafter.page.goto(f"/documents/{case_id}")
    assert "请补充慰问资金来源后再报" in drafter.page.locator("#returned").inner_text()
    assert "承办部门负责人审核：退回修改" in drafter.page.locator("#history").inner_text()
    assert drafter.page.locator("#revise-form").count() == 1
