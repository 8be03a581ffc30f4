"""A page never shows a stack trace, and form errors say what to fix (in Chinese)."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import DEMO_PASSWORD
from tests.web.conftest import assert_no_traceback
from tests.web.helpers import draft_docx

pytestmark = pytest.mark.browser


def test_wrong_password_says_what_to_fix_and_keeps_the_username(session_factory):
    s = session_factory()
    page = s.page
    page.goto("/login")
    page.fill("input[name=username]", "drafter")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    page.wait_for_selector("#form-error")
    assert "用户名或密码错误" in page.locator("#form-error").inner_text()
    assert page.input_value("input[name=username]") == "drafter"
    assert "/login" in page.url
    s.shot("20-login-wrong-password")
    page.fill("input[name=username]", "")
    page.fill("input[name=password]", "")
    page.click("button[type=submit]")
    assert "请输入用户名" in page.locator("main").inner_text() and "请输入密码" in page.locator("main").inner_text()


def test_nonexistent_document_is_a_friendly_page_with_its_code(session_factory):
    s = session_factory("drafter")
    for path in ("/documents/987654", "/documents/987654/review", "/documents/987654/sign",
                 "/documents/987654/record", "/no/such/page", "/batches/nope"):
        resp = s.page.goto(path)
        html = s.page.content()
        assert resp.status in (403, 404), path
        assert_no_traceback(html)
        code = s.page.locator("#error-code").inner_text()
        assert code in ("not_found", "forbidden"), (path, code)
        assert s.page.locator("html").get_attribute("lang") == "zh-CN"
    s.page.goto("/documents/987654")
    assert "没有找到" in s.page.locator(".msg").inner_text()
    s.shot("21-error-404")
    resp = s.page.goto("/documents/not-a-number")
    assert resp.status == 422 and s.page.locator("#error-code").inner_text() == "validation_error"
    assert_no_traceback(s.page.content())


def test_upload_errors_say_what_to_fix(session_factory):
    s = session_factory("drafter")
    page = s.page
    page.goto("/upload")
    page.click("#upload-btn")                                   # nothing chosen
    assert "请先选择要上传的文件" in page.locator("#error-box").inner_text()
    page.set_input_files("#file", files=[{"name": "空文件.docx", "mimeType": "application/octet-stream", "buffer": b""}])
    page.click("#upload-btn")
    assert "是空的" in page.locator("#error-box").inner_text()
    # the server says the same when the browser's check is bypassed
    csrf = page.locator("body").get_attribute("data-csrf")
    r = s.context.request.post("/upload", multipart={
        "csrf_token": csrf, "file": {"name": "空文件.docx", "mimeType": "application/octet-stream", "buffer": b""}})
    assert r.status == 422 and "是空的" in r.text() and "空文件.docx" in r.text()
    assert_no_traceback(r.text())
    # too large: said before anything is sent (the test server allows 3 MB)
    page.set_input_files("#file", files=[{"name": "大文件.txt", "mimeType": "text/plain", "buffer": b"a" * (3 * 1024 * 1024 + 1)}])
    page.click("#upload-btn")
    assert "超过了 3 MB 的上限" in page.locator("#error-box").inner_text()
    # an image is refused with what to upload instead
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    page.set_input_files("#file", files=[{"name": "scan.png", "mimeType": "image/png", "buffer": png}])
    page.click("#upload-btn")
    page.wait_for_function("document.getElementById('error-box').textContent.includes('DOCX')")
    text = page.locator("#error-box").inner_text()
    assert "不支持此文件格式" in text and "unsupported" in text
    assert_no_traceback(page.content())
    s.shot("22-upload-error")


def test_a_form_without_its_csrf_token_is_refused_with_a_page(session_factory, web_server):
    s = session_factory("officer")
    r = s.context.request.post("/documents/1/decide", form={"finding_id": "F1", "decision": "accept"})
    assert r.status == 403 and "csrf_failed" in r.text() and "刷新页面" in r.text()
    assert_no_traceback(r.text())


def test_return_without_a_comment_says_a_comment_is_needed(session_factory):
    drafter = session_factory("drafter")
    drafter.page.goto("/upload")
    drafter.page.set_input_files("#file", files=[{"name": "d.docx", "mimeType": "application/octet-stream",
                                                  "buffer": draft_docx()}])
    drafter.page.click("#upload-btn")
    drafter.page.wait_for_url(re.compile(r".*/documents/\d+$"))
    case_id = drafter.page.url.rsplit("/", 1)[1]
    officer = session_factory("officer")
    officer.page.goto(f"/documents/{case_id}/sign")
    officer.page.click(".return-form button")                   # empty comment
    assert "须填写意见" in officer.page.locator(".msg").inner_text()
    assert officer.page.locator("#error-code").inner_text() == "comment_required"
    # and approving with undecided findings says what is left to do
    officer.page.goto(f"/documents/{case_id}/review")
    officer.page.click("#approve-form button")
    assert "尚未决定" in officer.page.locator(".msg").inner_text()
    assert_no_traceback(officer.page.content())
    # keeping a 不得公开 finding without a reason: the page says to give one
    officer.page.goto(f"/documents/{case_id}/review")
    officer.page.keyboard.press("j")
    officer.page.keyboard.press("r")
    officer.page.wait_for_selector("#decide-error:not([hidden])")
    assert "须填写理由" in officer.page.locator("#decide-error").inner_text()


def test_document_text_and_title_are_escaped(session_factory):
    s = session_factory("drafter")
    page = s.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    evil = "<script>alert('x')</script><img src=x onerror=alert('y')>"
    page.goto("/upload")
    page.fill("input[name=title]", evil)
    page.set_input_files("#file", files=[{"name": "<b>x</b>.txt", "mimeType": "text/plain",
                                          "buffer": f"通知\n{evil}\n身份证号11010519491231002X".encode("utf-8")}])
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    assert evil in page.locator("h1").inner_text()            # shown as text, not run
    assert evil in page.locator("#doctext").inner_text()
    page.goto("/documents")
    assert not dialogs
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0


def test_an_unexpected_server_error_is_a_page_without_traceback_or_paths(session_factory, web_server):
    """Force a real failure: the stored text of a document disappears from the data directory."""
    from api.storage import BlobStore

    api = web_server.client("drafter")
    r = api.post("/api/documents", files={"file": ("gone.txt", "通知\n身份证号11010519491231002X".encode("utf-8"),
                                                   "text/plain")})
    assert r.status_code == 201, r.text
    doc = r.json()
    blob = BlobStore(web_server.data_dir / "blobs").path_for(doc["current_version"]["scan"]["text_sha256"])
    blob.unlink()
    s = session_factory("drafter")
    resp = s.page.goto(f"/documents/{doc['id']}")
    html = s.page.content()
    assert resp.status == 500
    assert s.page.locator("#error-code").inner_text() == "internal_error"
    assert "服务器内部出错" in s.page.locator(".msg").inner_text()
    assert_no_traceback(html)
    assert str(web_server.data_dir) not in html and "FileNotFoundError" not in html and "blobs" not in html
    s.shot("23-error-500")
    # the API keeps its JSON error shape for the same failure
    r = web_server.client("officer").post(f"/api/documents/{doc['id']}/manual-spans", json={"start": 0, "end": 2})
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"


def test_login_returns_to_the_page_asked_for_and_logout_ends_the_session(session_factory):
    s = session_factory()
    page = s.page
    page.goto("/admin/users")
    assert "next=%2Fadmin%2Fusers" in page.url
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/users$"))
    page.click(".who button")                                  # 退出
    page.wait_for_url(re.compile(r".*/login$"))
    page.goto("/documents")
    assert "/login" in page.url
    # an outside address in next is never followed
    page.goto("/login?next=//evil.example/x")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/documents$"))
