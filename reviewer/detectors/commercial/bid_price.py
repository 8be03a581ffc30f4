"""commercial.bid_price.v1 — 投标报价, 报价明细, 标底 with an amount, in a bid or tied to an enterprise.

A 标底 (or 招标控制价 before opening) must be kept secret (招标投标法 第二十二条): action
``redact`` unless the sentence says the bids are open (开标后, 已公布, 中标结果).  Other bid
prices are ``review`` (third-party commercial information, 条例 第十五条, 第三十二条).
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import PUBLISHED_RESULT, KeywordRule, doc_head, literal_words

OPENED = re.compile(r"开标后|已开标|开标时公布|公布|中标结果|中标公告|成交结果|中标候选人公示")


class BidPriceDetector(KeywordRule):
    ID = "commercial.bid_price.v1"
    TYPE = "bid_price"
    LABEL = "投标报价、标底"
    KEYWORDS = literal_words("投标报价|投标总价|投标价格|投标价|投标单价|报价明细|报价总额|最终报价|二次报价|首轮报价|评标价|"
                             "分项报价|单价报价|报价|标底|下浮率|优惠率|让利|折扣率")
    NEEDS_FIGURE = True
    PERCENT_OK = True
    SCORE = 0.8
    PREFILTER = ("报价", "标底", "投标价", "投标总价", "投标单价", "下浮率", "优惠率", "让利", "折扣率", "评标价")

    def analyze(self, doc) -> list:
        # a 中标/成交公告 or 中标候选人公示 publishes its prices by rule (招标投标法实施条例 第五十四条)
        if PUBLISHED_RESULT.search(doc_head(doc)):
            return []
        return super().analyze(doc)

    def keyword_ok(self, text: str, s: int, e: int, sentence: str) -> bool:
        # "低于成本的报价" / "报价函" / "报价文件": the word, not a price
        return not re.match(r"[函单表文须应]|方式|要求|说明|格式|时间|截止", text[e:e + 2])

    def decide(self, sentence: str, keyword: str) -> tuple[str, str]:
        if keyword == "标底" and not OPENED.search(sentence):
            return "redact", "（开标前标底须保密）"
        return "review", ""
