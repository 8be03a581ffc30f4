"""commercial.cost_profit.v1: an enterprise's costs and margins with a figure."""

import pytest

from reviewer.detectors.commercial.cost_profit import CostProfitDetector
from reviewer.parsers import parse_bytes

DET = CostProfitDetector()


@pytest.mark.parametrize("text, expected", [
    ("经测算，××食品有限公司该产品单位成本为12.5元/件，毛利率为35%。", ["单位成本为12.5元/件，毛利率为35%"]),  # one statement, every figure
    ("河北华兴水泥有限公司成本构成：原材料成本约280元/吨。", ["成本构成：原材料成本约280元/吨"]),
    # negatives
    ("降低企业用电成本，全年为企业减负12亿元。", []),
    ("第十二条 价格主管部门应当开展成本监审，利润率不得超过10%。", []),
    ("××有限公司成本控制良好。", []),
])
def test_cost_profit(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


@pytest.mark.parametrize("text, expected", [
    ("唐山华冶钢铁有限公司（以下简称华冶公司）反映，其吨钢生产成本约为3650元，毛利率已降至4.2%。",
     ["生产成本约为3650元，毛利率已降至4.2%"]),
    ("邢台金丰面粉有限公司反映情况。该公司出厂价每吨3100元，原料成本占比71%。", ["出厂价每吨3100元，原料成本占比71%"]),
    ("经核查，沧州精工机械厂的加工费为每件18元。", ["加工费为每件18元"]),
    # look-alikes: policy aims, aggregates, rules
    ("各地要降低企业融资成本，引导金融机构合理确定贷款利率。", []),
    ("推动河钢集团降低成本10%以上。", []),
    ("全省规模以上工业企业毛利率为12.3%。", []),
    ("投标人不得以低于成本的报价竞标。", []),
])
def test_cost_profit_statements(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_cost_profit_lettered_enterprise():
    text = "经调查，B公司该产品毛利率为12.5%，单位成本为86元/件。"
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == ["毛利率为12.5%，单位成本为86元/件"]
