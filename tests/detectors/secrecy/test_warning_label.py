"""secrecy.warning_label.v1: 内部资料/注意保存/工作秘密 as this document's label, not as a word."""

import pytest

from reviewer.detectors.secrecy.warning_label import WarningLabelDetector
from reviewer.parsers import parse_bytes

DET = WarningLabelDetector()


def labels(text: str) -> list[str]:
    return [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("内部资料  注意保存\n关于2024年度考核工作的通知", ["内部资料", "注意保存"]),
    ("内部文件\n关于××的通知", ["内部文件"]),
    ("关于××的通知\n正文。\n（此件属工作秘密，注意保存）", ["工作秘密", "注意保存"]),
    ("会议材料\n（会后收回）", ["会后收回"]),
    ("本材料仅供内部参阅，不得外传。", ["内部参阅", "不得外传"]),
    ("各科室：\n现将名单印发给你们。以上名单严禁外传，阅后请销毁。", ["严禁外传"]),
    ("服务器地址为192.168.1.1请勿外传", ["请勿外传"]),
    ("此件为内部使用材料，请妥善保存。", ["内部使用"]),
    ("【内部参阅】", ["内部参阅"]),
    ("本材料含敏感信息，请妥善保管。", ["敏感信息"]),
    ("内部事项山东××有限公司文件文蓄办〔2021〕76号关于召开股东会的预通知各股东方:", ["内部事项"]),  # OCR run-on 版头
    # negatives: rules about labels, and the same words inside ordinary sentences
    ("标注有“内部文件（资料）”和“注意保存”等警示字样的信息，未经批准不得公开。", []),
    ("对标有‘内部资料’字样的文件应当严格管理。", []),
    ("第二十条 印刷企业接受委托印刷内部资料性出版物的，必须验证准印证。", []),
    ("第六条 军队特需药品限于军队内部使用。", []),
    ("对涉及国家秘密、工作秘密的政府信息，依照有关规定执行。", []),
    ("（四）打击报复求助群众，或泄露工作秘密的；", []),
    ("各单位要注意保存原始凭证，做好归档工作。", []),
    ("工作人员对知悉的个人信息应当保密，不得外传。", []),
    ("未经批准的敏感信息资料不得上网公开。", []),
])
def test_warning_label(text, expected):
    assert labels(text) == expected


def test_warning_label_finding_shape():
    doc = parse_bytes("内部资料\n关于××的通知".encode("utf-8"))
    [f] = DET.analyze(doc)
    assert (f.category, f.type, f.action, f.detector) == ("secrecy", "warning_label", "block",
                                                          "secrecy.warning_label.v1")
    assert "第十四条" in f.basis
    assert f.explanation["pattern"] == "label_line"


def test_warning_label_in_a_real_docx_header():
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.paragraph("关于2024年春节期间值班安排的通知")
    b.paragraph("各科室：各单位要注意保存原始凭证。")
    b.header("内部资料")
    doc = parse_bytes(b.to_bytes(), filename="duty.docx")
    assert [(f.text, f.explanation["part"]) for f in DET.analyze(doc)] == [("内部资料", "header")]


@pytest.mark.timeout(60)
def test_warning_label_scan_is_linear_on_a_hostile_run_on_line():
    doc = parse_bytes(("内部资料注意保存" * 20000).encode("utf-8"))
    # one endless line is not a label line; only the label opening the text (版头) counts
    assert [(f.start, f.explanation["pattern"]) for f in DET.analyze(doc)] == [(0, "label_top_zone")]


def test_warning_label_sensitive_is_review_not_block():
    [f] = DET.analyze(parse_bytes("本材料含敏感信息，请妥善保管。".encode("utf-8")))
    assert (f.text, f.action) == ("敏感信息", "review")


@pytest.mark.parametrize("text, expected", [
    ("内部参考\n关于近期网络舆情的分析", ["内部参考"]),
    ("内 部 资 料\n关于××的通知", ["内 部 资 料"]),               # letter-spaced
    ("关于××的通知\n各科室：\n本材料仅供内部交流。", ["内部交流"]),
    # look-alikes
    ("加强内部交流与合作，提升服务水平。", []),
    ("各地可以参考内部参考价格执行。", []),
])
def test_warning_label_more_labels(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_warning_label_in_running_headers_and_footers():
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    b.paragraph("关于××工作情况的通报")
    b.paragraph("各科室：正文。")
    b.header("××市发展和改革委员会　内部参考　2024年第3期")
    b.footer("注意保存 不得外传")
    doc = parse_bytes(b.to_bytes(), filename="h.docx")
    assert [(f.text, f.explanation["part"]) for f in DET.analyze(doc)] == [
        ("内部参考", "header"), ("注意保存", "footer"), ("不得外传", "footer")]

    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P, Page = pdf_writer.Para, pdf_writer.Page
    pdf = pdf_writer.build_pdf([Page([P("关于××工作情况的通报", indent=0), "正文第一页。"]),
                                Page([P("××市发改委 内部资料 第2页", indent=0), "正文第二页。"]),
                                Page([P("××市发改委 内部资料 第3页", indent=0), "正文第三页。"])])
    doc = parse_bytes(pdf, filename="h.pdf")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [("内部资料", "label_header")] * 2


def test_warning_label_first_line_of_a_page_that_runs_on_is_not_a_header():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P, Page = pdf_writer.Para, pdf_writer.Page
    pdf = pdf_writer.build_pdf([Page([P("关于××工作情况的通报", indent=0), "正文第一页。"]),
                                Page([P("不得外传的材料应当登记", indent=0), "正文第二页。"])])
    assert DET.analyze(parse_bytes(pdf, filename="r.pdf")) == []


def test_warning_label_in_a_pdf_running_footer():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P, Page = pdf_writer.Para, pdf_writer.Page
    pdf = pdf_writer.build_pdf([Page([P("关于××工作情况的通报", indent=0), "正文第一页，各单位要注意保存原始凭证。",
                                      P("内部资料 注意保存 ××市统计局", indent=0)]),
                                Page(["正文第二页。", P("内部资料 注意保存 ××市统计局", indent=0)])])
    doc = parse_bytes(pdf, filename="f.pdf")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [
        ("内部资料", "label_header"), ("注意保存", "label_header")] * 2


@pytest.mark.parametrize("text, expected", [
    ("××市发展和改革委员会　内部参考\n关于近期价格形势的分析", ["内部参考"]),     # a header line above the title
    ("关于近期价格形势的分析\n各科室：\n要加强内部交流。", []),                  # prose below the title
])
def test_warning_label_on_a_short_head_line(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_warning_label_in_a_one_page_pdf_footer():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    P, Page = pdf_writer.Para, pdf_writer.Page
    pdf = pdf_writer.build_pdf([Page([P("关于××工作情况的通报", indent=0), "正文，各单位要认真落实。",
                                      P("××市统计局 内部资料", indent=0)])])
    doc = parse_bytes(pdf, filename="f.pdf")
    assert [(f.text, f.explanation["pattern"]) for f in DET.analyze(doc)] == [("内部资料", "label_header")]
