"""commercial.cost_profit.v1 — 成本构成, 利润率, 价格测算 of a named enterprise, with a figure."""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule, literal_words


class CostProfitDetector(KeywordRule):
    ID = "commercial.cost_profit.v1"
    TYPE = "cost_profit"
    LABEL = "成本、利润、价格测算"
    KEYWORDS = literal_words("成本构成|成本明细|单位成本|生产成本|综合成本|制造成本|原料成本|原材料成本|人工成本|加工成本|"
                             "成本价|成本核算|成本测算|成本|价格测算|利润率|毛利率|净利率|毛利|利润空间|盈利水平|"
                             "出厂价格|出厂价|出厂单价|采购价格|采购价|采购单价|进货价|供货价格|供货价|结算价格|结算价|"
                             "销售单价|加工费")
    NEEDS_FIGURE = True
    PERCENT_OK = True
    FIGURE_WITHIN = 16
    PREFILTER = ("成本", "利润", "毛利", "利率", "价格测算", "出厂", "采购价", "采购单价", "进货价", "供货价",
                 "结算价", "销售单价", "加工费")

    def keyword_ok(self, text: str, s: int, e: int, sentence: str) -> bool:
        # "降低成本10%", "融资成本下降0.5个百分点": a policy's aim, not an enterprise's cost
        return not re.search(r"(?:降低|减少|节约|节省|下降|压降|降|减)[^，。；]{0,4}$", text[max(s - 8, 0):s]) \
            and not re.match(r"费用|效益|控制|下降|降低|减少|节约", text[e:e + 2])
