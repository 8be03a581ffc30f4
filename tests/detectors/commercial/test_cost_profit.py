"""commercial.cost_profit.v1: an enterprise's costs and margins with a figure."""

import pytest

from reviewer.detectors.commercial.cost_profit import CostProfitDetector
from reviewer.parsers import parse_bytes

DET = CostProfitDetector()


@pytest.mark.parametrize("text, expected", [
    ("经测算，××食品有限公司该产品单位成本为12.5元/件，毛利率为35%。", ["单位成本为12.5元/件", "毛利率为35%"]),
    ("河北华兴水泥有限公司成本构成：原材料成本约280元/吨。", ["成本构成：原材料成本约280元/吨"]),
    # negatives
    ("降低企业用电成本，全年为企业减负12亿元。", []),
    ("第十二条 价格主管部门应当开展成本监审，利润率不得超过10%。", []),
    ("××有限公司成本控制良好。", []),
])
def test_cost_profit(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
