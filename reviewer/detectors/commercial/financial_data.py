"""commercial.financial_data.v1 — unpublished financial data of a named enterprise.

财务报表, 营业收入, 净利润, 合同金额明细 … with a figure or an explicit "未公开/明细/报表".
A public company's published figures are for the reviewer to confirm, hence ``review``.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule, doc_head, literal_words
from reviewer.detectors import position as pos

EXPLICIT = re.compile(r"未公开|尚未公开|未经审计|明细|报表")
# Lists published as such: a commendation of top taxpayers, a ranking.
PUBLIC_LIST = re.compile(r"表彰|光荣榜|百强|排行榜|榜单|排名|名录")


class FinancialDataDetector(KeywordRule):
    ID = "commercial.financial_data.v1"
    TYPE = "financial_data"
    LABEL = "未公开财务数据"
    KEYWORDS = literal_words("未公开财务数据|财务数据|财务报表|资产负债表|利润表|现金流量表|营业收入|主营业务收入|销售收入|营收|"
                             "销售额|营业额|净利润|利润总额|毛利润|利润|亏损额|亏损|资产总额|总资产|净资产|负债总额|资产负债率|负债|"
                             "纳税额|纳税|缴税|银行流水|合同金额明细|合同金额|授信额度|授信|贷款利率|贷款余额|贷款金额|借款|"
                             "融资额|融资金额|融资|年利率|利率|担保额度|现金流|存货|贷款|流动资金贷款")
    BID_TIES = False
    PERCENT_OK = True
    FIGURE_UNLESS = EXPLICIT
    PREFILTER = ("财务", "资产", "利润", "收入", "营收", "销售额", "营业额", "亏损", "负债", "纳税", "缴税", "流水",
                 "合同金额", "授信", "贷款", "借款", "融资", "利率", "担保", "现金流", "存货")

    def keyword_ok(self, text: str, s: int, e: int, sentence: str) -> bool:
        word = text[s:e]
        if word == "利润" and text[e:e + 1] == "率":        # 利润率: a cost_profit figure
            return False
        if word == "利率" and s > 0 and text[s - 1] in "毛净润":  # 毛利率, 净利率
            return False
        return True

    def analyze(self, doc) -> list:
        if PUBLIC_LIST.search(doc_head(doc, 120)):
            return []
        text = doc.text
        out = []
        for f in super().analyze(doc):
            ss, se = pos.sentence_bounds(text, f.start, f.end, limit=120)
            sentence = text[ss:se]
            if f.explanation.get("figure") or EXPLICIT.search(sentence):
                out.append(f)
        return out
