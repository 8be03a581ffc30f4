"""States and words that must not mislead: a returned draft's tier box, Chinese warnings, the
parts of the file labelled in the text view, a Chinese file picker."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import assert_no_traceback

pytestmark = pytest.mark.browser


def _draft_with_parts() -> bytes:
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.header("内部资料")
    b.paragraph("示例市人民政府办公室关于做好防汛值班工作的通知")
    b.paragraph("各区县人民政府：")
    b.comment("值班", "请核实值班表", author="王审核")
    b.paragraph("请各单位严格落实24小时值班制度。")
    b.properties(title="防汛值班通知（内部稿）", author="张起草")
    return b.to_bytes()


def test_returned_draft_does_not_show_earlier_signatures_as_done(session_factory, web_server):
    from tests.api.helpers import approved, sign

    doc = approved(web_server)
    case_id = doc["id"]
    assert sign(web_server, "drafter", case_id, 1, opinion="拟公开").status_code == 200
    assert sign(web_server, "head", case_id, 2, decision="return", opinion="请补充值班安排").status_code == 200
    s = session_factory("drafter")
    s.page.goto(f"/documents/{case_id}")
    tiers = s.page.locator("ol.tiers li")
    tier1, tier2 = tiers.nth(1), tiers.nth(2)
    assert "承办人员初审" in tier1.inner_text()
    assert "t-done" not in (tier1.get_attribute("class") or "")          # no green 已签 on a returned draft
    assert "t-void" in tier1.get_attribute("class") and "已退回" in tier1.inner_text()
    assert "t-returned" in tier2.get_attribute("class") and "退回修改" in tier2.inner_text()
    s.shot("states-returned-tiers")
    s.page.goto("/documents")
    row = s.page.locator(f"tr[data-id='{case_id}']")
    assert "t-done" not in row.inner_html()


def test_warnings_are_chinese_and_the_text_view_labels_each_part(session_factory):
    s = session_factory("drafter")
    page = s.page
    page.goto("/upload")
    assert page.locator("label.filepick").inner_text().strip().startswith("选择文件")
    page.set_input_files("#file", files=[{"name": "值班.docx", "mimeType": "application/octet-stream",
                                          "buffer": _draft_with_parts()}])
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    assert_no_traceback(page.content())
    warnings = " ".join(page.locator("p.warning").all_inner_texts())
    assert "批注" in warnings and "王审核" in warnings
    assert not re.search(r"[A-Za-z]{4,}", warnings.replace("DOCX", "")), warnings     # no English sentences
    labels = page.locator("#doctext [data-part]")
    parts = [labels.nth(i).get_attribute("data-part") for i in range(labels.count())]
    assert "页眉" in parts and "正文" in parts and "批注" in parts
    # the label is drawn by CSS (outside the selectable text the offsets index)
    header = page.locator("#doctext [data-part='页眉']").first
    assert "页眉" in header.evaluate("e => getComputedStyle(e, '::before').content")
    assert "页眉" not in header.inner_text()
    s.shot("textview-parts")

    # a binary file named .txt: the reason is in Chinese, with the stable code beside it
    page.goto("/upload")
    page.set_input_files("#file", files=[{"name": "data.txt", "mimeType": "text/plain",
                                          "buffer": bytes(range(256)) * 8}])
    page.click("#upload-btn")
    box = page.locator("#error-box")
    box.wait_for(state="visible")
    text = box.inner_text()
    assert "二进制" in text and "binary" not in text


def test_unit_head_recalls_a_published_document(session_factory, web_server):
    from tests.api.helpers import sign
    from tests.api.test_recall import published

    case_id = published(web_server)
    for username, tier in (("drafter", 1), ("head", 2), ("unithead", 3)):
        assert sign(web_server, username, case_id, tier).status_code == 200
    s = session_factory("unithead")
    page = s.page
    page.goto(f"/documents/{case_id}/sign")
    assert page.locator("#download-output").count() == 1
    page.click("#recall-form button")                                  # no reason: refused, in Chinese
    page.wait_for_load_state()
    assert "reason_required" in page.content()
    page.goto(f"/documents/{case_id}/sign")
    page.fill("#recall-form textarea[name=reason]", "发现遗漏的个人信息")
    page.click("#recall-form button")
    page.wait_for_url(re.compile(rf".*/documents/{case_id}/sign$"))
    assert "已撤回发布" in page.locator(".state").first.inner_text()
    assert "发现遗漏的个人信息" in page.locator("#recalled-notice").inner_text()
    assert page.locator("#download-output").count() == 0
    s.shot("recalled-sign-page")
    page.goto(f"/documents/{case_id}")
    assert "撤回发布" in page.locator("#history").inner_text()
