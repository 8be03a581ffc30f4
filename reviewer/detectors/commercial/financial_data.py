"""commercial.financial_data.v1 — unpublished financial data of a named enterprise.

财务报表, 营业收入, 净利润, 合同金额明细 … with a figure or an explicit "未公开/明细/报表".
A public company's published figures are for the reviewer to confirm, hence ``review``.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import AMOUNT, KeywordRule
from reviewer.detectors import position as pos

EXPLICIT = re.compile(r"未公开|尚未公开|未经审计|明细|报表")


class FinancialDataDetector(KeywordRule):
    ID = "commercial.financial_data.v1"
    TYPE = "financial_data"
    LABEL = "未公开财务数据"
    KEYWORDS = re.compile(r"未公开财务数据|财务数据|财务报表|资产负债表|利润表|现金流量表|营业收入|主营业务收入|销售收入|"
                          r"净利润|利润总额|纳税额|银行流水|合同金额明细|合同金额")
    BID_TIES = False

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        for f in super().analyze(doc):
            ss, se = pos.sentence_bounds(text, f.start, f.end, limit=120)
            sentence = text[ss:se]
            fig = AMOUNT.search(text, f.end, min(f.end + 16, se))
            if fig or EXPLICIT.search(sentence):
                out.append(f)
        return out
