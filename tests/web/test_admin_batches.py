"""用户管理 and 批量扫描 pages in the browser."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from tests.web.conftest import assert_no_traceback
from tests.web.helpers import draft_docx

pytestmark = pytest.mark.browser


def test_admin_creates_a_user_who_can_sign_in(session_factory):
    admin = session_factory("admin")
    page = admin.page
    page.goto("/admin/users")
    assert "officer" in page.locator("#users").inner_text()
    page.fill("#user-form input[name=username]", "x")           # too short, no roles, short password
    page.fill("#user-form input[name=display_name]", "新同事")
    page.fill("#user-form input[name=password]", "short")
    page.click("#user-form button")
    body = page.locator("main").inner_text()
    assert "用户名须为" in body and "密码至少 8 位" in body and "请至少选择一个角色" in body
    assert page.input_value("#user-form input[name=display_name]") == "新同事"
    page.fill("#user-form input[name=username]", "drafter3")
    page.fill("#user-form input[name=password]", "long-enough-1")
    page.check("#user-form input[value=drafter]")
    page.click("#user-form button")                             # drafter without a department
    assert "必须填写所属部门" in page.locator("main").inner_text()
    page.fill("#user-form input[name=password]", "long-enough-1")
    page.fill("#user-form input[name=department]", "综合科")
    page.click("#user-form button")
    page.wait_for_url(re.compile(r".*created=drafter3"))
    assert "drafter3" in page.locator("#users").inner_text()
    admin.shot("30-users")
    newbie = session_factory()
    newbie.login("drafter3", "long-enough-1")
    assert "上传" in newbie.page.locator("nav").inner_text()
    # a drafter may not open user administration
    r = newbie.page.goto("/admin/users")
    assert r.status == 403 and newbie.page.locator("#error-code").inner_text() == "forbidden"
    assert_no_traceback(newbie.page.content())


def test_officer_runs_a_batch_and_opens_its_report(session_factory, web_server):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a/通知.docx", draft_docx())
        z.writestr("b/便函.txt", "联系人手机13912345678，身份证号11010519491231002X。".encode("utf-8"))
        z.writestr("c/坏文件.docx", b"PK\x03\x04 not really a docx")
    officer = session_factory("officer")
    page = officer.page
    page.goto("/batches")
    page.click("#batch-form button")                            # nothing given
    assert "请选择一个 zip 压缩包" in page.locator("#batch-error").inner_text()
    page.fill("#batch-form input[name=directory]", "/etc")
    page.click("#batch-form button")
    assert "不在允许" in page.locator("#batch-error").inner_text()
    assert "path_not_allowed" in page.locator("#batch-error").inner_text()
    page.set_input_files("#batch-form input[type=file]", files=[{"name": "待发布.zip", "mimeType": "application/zip",
                                                                  "buffer": buf.getvalue()}])
    page.click("#batch-form button")
    page.wait_for_url(re.compile(r".*/batches/\w+$"))
    page.wait_for_selector("#b-reports:not([hidden])", timeout=120000)
    assert page.locator("#b-count").inner_text() == "3 / 3"
    assert page.locator("#b-errors").inner_text() == "1"
    officer.shot("31-batch")
    with page.expect_popup() as pop:
        page.click("#r-html")
    report = pop.value
    report.wait_for_load_state()
    assert "通知.docx" in report.content()
    page.goto("/batches")
    officer.shot("32-batches")
    listing = page.locator("main").inner_text()
    assert "已完成" in listing and "3 / 3" in listing and "built-in" not in listing
    # a drafter has no batch page
    drafter = session_factory("drafter")
    assert drafter.page.goto("/batches").status == 403


@pytest.mark.timeout(600)
def test_officer_cancels_a_running_batch_and_resumes_it(session_factory, web_server):
    from tests.api.conftest import draft_paragraphs, make_docx

    # long drafts (0.5-3 s each to scan, by the machine's load), small enough for the upload limit
    long_draft = make_docx([p for i in range(600) for p in draft_paragraphs(f"第{i}号")])
    n = 30
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(n):
            z.writestr(f"待发布/{i:03d}.docx", long_draft)
    officer = session_factory("officer")
    page = officer.page
    page.goto("/batches")
    page.set_input_files("#batch-form input[type=file]", files=[{"name": "很多文件.zip", "mimeType": "application/zip",
                                                                  "buffer": buf.getvalue()}])
    page.click("#batch-form button")
    page.wait_for_url(re.compile(r".*/batches/\w+$"))
    batch_id = page.url.rsplit("/", 1)[1]
    # running, with some files done
    page.wait_for_function("() => parseInt(document.getElementById('b-count').textContent) > 0", timeout=120000)
    assert page.locator("#b-resume").is_hidden()
    dialogs = []

    def dismiss(d):
        dialogs.append(d.message)
        d.dismiss()

    page.once("dialog", dismiss)
    page.click("#b-cancel")                                     # 取消 in the confirmation: nothing happens
    assert dialogs and "确定要取消" in dialogs[0]
    assert page.locator("#b-cancel").is_visible()

    def accept(d):
        dialogs.append(d.message)
        d.accept()

    page.once("dialog", accept)
    page.click("#b-cancel")
    page.wait_for_function("() => document.getElementById('b-state').textContent === '已取消'", timeout=120000)
    assert len(dialogs) == 2
    done = int(page.locator("#b-count").inner_text().split("/")[0])
    assert 0 < done < n
    note = page.locator("#b-cancelled")
    assert note.is_visible() and f"还有 {n - done} 个文件未扫描" in note.inner_text()
    assert page.locator("#b-cancel").is_hidden() and page.locator("#b-reports").is_visible()
    officer.shot("35-batch-cancelled")
    page.reload()                                               # the server-rendered page agrees
    assert page.locator("#b-state").inner_text() == "已取消" and page.locator("#b-resume").is_visible()
    report = page.request.get(f"/api/batches/{batch_id}/files/report.html").text()
    assert "已取消" in report
    page.goto("/batches")
    assert "已取消" in page.locator("main").inner_text()
    page.goto(f"/batches/{batch_id}")
    page.click("#b-resume")
    page.wait_for_function("() => document.getElementById('b-state').textContent === '已完成'", timeout=300000)
    assert page.locator("#b-count").inner_text() == f"{n} / {n}"
    assert page.locator("#b-cancelled").is_hidden() and page.locator("#b-resume").is_hidden()
    import json

    lines = [line for line in page.request.get(f"/api/batches/{batch_id}/files/results.jsonl").text().splitlines() if line]
    keys = [json.loads(line)["batch"]["key"] for line in lines]
    assert sorted(keys) == [f"待发布/{i:03d}.docx" for i in range(n)]     # every file exactly once
    officer.shot("36-batch-resumed")
    assert_no_traceback(page.content())
