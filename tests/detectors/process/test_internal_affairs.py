"""process.internal_affairs.v1: internal affairs as the document's subject (its title)."""

import pytest

from reviewer.detectors.process.internal_affairs import InternalAffairsDetector
from reviewer.parsers import parse_bytes

DET = InternalAffairsDetector()


@pytest.mark.parametrize("text, expected", [
    ("关于2024年春节期间值班安排的通知\n各科室：", ["值班安排"]),
    ("关于张××等同志职务任免的通知\n各单位：", ["职务任免"]),
    ("关于2023年度机关工作人员考勤情况的通报\n各处室：", ["考勤"]),
    ("××局机关公务用车管理办法\n第一条", ["公务用车"]),
    # negatives: the words inside a sentence, or a public policy title
    ("为加强干部考察工作，制定本办法。", []),
    ("关于做好2024年高校毕业生就业工作的通知\n各市人民政府：\n要做好考勤管理。", []),
])
def test_internal_affairs(text, expected):
    assert [f.explanation["context_word"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def texts(text):
    return [(f.explanation["pattern"], f.text) for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("关于成立专项整治工作专班的通知\n各科室：\n经局党组研究，拟从办公室借调李明同志到专班工作，为期三个月。",
     [("personnel_statement", "经局党组研究，拟从办公室借调李明同志到专班工作，为期三个月")]),
    ("关于干部交流的情况说明\n经初步酝酿，建议王强同志轮岗至财务科，人选待党组会研究。",
     [("personnel_statement", "经初步酝酿，建议王强同志轮岗至财务科，人选待党组会研究")]),
    ("关于张某某问题的调查报告\n经审查，张某某违反工作纪律，建议给予其党内警告处分。",
     [("discipline_statement", "经审查，张某某违反工作纪律，建议给予其党内警告处分")]),
    ("关于2024年度工作安排的通知\n各科室：\n请于本周五前到办公室领取新工资卡；停车证统一由办公室办理。",
     [("staff_notice", "请于本周五前到办公室领取新工资卡"), ("staff_notice", "停车证统一由办公室办理")]),
    # an internal title: its body sentences on the subject are reported too
    ("关于组织开展2024年度职工体检的通知\n各科室：\n体检时间为6月10日至12日。",
     [("title_subject", "关于组织开展2024年度职工体检的通知"), ("staff_notice", "体检时间为6月10日至12日")]),
    # look-alikes: recruitment announcements, rules, published decisions, masked placeholders
    ("2024年事业单位公开招聘工作人员体检公告\n请考生于6月10日参加体检，试用期为一年。", []),
    ("第二十条 借调人员的工资由原单位支付，其福利待遇保持不变。", []),
    ("关于3起违反中央八项规定精神问题的通报\n给予张某某党内警告处分。", []),
    ("申报对象一般为河北省“三三三人才工程”一层次人选。", []),
    ("省×××产业技术研究院拟任理事长。", []),
])
def test_internal_affairs_statements(text, expected):
    assert texts(text) == expected


def test_internal_affairs_statement_stops_before_contact_details():
    text = "关于领取停车证的通知\n各科室：\n请于周五前到办公室领取停车证，联系电话：0311-86001234。"
    got = texts(text)
    assert got[-1] == ("staff_notice", "请于周五前到办公室领取停车证")


@pytest.mark.parametrize("text, expected", [
    ("会议讨论了副局长人选，拟推荐两名同志参加考察。", ["personnel_statement"]),
    ("各地要选好配强村党组织书记人选。", []),   # a policy about candidates in general: no person named
])
def test_internal_affairs_candidates(text, expected):
    assert [p for p, _ in texts(text)] == expected


def test_internal_affairs_statements_in_docx_and_pdf():
    from reviewer.synth.docx_writer import DocxBuilder
    b = DocxBuilder()
    b.paragraph("关于成立专项整治工作专班的通知")
    b.paragraph("各科室：")
    b.paragraph("经局党组研究，拟从办公室借调李明同志到专班工作。")
    b.table([["事项", "安排"], ["停车证", "请各科室于周五前统一办理停车证"]])
    doc = parse_bytes(b.to_bytes(), filename="a.docx")
    got = [(f.explanation["pattern"], f.text) for f in DET.analyze(doc)]
    assert ("personnel_statement", "经局党组研究，拟从办公室借调李明同志到专班工作") in got
    assert ("staff_notice", "请各科室于周五前统一办理停车证") in got

    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    pdf = pdf_writer.text_pdf(["关于张某某问题的调查报告", "经审查，张某某违反工作纪律，建议给予其党内警告处分。"])
    got = [(f.explanation["pattern"], f.text.replace("\n", "")) for f in DET.analyze(parse_bytes(pdf, filename="a.pdf"))]
    assert ("discipline_statement", "经审查，张某某违反工作纪律，建议给予其党内警告处分") in got
