"""personal.income.v1 — a private person's income, debts and benefit amounts."""


import pytest

from reviewer import detectors
from reviewer.detectors.personal.income import IncomeRecognizer
from tests.detectors.helpers import make_doc
from tests.detectors import helpers


def income(text):
    return [f.text for f in detectors.analyze(make_doc(text)) if f.type == "income"]


def test_income_declares_harm():
    assert IncomeRecognizer.HARM is True and IncomeRecognizer.TYPE == "income"


@pytest.mark.parametrize("text, expected", [
    ("申请人王建国，男，现年52岁，务工月收入2300元，妻子无固定收入。", ["月收入2300元"]),
    ("该户家庭年人均收入3860元，低于当地低保标准。", ["家庭年人均收入3860元"]),
    ("其家庭月收入不足2000元，生活困难。", ["家庭月收入不足2000元"]),
    ("李秀英每月领取低保金580元。", ["每月领取低保金580元"]),
    ("张三欠缴物业费3200元，经多次催缴未果。", ["欠缴物业费3200元"]),
    ("王芳现欠银行贷款12万元。", ["欠银行贷款12万元"]),
    ("户主刘德华，男，家庭月收入1,500元，领取残疾人两项补贴200元/月",
     ["家庭月收入1,500元", "领取残疾人两项补贴200元/月"]),
    ("经核实，赵立新退休金为每月3100元。", ["退休金为每月3100元"]),
    ("经核实，赵立新的退休金为3100元/月。", ["退休金为3100元/月"]),
    ("王建国的年收入不到1万元。", ["年收入不到1万元"]),
    ("申请人邱红霞每月领取失业保险金1430元。", ["每月领取失业保险金1430元"]),
    ("户主严国庆欠缴2023年度城乡居民医疗保险费380元。", ["欠缴2023年度城乡居民医疗保险费380元"]),
    ("户主张秀兰，每月领取600元的低保金。", ["600元的低保金"]),
])
def test_income_of_a_person_is_reported(text, expected):
    assert income(text) == expected


@pytest.mark.parametrize("text", [
    "家庭年人均收入低于4000元的，可以申请。",
    "2023年全省农村居民人均可支配收入19000元。",
    "城乡低保标准提高到每人每月800元。",
    "××公司2022年营业收入为9.3亿元",
    "对当事人处以罚款人民币20000元",
    "月收入在5000元以下的职工免征个人所得税",
    "全市城镇在岗职工平均工资达到6.8万元",
    "共发放低保金1200万元，惠及困难群众3万人。",
    "家庭月收入低于1800元的家庭可申请廉租住房。",
])
def test_income_look_alikes_are_not_reported(text):
    assert income(text) == []


def test_benefit_amounts_in_a_publicity_notice_are_published_by_rule():
    text = "关于2024年第二季度低保对象的公示\n户主王建国，家庭人口3人，每月领取低保金580元。\n户主李秀英，月收入800元。"
    assert income(text) == ["月收入800元"]


def _docx_table(rows, title):
    return helpers.docx_table(rows, title)


@pytest.mark.parametrize("title, expected", [
    ("关于困难家庭入户核查情况的报告", ["2300", "800", "1500"]),
    ("关于2024年度低保对象的公示", ["2300", "1500"]),       # 保障金额 published by rule there
])
def test_income_columns_of_a_docx_table(title, expected):
    doc = _docx_table([["序号", "户主姓名", "家庭月收入", "保障金额"],
                       ["1", "王建国", "2300", "800"],
                       ["2", "李秀英", "1500", "—"]], title)
    assert [f.text for f in detectors.analyze(doc) if f.type == "income"] == expected


def test_income_in_a_real_docx_and_pdf():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder
    from reviewer.synth.pdf_writer import have_cjk_font, text_pdf

    lines = ["关于申请临时救助的调查报告", "申请人孙建华，女，现年45岁，丈夫去世，本人月收入1800元，尚欠医疗费36000元。",
             "家庭年人均收入低于当地低保标准2倍的，可以申请临时救助。"]
    b = DocxBuilder()
    for line in lines:
        b.paragraph(line)
    docs = [parse_bytes(b.to_bytes(), "报告.docx")]
    if have_cjk_font():
        docs.append(parse_bytes(text_pdf(lines), "报告.pdf"))
    for doc in docs:
        got = [f.text.replace("\n", "") for f in detectors.analyze(doc) if f.type == "income"]
        assert got == ["月收入1800元", "尚欠医疗费36000元"], doc.metadata.format


def test_text_table_income_column():
    text = "序号  姓名  家庭年收入  备注\n1  王建国  12000  无\n2  李秀英  9600  无\n"
    assert income(text) == ["12000", "9600"]
