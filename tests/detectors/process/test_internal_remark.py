"""process.internal_remark.v1: drafting and coordination remarks in comments and in the body."""

import pytest

from reviewer.detectors.process.internal_remark import InternalRemarkDetector
from reviewer.parsers import parse_bytes
from reviewer.synth.docx_writer import Comment, DocxBuilder

DET = InternalRemarkDetector()


def found(text):
    return [(f.explanation["pattern"], f.text) for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("关于××的通知\n各单位：\n全年完成投资12亿元。【这个口径先不对外】", [("bracketed_remark", "【这个口径先不对外】")]),
    ("关于××的通知\n各单位：\n二、保障措施\n此段待领导定。", [("remark_sentence", "此段待领导定")]),
    ("关于××的通知\n各单位：\n全市完成率98%（数据待核实）。", [("bracketed_remark", "（数据待核实）")]),
    ("关于××的通知\n各单位：\n先别发，等局长签字。", [("remark_sentence", "先别发，等局长签字")]),
    # look-alikes: about the world, not about this text; rules
    ("关于××的通知\n各单位：\n景区暂不对外开放。要统一对外宣传口径。", []),
    ("第八条 涉及国家秘密的信息不得对外公开，应当依法处理。", []),
    ("关于××的通知\n各单位：\n请各地认真核实，确保数据准确。", []),
])
def test_internal_remark_in_text(text, expected):
    assert found(text) == expected


def test_internal_remark_every_docx_comment():
    b = DocxBuilder()
    b.paragraph("关于2024年重点项目推进情况的通报")
    b.paragraph(["全年完成投资", Comment("12亿元", "这个口径先不对外", author="王科长"), "。"])
    b.paragraph(["二、下步安排", Comment("", "请再核一下", author="李")])
    doc = parse_bytes(b.to_bytes(), filename="c.docx")
    got = DET.analyze(doc)
    assert [(f.text, f.score) for f in got] == [("这个口径先不对外", 0.9), ("请再核一下", 0.75)]
    assert got[0].explanation["author"] == "王科长"
    assert (got[0].category, got[0].type, got[0].action) == ("process", "internal_remark", "review")


def test_internal_remark_in_pdf_body():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    pdf = pdf_writer.text_pdf(["关于××的通知", "各单位：", "全年完成投资12亿元。【此段待领导定】"])
    doc = parse_bytes(pdf, filename="r.pdf")
    assert [f.text for f in DET.analyze(doc)] == ["【此段待领导定】"]
