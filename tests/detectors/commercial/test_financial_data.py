"""commercial.financial_data.v1: an enterprise's unpublished financial figures."""

import pytest

from reviewer.detectors.commercial.financial_data import FinancialDataDetector
from reviewer.parsers import parse_bytes

DET = FinancialDataDetector()


@pytest.mark.parametrize("text, expected", [
    ("××化工有限公司2023年营业收入为5.6亿元，净利润3200万元。", ["营业收入为5.6亿元，净利润3200万元"]),
    ("申请人提交了××物流有限公司未公开财务数据。", ["未公开财务数据"]),
    # negatives
    ("全省装备制造业营业收入达到11000亿元，培育千亿级企业集团1—2家。", []),
    ("申请资助的工作室年营业收入200万元人民币以上。", []),
    ("代表机构应当提交经会计师事务所审计的年度财务报表。", []),
])
def test_financial_data(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


@pytest.mark.parametrize("text, expected", [
    ("沧州通达物流有限公司在工商银行的授信额度为5000万元，贷款利率为年化3.85%。", ["授信额度为5000万元，贷款利率为年化3.85%"]),
    ("廊坊新材料有限公司2023年未公开的营业收入为2.3亿元，净利润1860万元。", ["营业收入为2.3亿元，净利润1860万元"]),
    ("衡水安泰包装有限公司提交了材料。据其报表，去年亏损420万元。", ["亏损420万元"]),
    # look-alikes: statistics, targets, rules, law text about kinds of companies
    ("2023年全省规模以上工业企业实现营业收入4.2万亿元，同比增长5.1%。", []),
    ("我省高端装备制造业2016年主营业务收入约1400亿元，拥有中车唐山公司等骨干企业。", []),
    ("到2025年，培育年营业收入超100亿元的企业10家。", []),
    ("第五条 金融资产管理公司的注册资本为人民币100亿元。", []),
    ("对在主板上市的企业奖励200万元，融资额1‰进行奖励。", []),
])
def test_financial_data_statements(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


@pytest.mark.parametrize("text, expected", [
    ("保定市恒润纸业有限公司在农业银行取得流动资金贷款3000万元，执行利率4.35%。", ["流动资金贷款3000万元，执行利率4.35%"]),
    ("据该公司财务负责人介绍，公司去年净利润约为-320万元，资产负债率达78%。", ["净利润约为-320万元，资产负债率达78%"]),
    ("关于××公司申请贴息的审核意见\n石家庄市华鑫食品有限公司2023年销售额为8600万元，利润总额为612万元。",
     ["销售额为8600万元，利润总额为612万元"]),
    # published lists and register data
    ("河北省人民政府关于表彰2023年度纳税百强企业的决定\n河北钢铁集团有限公司纳税额为86亿元。", []),
    ("该公司统一社会信用代码为91130100MA0CXXXX1K，注册资本5000万元。", []),
])
def test_financial_data_loans_and_published_lists(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


@pytest.mark.parametrize("text, expected", [
    # the title names the one enterprise the whole document is about
    ("关于河北恒达建材有限公司申请贷款贴息的审核意见\n经核查，2023年销售收入8600万元，净利润612万元。",
     ["销售收入8600万元，净利润612万元"]),
    # a penalty decision is published by rule; several enterprises in the title tie none
    ("河北恒达建材有限公司行政处罚决定书\n经查，当事人违法期间销售收入8600万元。", []),
    ("关于河北恒达建材有限公司与石家庄瑞丰科技有限公司合作的报告\n双方销售收入8600万元。", []),
])
def test_financial_data_title_tie(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
