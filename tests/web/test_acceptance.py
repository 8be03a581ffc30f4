"""Issue #17 acceptance, in Chromium: upload → the officer bulk-accepts a type, rejects one finding,
overrides the attribute with an opinion → three tiers → the record as PDF and DOCX holds the year,
the file's sha256 prefix, the removal count, the officer's name and opinion and each decision; the
published DOCX labels the warning labels 警示字样, never 国家秘密; the list shows a total and
reaches the oldest of 205 documents; /docs renders with the network blocked."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import uuid
from datetime import datetime, timezone

import pytest

from tests.web.conftest import assert_no_traceback

pytestmark = pytest.mark.browser

OPINION = "删除个人信息和警示字样后不再含不予公开内容，改为主动公开"
KEEP_REASON = "李小红为慰问工作联系人，经本人同意公开姓名"


def _draft() -> bytes:
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.header("内部资料  注意保存")
    for line in ("示例市民政局关于2026年春节困难群众走访慰问的通知", "各区县民政局：",
                 "经研究，决定对困难群众王小明（身份证号：11010519491231002X）、李小红（身份证号：110105194912310029）开展走访慰问。",
                 "王小明家属联系电话：13912345678。", "请各单位认真组织实施，确保慰问资金及时足额发放。", "特此通知。"):
        b.paragraph(line)
    return b.to_bytes()


def _squash(text: str) -> str:
    return "".join(text.split())


def _pdf_text(data: bytes) -> str:
    return _squash(subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True,
                                  check=True).stdout.decode("utf-8"))


def _docx_text(data: bytes, headers: bool = False) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]
    if headers:
        parts += [p.text for s in d.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def _sign(session, case_id: str, opinion: str) -> None:
    page = session.page
    page.goto(f"/documents/{case_id}/sign")
    page.fill("#sign-form textarea[name=opinion]", opinion)
    page.click("#sign-form button")
    page.wait_for_load_state()
    assert_no_traceback(page.content())


def test_issue17_acceptance(session_factory, web_server):
    data = _draft()
    sha = hashlib.sha256(data).hexdigest()
    drafter = session_factory("drafter")
    page = drafter.page
    page.goto("/upload")
    page.set_input_files("#file", files=[{"name": "慰问通知.docx", "mimeType": "application/octet-stream", "buffer": data}])
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    case_id = page.url.rsplit("/", 1)[1]

    officer = session_factory("officer")
    op = officer.page
    assert int(op.locator("#inbox-badge").inner_text()) >= 1             # it waits for the officer
    op.goto("/inbox")
    step = op.locator("#inbox a.step[data-state=scanned]")
    assert "删除审批" in step.inner_text() and int(step.locator(".n").inner_text()) >= 1
    officer.shot("acc-00-inbox")
    step.click()
    op.wait_for_url(re.compile(r".*assigned=1.*state=scanned"))
    assert op.locator(f"tr[data-id='{case_id}']").count() == 1
    op.goto(f"/documents/{case_id}/review?mask=label")
    # bulk: every 身份证号码 at once, with one reason
    op.select_option("#bulk-scope", "type:id_card")
    op.fill("#bulk-form input[name=reason]", "困难群众身份证号码属个人隐私")
    op.click("#bulk-btn")
    op.wait_for_url(re.compile(r".*done=2"))
    assert "已对 2 处作出决定" in op.locator("#bulk-done").inner_text()
    officer.shot("acc-01-review-bulk")
    # the warning labels, as a type
    op.select_option("#bulk-scope", "type:warning_label")
    op.click("#bulk-btn")
    op.wait_for_url(re.compile(r".*done=2"))
    # reject one: 李小红 is kept, with a reason
    li = op.locator("#findings .finding", has_text="李小红").first
    li.locator("input.reason").fill(KEEP_REASON)
    li.locator("button[value=reject]").click()
    li.locator("[data-role=status]", has_text="保留").wait_for()
    # the rest of the suggestions: 王小明, the mobile (李小红 is already decided and stays kept)
    for name in ("王小明", "13912345678"):
        item = op.locator("#findings .finding", has_text=name).first
        item.locator("button[value=accept]").click()
        item.locator("[data-role=status]", has_text="删除").wait_for()
    op.reload()
    officer.shot("acc-02-review-decided")
    # override 不予公开 by 主动公开: without an opinion it is refused, in Chinese
    op.select_option("#approve-form select[name=attribute]", "proactive")
    op.click("#approve-form button")
    op.wait_for_load_state()
    assert "须填写审批意见" in op.locator("body").inner_text()
    assert "opinion_required" in op.content()
    op.goto(f"/documents/{case_id}/review?mask=label")
    op.select_option("#approve-form select[name=attribute]", "proactive")
    op.fill("#approve-form input[name=comment]", OPINION)
    op.click("#approve-form button")
    op.wait_for_url(re.compile(rf".*/documents/{case_id}/sign$"))

    _sign(drafter, case_id, "已按要求删除，拟主动公开")
    _sign(session_factory("head"), case_id, "同意公开")
    unithead = session_factory("unithead")
    _sign(unithead, case_id, "同意发布")
    assert "三级审查已完成，文件已发布" in unithead.page.locator("body").inner_text()

    # the record, as a page and as the two files an office files
    rp = unithead.page
    rp.goto(f"/documents/{case_id}/record")
    assert "李保密" in rp.locator("#record-security").inner_text()
    assert OPINION in rp.locator("#override-note").inner_text()
    unithead.shot("acc-03-record")
    year = str(datetime.now(timezone.utc).year)
    pdf = rp.request.get(f"/api/documents/{case_id}/record?format=pdf").body()
    docx_bytes = rp.request.get(f"/api/documents/{case_id}/record?format=docx").body()
    for form, text in (("pdf", _pdf_text(pdf)), ("docx", _squash(_docx_text(docx_bytes)))):
        for needle in (year, sha[:16], "删除6处", "李保密", _squash(OPINION), "身份证号码", "警示字样", "保留",
                       _squash(KEEP_REASON), "困难群众身份证号码属个人隐私", "未采纳系统建议", "刘主任", "同意发布"):
            assert needle in text, (form, needle)
        assert text.count("删除") >= 6 and "person_name" not in text and "header" not in text

    # the published DOCX: the warning labels are 警示字样, never 国家秘密
    published = rp.request.get(f"/api/documents/{case_id}/output").body()
    out = _docx_text(published, headers=True)
    assert "〔已删除：警示字样〕" in out and "国家秘密" not in out
    assert "内部资料" not in out and "11010519491231002X" not in out and "李小红" in out


def test_issue17_list_reaches_the_oldest_of_205(session_factory, web_server):
    from tests.api.helpers import make_user

    username, password = f"arch{uuid.uuid4().hex[:6]}", "pw-for-tests-1"
    client = make_user(web_server, username, ["drafter"], f"档案室{uuid.uuid4().hex[:4]}", password)
    ids = []
    for i in range(205):
        r = client.post("/api/documents", files={"file": (f"d{i}.txt", f"关于第{i:03d}号档案的说明\n内容。\n".encode(), "text/plain")})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    s = session_factory()
    s.login(username, password)
    page = s.page
    page.goto("/documents")
    assert "共 205 份" in page.locator("#total").inner_text()
    assert "第 1 / 11 页" in page.locator("#pager").inner_text()
    page.click("#last")
    page.wait_for_url(re.compile(r".*page=11"))
    assert page.locator(f"tr[data-id='{ids[0]}']").count() == 1            # the oldest is reachable
    s.shot("acc-04-list-last-page")
    # sort by 编号 ascending: the oldest comes first
    page.goto("/documents")
    page.click("a.sort[data-sort=id]")
    page.click("a.sort[data-sort=id]")
    assert page.locator("table.docs tbody tr").first.get_attribute("data-id") == str(ids[0])
    # search finds one document by a word of its content; filters combine
    page.fill("#filters input[name=q]", "第007号档案")
    page.click("#filters button")
    page.wait_for_url(re.compile(r".*q="))
    rows = page.locator("table.docs tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-id") == str(ids[7])
    assert "共 1 份" in page.locator("#total").inner_text()
    s.shot("acc-05-list-search")
    page.goto("/documents?state=bogus")
    assert "状态" in page.locator(".msg").inner_text() and "bogus" in page.locator(".msg").inner_text()

    # /docs with everything outside the service blocked
    outside = []
    s.context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(web_server.url)
                    else (outside.append(route.request.url), route.abort()))
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert outside == []
