"""The whole three-tier review in a real browser (Debian's Chromium) against a real server.

drafter uploads a DOCX (ID number, mobile, 内部资料, the name 王小明) → sees the findings and the
attribute warning → the security officer accepts the 内部资料, name and ID-number removals with
the keyboard (J, A), keeps the mobile (R), marks 慰问资金 by selecting it, previews the masks and
approves with the partial style → 承办人员初审, 承办部门负责人审核, 单位负责人审发 sign → the published DOCX lacks
what was removed and keeps what was kept → the record downloads as DOCX and PDF.
"""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import assert_no_traceback
from tests.web.helpers import ID_NUMBER, MOBILE, docx_text, draft_docx

pytestmark = pytest.mark.browser

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _select_text(page, needle: str) -> None:
    """Select ``needle`` in the original text, as a mouse drag would."""
    found = page.evaluate("""(needle) => {
        const root = document.getElementById('original');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let n;
        while ((n = walker.nextNode())) {
            const i = n.data.indexOf(needle);
            if (i >= 0) {
                const r = document.createRange();
                r.setStart(n, i); r.setEnd(n, i + needle.length);
                const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
                return true;
            }
        }
        return false;
    }""", needle)
    assert found, needle


def _status(page, fid: str) -> str:
    return page.locator(f"#f-{fid} [data-role=status]").inner_text()


def test_three_tier_review_in_the_browser(session_factory, web_server, tmp_path):
    # ---- the drafter signs in and uploads
    anon = session_factory()
    anon.page.goto("/documents")
    assert "/login" in anon.page.url                      # pages need a session
    anon.shot("01-login")

    drafter = session_factory("drafter")
    page = drafter.page
    drafter.shot("02-documents")
    page.goto("/upload")
    assert page.locator("#drop").is_visible()
    page.set_input_files("#file", files=[{"name": "走访慰问通知.docx", "mimeType": DOCX_MIME, "buffer": draft_docx()}])
    assert "走访慰问通知.docx" in page.locator("#chosen").inner_text()
    drafter.shot("03-upload")
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    case_id = int(page.url.rsplit("/", 1)[1])

    # ---- the document view: highlighted findings by category, explanation, basis, attribute warning
    marks = page.locator("#doctext mark.hl")
    assert marks.count() >= 3
    assert page.locator("#doctext mark.cat-secrecy").first.inner_text() == "内部资料"
    assert page.locator("#doctext mark.cat-personal", has_text=ID_NUMBER).count() == 1
    assert page.locator(".finding .basis").first.inner_text().startswith("依据：")
    assert "校验位正确" in page.locator(".finding", has_text=ID_NUMBER).inner_text()
    warning = page.locator("#attr-warning")
    assert warning.is_visible() and "主动公开" in warning.inner_text() and "不予公开" in warning.inner_text()
    assert page.locator("#doctext mark.cat-secrecy").evaluate("e => getComputedStyle(e).backgroundColor") != \
        page.locator("#doctext mark.cat-personal").first.evaluate("e => getComputedStyle(e).backgroundColor")
    drafter.shot("04-document")

    # the drafter sees the approval page read-only and cannot sign yet
    page.goto(f"/documents/{case_id}/review")
    assert page.locator("form.decide").count() == 0
    page.goto(f"/documents/{case_id}/sign")
    assert page.locator("#sign-form").count() == 0

    # ---- the security officer decides with the keyboard and by selecting text
    officer = session_factory("officer")
    page = officer.page
    page.goto(f"/documents/{case_id}/review")
    officer.shot("05-review")
    items = page.locator("#findings .finding")
    fids = [items.nth(i).get_attribute("data-fid") for i in range(items.count())]
    texts = [items.nth(i).locator(".ftext").inner_text() for i in range(items.count())]
    # in text order: 内部资料, the name, the ID number, the mobile
    assert len(fids) == 4, texts
    assert "内部资料" in texts[0] and "王小明" in texts[1] and ID_NUMBER in texts[2] and MOBILE in texts[3]

    page.keyboard.press("j")                                   # first finding: 内部资料
    assert "current" in items.nth(0).get_attribute("class")
    page.keyboard.press("a")
    page.wait_for_function(f"document.querySelector('#f-{fids[0]} [data-role=status]').textContent === '删除'")
    assert "current" in items.nth(1).get_attribute("class")    # moved on by itself
    page.keyboard.press("a")                                   # the name: remove
    page.wait_for_function(f"document.querySelector('#f-{fids[1]} [data-role=status]').textContent === '删除'")
    assert "current" in items.nth(2).get_attribute("class")
    page.keyboard.press("a")                                   # ID number: remove
    page.wait_for_function(f"document.querySelector('#f-{fids[2]} [data-role=status]').textContent === '删除'")
    page.keyboard.press("k")
    page.keyboard.press("j")                                   # K then J: back on the mobile
    assert "current" in items.nth(3).get_attribute("class")
    page.keyboard.press("r")                                   # mobile: keep
    page.wait_for_function(f"document.querySelector('#f-{fids[3]} [data-role=status]').textContent === '保留'")
    page.wait_for_function(f"!document.getElementById('preview').textContent.includes('{ID_NUMBER}')")
    preview = page.locator("#preview").inner_text()
    assert "110105********002X" in preview and MOBILE in preview       # partial mask; the kept mobile stays
    assert "王小明" not in preview and "王某" in preview                 # a name keeps its surname

    _select_text(page, "慰问资金")                                # text no detector flagged
    page.wait_for_function("!document.getElementById('manual-btn').disabled")
    assert "慰问资金" in page.locator("#sel-text").inner_text()
    page.fill("#manual-form input[name=reason]", "资金安排尚未确定，属过程性信息")
    page.click("#manual-btn")
    page.wait_for_selector("ul.manual mark")
    assert page.locator("ul.manual").inner_text().startswith("慰问资金")
    assert "慰问资金" not in page.locator("#preview").inner_text()

    page.select_option("#mask", "label")                      # another mask style: preview changes
    page.wait_for_url(re.compile(r".*mask=label"))
    assert "〔已删除：个人隐私〕" in page.locator("#preview").inner_text()
    officer.shot("06-review-decided")
    page.select_option("#mask", "partial")
    page.wait_for_url(re.compile(r".*mask=partial"))

    page.select_option("#approve-form select[name=attribute]", "proactive")
    page.fill("#approve-form input[name=comment]", "删除身份证号、姓名及警示字样后主动公开")
    page.click("#approve-form button")
    page.wait_for_url(re.compile(rf".*/documents/{case_id}/sign$"))
    assert_no_traceback(page.content())
    assert "遮盖方式：部分遮盖" in page.locator("body").inner_text()     # the style the output was built with
    officer.shot("07-sign-officer")

    # ---- three tiers sign
    for username, tier, opinion, shot in (("drafter", 1, "已按要求删除个人信息，拟主动公开", "08-sign-tier1"),
                                          ("head", 2, "同意公开", "09-sign-tier2"),
                                          ("unithead", 3, "同意发布", "10-sign-tier3")):
        s = session_factory(username) if username != "drafter" else drafter
        s.page.goto(f"/documents/{case_id}/sign")
        form = s.page.locator("#sign-form")
        assert form.locator("input[name=tier]").get_attribute("value") == str(tier)
        s.shot(shot)
        form.locator("textarea[name=opinion]").fill(opinion)
        form.locator("button").click()
        s.page.wait_for_load_state()
        assert_no_traceback(s.page.content())
        assert s.page.locator("#sign-form").count() == 0        # one tier per person; next tier is someone else
    page = s.page
    assert "文件已发布" in page.locator("body").inner_text()
    s.shot("11-published")

    # ---- download the published version: removed text is gone, kept text stays
    with page.expect_download() as dl:
        page.click("#download-output")
    out = tmp_path / "published.docx"
    dl.value.save_as(out)
    text = docx_text(out.read_bytes())
    assert ID_NUMBER not in text and "内部资料" not in text and "王小明" not in text and "慰问资金" not in text
    assert "110105********002X" in text and "王某" in text     # the partial style chosen on the page
    assert MOBILE in text and "走访慰问" in text
    assert ID_NUMBER.encode() not in out.read_bytes()

    # ---- the record: page, DOCX and PDF
    page.goto(f"/documents/{case_id}/record")
    body = page.locator("main").inner_text()
    for needle in ("保密审查记录", "承办人员初审", "承办部门负责人审核", "单位负责人审发", "王承办", "张科长", "刘主任", "同意发布"):
        assert needle in body, needle
    assert ID_NUMBER not in body
    s.shot("12-record")
    with page.expect_download() as dl:
        page.click("#dl-docx")
    rec = tmp_path / "record.docx"
    dl.value.save_as(rec)
    rtext = docx_text(rec.read_bytes())
    assert "保密审查记录" in rtext and ID_NUMBER not in rtext
    with page.expect_download() as dl:
        page.click("#dl-pdf")
    pdf = tmp_path / "record.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # ---- my documents: every tier signed
    page.goto("/documents")
    row = page.locator("table.docs tr", has=page.locator(f"a[href='/documents/{case_id}']"))
    assert "已发布" in row.inner_text() and row.locator(".t-done").count() == 3
    s.shot("13-documents-published")
