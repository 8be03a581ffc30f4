"""The 〔已删除：…〕 label follows the finding's type and category: a 警示字样 such as 内部资料
or 注意保存 is not a 国家秘密 mark and must never be published as 〔已删除：国家秘密〕."""

from __future__ import annotations

import io

import pytest

from reviewer.redaction.masks import MaskStyle, mask, reason_for

LABEL = MaskStyle.coerce("label")


@pytest.mark.parametrize("ftype,category,text,reason", [
    ("secrecy_mark", "secrecy", "机密★5年", "国家秘密"),
    ("warning_label", "secrecy", "内部资料", "警示字样"),
    ("warning_label", "secrecy", "注意保存", "警示字样"),
    ("distribution_limit", "secrecy", "发至县团级", "内部发放范围"),
    ("id_card", "personal", "11010519491231002X", "个人隐私"),
    ("person_name", "personal", "王小明", "个人隐私"),
    ("bid_price", "commercial", "报价123万元", "商业秘密"),
    ("trade_secret_label", "commercial", "商业秘密", "商业秘密"),
    ("intranet_ip", "credential", "10.1.2.3", "安全信息"),
    ("password", "credential", "密码：abc123", "安全信息"),
    ("draft_marker", "process", "征求意见稿", "过程性信息"),
    ("internal_affairs", "process", "内部人事安排", "内部事务信息"),
    ("manual", "personal", "某某", "个人隐私"),
])
def test_every_category_gets_its_own_label(ftype, category, text, reason):
    m = mask(ftype, category, text, LABEL)
    assert m.replacement == f"〔已删除：{reason}〕"
    assert (reason == "国家秘密") == (ftype == "secrecy_mark")


def test_unknown_types_fall_back_to_the_category_then_the_basis():
    assert reason_for("secrecy", "some_new_mark") == "涉密信息"
    assert reason_for("other", None, "《中华人民共和国政府信息公开条例》第十六条") == "内部事务或过程性信息"
    assert reason_for("other") == "不予公开信息"


def test_warning_labels_in_a_docx_header_are_not_relabelled_state_secret():
    import docx

    from reviewer.parsers import parse_bytes
    from reviewer.redaction import redact_document
    from reviewer.scan import scan_document
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.header("内部资料  注意保存")
    for line in ("示例市人民政府办公室关于开展困难群众走访慰问工作的通知", "各区县人民政府：",
                 "请各单位认真组织实施。", "特此通知。"):
        b.paragraph(line)
    doc = parse_bytes(b.to_bytes(), "draft.docx")
    findings = scan_document(doc).findings
    labels = [f for f in findings if f.type == "warning_label"]
    assert {f.text for f in labels} == {"内部资料", "注意保存"}
    assert all((doc.location_of(f.start, f.end).get("part")) == "header" for f in labels)
    result = redact_document(doc, labels, {f.id: "accept" for f in labels}, style="label")
    out = docx.Document(io.BytesIO(result.output))
    header = "\n".join(p.text for s in out.sections for p in s.header.paragraphs)
    assert "〔已删除：警示字样〕" in header
    assert "国家秘密" not in header and "内部资料" not in header and "注意保存" not in header
    # the redaction log names the right reason too
    assert "〔已删除：国家秘密〕" not in str(result.log) and "涉及国家秘密" not in str(result.log)
    assert "涉及警示字样，依法不予公开" in str(result.log)
