"""commercial.figure_table.v1: figures in an enterprise's row of a price / cost / financial column."""

import pytest

from reviewer.detectors.commercial.figure_table import FigureTableDetector
from reviewer.parsers import parse_bytes
from reviewer.synth.docx_writer import DocxBuilder
from tests.detectors.helpers import make_doc

DET = FigureTableDetector()


def found(doc):
    return [(f.type, f.text) for f in DET.analyze(doc)]


@pytest.mark.parametrize("text, expected", [
    ("××项目评标报告\n投标人 | 投标报价（万元） | 技术得分\n河北恒达建材有限公司 | 1286.50 | 42\n石家庄瑞丰科技有限公司 | 986.00 | 39",
     [("bid_price", "1286.50"), ("bid_price", "986.00")]),
    ("企业名称\t授信额度\t贷款利率\n沧州通达物流有限公司\t5000万元\t3.85%",
     [("financial_data", "5000万元"), ("financial_data", "3.85%")]),
    ("序号 企业 单位成本 毛利率\n1 唐山华冶钢铁有限公司 3650元 4.2%",
     [("cost_profit", "3650元"), ("cost_profit", "4.2%")]),
    # look-alikes
    ("××项目中标公告\n中标人 | 报价（万元）\n河北建工集团有限责任公司 | 3456.78", []),   # published by rule
    ("地区 | 营业收入（亿元）\n石家庄市 | 1200\n唐山市 | 1500", []),                       # no enterprise
    ("投标人 | 投标报价\n河北恒达建材有限公司 | 详见附件", []),                             # no figure
])
def test_figure_table_text(text, expected):
    assert found(make_doc(text)) == expected


def test_figure_table_docx():
    b = DocxBuilder()
    b.paragraph("××采购项目评审报告")
    b.table([["供应商", "报价（元）", "得分"], ["保定科润化工有限公司", "2,480,000.00", "88.5"],
             ["邯郸宏远纺织有限公司", "2,515,300.00", "86.0"]])
    doc = parse_bytes(b.to_bytes(), filename="r.docx")
    got = DET.analyze(doc)
    assert [(f.type, f.text) for f in got] == [("bid_price", "2,480,000.00"), ("bid_price", "2,515,300.00")]
    assert got[0].explanation["enterprise"] == "保定科润化工有限公司"
    assert (got[0].category, got[0].action) == ("commercial", "review")


def test_figure_table_label_value_form():
    b = DocxBuilder()
    b.paragraph("贷款贴息申请审核表")
    b.table([["企业名称", "沧州通达物流有限公司"], ["授信额度", "5000万元"], ["贷款利率", "3.85%"], ["联系人", "王明"]])
    b.table([["地区", "石家庄市"], ["营业收入", "1200亿元"]])   # no enterprise on the form
    doc = parse_bytes(b.to_bytes(), filename="f.docx")
    got = [(f.type, f.text, f.explanation["enterprise"]) for f in DET.analyze(doc)]
    assert got == [("financial_data", "5000万元", "沧州通达物流有限公司"), ("financial_data", "3.85%", "沧州通达物流有限公司")]


@pytest.mark.parametrize("text, expected", [
    ("企业名称 2023年营业收入（万元） 2023年净利润（万元）\n衡水安泰包装有限公司 8600 612",
     [("financial_data", "8600"), ("financial_data", "612")]),
    ("投标人 | 投标总报价（元）\n河北恒达建材有限公司 | 2368000", [("bid_price", "2368000")]),
    # budgets and price caps are published; a long heading is a sentence, not a column
    ("投标人 | 预算金额（万元） | 最高限价（万元）\n河北恒达建材有限公司 | 500 | 480", []),
])
def test_figure_table_headings_in_a_few_words(text, expected):
    assert found(make_doc(text)) == expected


def test_figure_table_customer_names_with_volumes():
    text = ("邯郸宏远纺织有限公司主要客户情况\n客户名称 | 年采购量（吨） | 欠款（万元）\n"
            "浙江某贸易有限公司 | 1200 | 380\n天津某机械厂 | 650 | 0")
    got = found(make_doc(text))
    assert ("customer_list", "浙江某贸易有限公司") in got and ("customer_list", "天津某机械厂") in got
    assert ("customer_list", "1200") in got and ("customer_list", "380") in got
    # a list of names without volumes is not a customer table
    assert found(make_doc("客户名称 | 地址\n浙江某贸易有限公司 | 杭州")) == []
