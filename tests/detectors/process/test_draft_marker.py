"""process.draft_marker.v1: a draft marker in the title or on its own line, not a mention."""

import pytest

from reviewer.detectors.process.draft_marker import DraftMarkerDetector
from reviewer.parsers import parse_bytes

DET = DraftMarkerDetector()


@pytest.mark.parametrize("text, expected", [
    ("××市人民政府办公室\n关于印发《××市政务公开管理办法》的通知（征求意见稿）\n各县（市、区）人民政府：",
     ["（征求意见稿）"]),
    ("××市政务公开管理办法\n（征求意见稿）\n第一条 为了规范政务公开工作，制定本办法。", ["（征求意见稿）"]),
    ("讨论稿\n关于调整城市低保标准的方案\n各区民政局：", ["讨论稿"]),
    ("正文。\n附件\n××县农村公路养护管理办法（送审稿）\n第一条 ……", ["（送审稿）"]),
    # negatives: mentions
    ("现将《××办法（征求意见稿）》印发给你们，请对草案提出意见。", []),
    ("第十条 起草部门应当对草案进行审查。", []),
    ("各单位在初稿基础上修改完善，形成送审稿后报市政府。", []),
])
def test_draft_marker(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_draft_marker_is_review_under_article_16():
    [f] = DET.analyze(parse_bytes("××办法\n（讨论稿）\n正文".encode("utf-8")))
    assert (f.category, f.type, f.action) == ("process", "draft_marker", "review")
    assert "第十六条" in f.basis


@pytest.mark.parametrize("text, expected", [
    # below page 1: an attachment's own mark on a line of its own
    ("关于印发××办法的通知\n各单位：\n现印发给你们。\n附件\n××市××管理办法\n送审稿\n第一条 为了规范管理。", ["送审稿"]),
    ("关于××的通知\n各单位：\n正文。\n附件2\n××实施方案\n（第二稿）\n一、目标", ["（第二稿）"]),
    # a mention on a line with other words stays a mention
    ("关于××的通知\n各单位：\n请在讨论稿基础上修改。", []),
])
def test_draft_marker_below_page_one(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_draft_marker_in_docx_header_and_pdf_running_header():
    from reviewer.synth.docx_writer import DocxBuilder
    b = DocxBuilder().header("××市养老服务条例（草案修改稿）内部讨论用")
    b.paragraph("××市养老服务条例")
    b.paragraph("第一条 为了发展养老服务，制定本条例。")
    doc = parse_bytes(b.to_bytes(), filename="d.docx")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [("草案", "header"), ("修改稿", "header")]

    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P, Page = pdf_writer.Para, pdf_writer.Page
    pdf = pdf_writer.build_pdf([Page([P("关于××工作的实施意见", indent=0), "正文第一页。"]),
                                Page([P("××实施意见 讨论稿", indent=0), "正文第二页。"]),
                                Page([P("××实施意见 讨论稿", indent=0), "正文第三页。"])])
    doc = parse_bytes(pdf, filename="d.pdf")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [("讨论稿", "header")] * 2


@pytest.mark.parametrize("text, expected", [
    ("××县××管理办法\n第一条 为加强管理。\n注：本稿为讨论稿，请勿外传。", ["讨论稿"]),
    ("此件系征求意见稿，仅供参考。", ["征求意见稿"]),
    # a sentence about some other draft
    ("请对市局下发的征求意见稿提出修改意见。", []),
])
def test_draft_marker_self_assertion(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
