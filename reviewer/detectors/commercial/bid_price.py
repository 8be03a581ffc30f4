"""commercial.bid_price.v1 — 投标报价, 报价明细, 标底 with an amount, in a bid or tied to an enterprise.

A 标底 (or 招标控制价 before opening) must be kept secret (招标投标法 第二十二条): action
``redact`` unless the sentence says the bids are open (开标后, 已公布, 中标结果).  Other bid
prices are ``review`` (third-party commercial information, 条例 第十五条, 第三十二条).
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule

OPENED = re.compile(r"开标后|已开标|开标时公布|公布|中标结果|中标公告|成交结果|中标候选人公示")


class BidPriceDetector(KeywordRule):
    ID = "commercial.bid_price.v1"
    TYPE = "bid_price"
    LABEL = "投标报价、标底"
    KEYWORDS = re.compile(r"投标报价|投标总价|投标价格?|报价明细|报价总额|最终报价|报价为|报价：|报价:|标底|"
                          r"分项报价|单价报价")
    NEEDS_FIGURE = True
    SCORE = 0.8

    def decide(self, sentence: str, keyword: str) -> tuple[str, str]:
        if keyword == "标底" and not OPENED.search(sentence):
            return "redact", "（开标前标底须保密）"
        return "review", ""
