"""commercial.customer_list.v1 — 客户名单, 客户信息, 供应商名单 of a named enterprise or a bidder.

SPC 2020 商业秘密规定 第一条: 客户信息 (names, addresses, contacts, trading habits) is
business information.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule, literal_words

# Volumes and arrears need a figure; a list of customers does not.
NEEDS_VALUE = literal_words("采购量|供货量|订单量|销量|销售量|欠款|欠货款|拖欠|应收账款|应付账款|赊销|交易额|供货额|采购额")


class CustomerListDetector(KeywordRule):
    ID = "commercial.customer_list.v1"
    TYPE = "customer_list"
    LABEL = "客户名单、供应商名单"
    KEYWORDS = literal_words("客户名单|客户信息|客户资料|客户清单|客户联系方式|主要客户|前五大客户|前十大客户|大客户|下游客户|"
                             "客户为|客户包括|供货对象|销售对象|主要供应商|供应商为|供应商名单|供应商信息|供货商名单|经销商名单|"
                             "货源渠道", NEEDS_VALUE.pattern)
    FIGURES = "volume"
    PREFILTER = ("客户", "供应商", "供货", "经销商", "货源", "销售对象", "采购量", "订单量", "销量", "销售量", "欠",
                 "应收账款", "应付账款", "赊销", "交易额", "采购额")

    def keyword_ok(self, text: str, s: int, e: int, sentence: str) -> bool:
        if NEEDS_VALUE.fullmatch(text[s:e]):
            from reviewer.detectors.commercial._common import FIGURE_KINDS, figures_after
            return figures_after(text, e, min(len(text), e + 40), FIGURE_KINDS["volume"], 20) is not None \
                and not re.search(r"农民工|工资|欠薪|社保|税款|欠缴", sentence)
        if text[s:e] in ("客户为", "供应商为"):  # "…的供应商为中标候选人": a rule; a name must follow
            return re.match(r"[^。；;，,\n]{2,30}?(?:公司|集团|厂)", text[e:e + 32]) is not None
        return True

    def extend(self, text: str, e: int, se: int) -> int:
        """"主要客户为A公司、B公司": the names that follow, to the end of the clause (at most 60 characters)."""
        m = re.match(r"[^。；;\n]{0,60}?(?=[。；;\n]|$)", text[e:se + 1])
        return e + len(m.group(0).rstrip("，, ")) if m and re.search(r"公司|集团|厂|单位|商", m.group(0)) else e
