"""用户管理 in the browser: disable a user (with confirmation), their session ends and their login
shows a clear Chinese error; re-enable; a generated password is shown once and works."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import assert_no_traceback

pytestmark = pytest.mark.browser

PW = "leaver-pass-1"


def _login_attempt(page, username: str, password: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_admin_disables_a_user_whose_login_then_shows_a_chinese_error(session_factory, web_server):
    r = web_server.client("admin").post("/api/admin/users", json={
        "username": "leaver", "display_name": "离职同事", "password": PW, "roles": ["drafter"], "department": "综合科"})
    assert r.status_code == 201, r.text
    leaver = session_factory()
    leaver.login("leaver", PW)                                  # a live session that must end

    admin = session_factory("admin")
    page = admin.page
    page.goto("/admin/users")
    page.click("a[aria-label='管理 leaver']")
    page.wait_for_url(re.compile(r".*/admin/users/\d+$"))
    assert page.locator("#user-state").inner_text() == "正常"
    page.click("#disable-form button")                          # not confirmed yet
    assert "请先勾选“确认停用”" in page.locator("#disable-error").inner_text()
    assert page.locator("#user-state").inner_text() == "正常"
    page.check("#disable-form input[name=confirm]")
    page.click("#disable-form button")
    page.wait_for_url(re.compile(r".*\?done=disabled$"))
    assert "已停用该用户" in page.locator("#done").inner_text()
    assert page.locator("#user-state").inner_text() == "已停用"
    admin.shot("31-user-disabled")
    page.goto("/admin/users")
    row = page.locator("#users tr", has_text="leaver")
    assert "已停用" in row.inner_text()

    # the open session ended at once; signing in again says why, in Chinese
    leaver.page.goto("/documents")
    assert "/login" in leaver.page.url
    _login_attempt(leaver.page, "leaver", PW)
    err = leaver.page.locator("#form-error").inner_text()
    assert "该账号已被停用" in err and "联系系统管理员" in err
    leaver.shot("32-login-disabled")
    assert_no_traceback(leaver.page.content())

    # re-enable, then reset with a generated password shown once
    page.click("a[aria-label='管理 leaver']")
    page.click("#enable-form button")
    page.wait_for_url(re.compile(r".*\?done=enabled$"))
    assert page.locator("#user-state").inner_text() == "正常"
    page.click("#password-form button[value=generate]")
    generated = page.locator("#generated-password").inner_text().strip()
    assert len(generated) >= 12
    admin.shot("33-user-password-generated")
    _login_attempt(leaver.page, "leaver", PW)                   # the old password no longer works
    assert "用户名或密码错误" in leaver.page.locator("#form-error").inner_text()
    leaver.login("leaver", generated)
    assert "上传" in leaver.page.locator("nav").inner_text()

    # the organisation's last active admin cannot disable themselves: told why, in Chinese
    page.goto("/admin/users")
    page.click("a[aria-label='管理 admin']")
    page.check("#disable-form input[name=confirm]")
    page.click("#disable-form button")
    assert "最后一位在用的系统管理员" in page.locator("#disable-error").inner_text()
    assert page.locator("#user-state").inner_text() == "正常"
    assert_no_traceback(page.content())
