"""commercial.cost_profit.v1 — 成本构成, 利润率, 价格测算 of a named enterprise, with a figure."""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule


class CostProfitDetector(KeywordRule):
    ID = "commercial.cost_profit.v1"
    TYPE = "cost_profit"
    LABEL = "成本、利润、价格测算"
    KEYWORDS = re.compile(r"成本构成|成本明细|单位成本|生产成本|综合成本|成本价|成本为|成本约|成本核算|成本测算|"
                          r"价格测算|利润率|毛利率|净利率|利润为|毛利为|利润约|盈利水平")
    NEEDS_FIGURE = True
    PERCENT_OK = True
