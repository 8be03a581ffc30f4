"""secrecy.mark.v1: a 国家秘密标志 where GB/T 9704 puts it fires; a mention never does."""

import pytest

from reviewer.detectors.secrecy.mark import SecrecyMarkDetector
from reviewer.document import Block, Document, Metadata
from reviewer.parsers import parse_bytes

DET = SecrecyMarkDetector()


def marks(text: str) -> list[str]:
    doc = parse_bytes(text.encode("utf-8"))
    return [f.text for f in DET.analyze(doc)]


@pytest.mark.parametrize("text, expected", [
    # positives: top lines (版头), spaced forms, star variants, periods and 解密条件
    ("000123\n机密★5年\n特急\n××市人民政府文件\n关于做好防汛工作的通知\n各县（市、区）：", ["机密★5年"]),
    ("秘密★1年\n关于召开全市保密工作会议的通知", ["秘密★1年"]),
    ("秘 密☆6个月\n关于印发方案的通知", ["秘 密☆6个月"]),
    ("绝密＊长期\n关于……的请示", ["绝密＊长期"]),
    ("机密*会议开始前\n会议议程", ["机密*会议开始前"]),
    ("机密★\n关于××的报告", ["机密★"]),
    ("绝密★启用前\n2024年××市公务员录用考试试卷", ["绝密★启用前"]),
    ("000123　秘密★10年\n关于××的通知", ["秘密★10年"]),
    ("秘密★2025年12月31日前\n通知", ["秘密★2025年12月31日前"]),
    ("　　机 密 ★ 10年\n标题", ["机 密 ★ 10年"]),
    ("机密\n××省人民政府办公厅\n关于××的通知", ["机密"]),          # bare level alone on a top line
    ("密级：秘密\n保密期限：5年\n关于××的通知", ["密级：秘密"]),      # 密级 field
    ("一、总体要求\n（秘密★6个月）二、重点任务安排如下。", ["秘密★6个月"]),  # paragraph-level mark
    ("一、总体要求\n（机密）本段所述部署不得扩散。", ["（机密）"]),
    # negatives: mentions in law text and rules about marks
    ("第十四条 依法确定为国家秘密的政府信息，不予公开。", []),
    ("行政机关不得公开涉及国家秘密、商业秘密、个人隐私的政府信息。", []),
    ("第十二条 可以确定绝密级、机密级和秘密级国家秘密。", []),
    ("涉及国家秘密的，依照有关规定执行。", []),
    ("国家秘密的密级分为绝密、机密、秘密三级。", []),
    ("第二十二条 机关、单位对承载国家秘密的载体应当作出国家秘密标志。", []),
    ("标志形式为“秘密★10年”，由定密责任人确定。", []),
    ("文件首页左上角标注机密★5年等字样。", []),
    ("如：机密★5年", []),
    ("关于××的通知\n正文提到了机密和秘密两个词。", []),
    ("各单位：\n秘密\n这里是一段正文的中间", []),            # bare level below the 版头 zone
])
def test_secrecy_mark(text, expected):
    assert marks(text) == expected


def test_secrecy_mark_explains_period_and_basis():
    doc = parse_bytes("机密★5年\n关于××的通知".encode("utf-8"))
    [f] = DET.analyze(doc)
    assert f.category == "secrecy" and f.type == "secrecy_mark" and f.action == "block"
    assert f.detector == "secrecy.mark.v1"
    assert "第十四条" in f.basis and "第二十二条" in f.basis
    assert f.explanation["level"] == "机密" and f.explanation["period"] == "5年"
    assert f.explanation["top_zone"] is True


def test_secrecy_mark_without_period_assumes_statutory_default():
    doc = parse_bytes("绝密★\n关于××的通知".encode("utf-8"))
    [f] = DET.analyze(doc)
    assert f.explanation["assumed_period_years"] == 30


def test_secrecy_mark_bare_level_in_docx_header_part():
    text = "机密\n关于××的通知\n正文第一段。\n正文第二段。\n正文第三段。\n正文第四段。\n正文第五段。\n秘密"
    blocks, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        part = "header" if i in (0, 7) else "body"
        blocks.append(Block(pos, pos + len(line), part, {"paragraph": i}))
        pos += len(line) + 1
    doc = Document(text, blocks, Metadata("docx", "", len(text)))
    found = [(f.text, f.explanation["part"]) for f in DET.analyze(doc)]
    assert found == [("机密", "header"), ("秘密", "header")]


def test_secrecy_mark_registered_in_analyze():
    from reviewer import detectors

    doc = parse_bytes("秘密★1年\n关于××的通知".encode("utf-8"))
    assert [f.type for f in detectors.analyze(doc) if f.category == "secrecy"] == ["secrecy_mark"]


def test_secrecy_mark_in_a_real_docx_header_and_body():
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    for line in ("000123", "机密★5年", "××市人民政府文件", "关于做好安全保卫工作的通知", "各县（市、区）人民政府：",
                 "不得公开涉及国家秘密的工作部署。"):
        b.paragraph(line)
    b.header("机密")
    doc = parse_bytes(b.to_bytes(), filename="secret.docx")
    found = sorted((f.text, f.explanation["part"]) for f in DET.analyze(doc))
    assert found == [("机密", "header"), ("机密★5年", "body")]


def test_secrecy_mark_in_a_real_pdf():
    from reviewer.synth import pdf_writer

    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK TrueType font to build the PDF")
    pdf = pdf_writer.build_pdf([pdf_writer.Page([
        pdf_writer.Para("秘密★1年", align="left", indent=0),
        pdf_writer.Para("关于召开全市保密工作会议的通知", align="center", indent=0),
        "各单位：涉及国家秘密的，依照有关规定执行。"])])
    doc = parse_bytes(pdf, filename="secret.pdf")
    found = [(f.text, f.explanation["part"]) for f in DET.analyze(doc)]
    assert found == [("秘密★1年", "page")]


@pytest.mark.timeout(60)
def test_secrecy_mark_scan_is_linear_on_a_hostile_run_on_line():
    # 20,000 marks on one 60,000-character line: quadratic work would take minutes
    doc = parse_bytes(("秘密★" * 20000).encode("utf-8"))
    assert len(DET.analyze(doc)) == 20000


def test_secrecy_mark_in_a_docx_custom_property():
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.paragraph("关于××的通知")
    b.paragraph("正文。")
    b.custom_properties({"密级": "秘密", "备注": "机密文件请另行处理"})
    doc = parse_bytes(b.to_bytes(), filename="prop.docx")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [("秘密", "secrecy_property")]


@pytest.mark.parametrize("text, expected", [
    # spaced marks anywhere: the 版头, a paragraph start, an attachment's first page below page 1
    ("机 密★1年\n关于做好防汛工作的通知\n各县区：", ["机 密★1年"]),
    ("关于××的通知\n各县区：\n正文。\n附件1\n秘　密\n情况汇总表", ["秘　密"]),
    ("关于××的通知\n各县区：\n正文。\n附件2\n机密 1年\n名单", ["机密 1年"]),
    ("关于××的通知\n各县区：\n正文中提到秘　密★6个月的材料。", ["秘　密★6个月"]),
    # look-alikes: an unspaced level alone below the 版头 could be a table cell; law text
    ("关于××的通知\n各县区：\n密级\n秘密\n机密", []),
    ("第十四条 国家秘密的密级分为绝密、机密、秘密三级。", []),
])
def test_secrecy_mark_spaced_anywhere(text, expected):
    assert marks(text) == expected


def test_secrecy_mark_in_a_pdf_running_header():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P, Page = pdf_writer.Para, pdf_writer.Page
    pdf = pdf_writer.build_pdf([Page([P("关于××工作的报告", indent=0), "正文第一页。"]),
                                Page([P("机密", indent=0), "正文第二页。"]), Page([P("机密", indent=0), "正文第三页。"])])
    doc = parse_bytes(pdf, filename="m.pdf")
    assert [f.text for f in DET.analyze(doc)] == ["机密", "机密"]


def test_secrecy_mark_in_a_form_cell():
    from reviewer.synth.docx_writer import DocxBuilder
    b = DocxBuilder()
    b.paragraph("××县人民政府办公室发文稿纸")
    b.table([["密级", "秘密", "紧急程度", "特急"], ["签发", "", "核稿", ""]])
    doc = parse_bytes(b.to_bytes(), filename="gz.docx")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [("密级\n秘密", "secrecy_field")]


@pytest.mark.parametrize("text, expected", [
    ("密级 机密\n关于××的报告", ["密级 机密"]),
    ("应当确定密级 秘密级事项按规定管理。", []),
    ("文件的密级、秘密事项的范围", []),
])
def test_secrecy_mark_field_cell_text(text, expected):
    assert marks(text) == expected
