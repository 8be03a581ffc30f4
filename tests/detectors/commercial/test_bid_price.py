"""commercial.bid_price.v1: bid prices with amounts; 标底 before opening is redacted."""

import pytest

from reviewer.detectors.commercial.bid_price import BidPriceDetector
from reviewer.parsers import parse_bytes

DET = BidPriceDetector()


def found(text):
    return [(f.text, f.action) for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("××建设工程有限公司投标报价为1,234,567.00元。", [("投标报价为1,234,567.00元", "review")]),
    ("本项目标底为3,560,000元，请严格保密。", [("标底为3,560,000元", "redact")]),
    ("开标后公布的标底为3,560,000元。", [("标底为3,560,000元", "review")]),
    ("第二标段投标人甲的报价明细：土建部分862.5万元。", [("报价明细：土建部分862.5万元", "review")]),
    # negatives
    ("招标人设有标底的，标底必须保密。", []),
    ("投标人不得以低于成本的报价竞标。", []),
    ("××公司投标报价详见附件。", []),                # no amount in the sentence
    ("报价为120元的商品房价格备案。", []),            # no bid, no named enterprise
])
def test_bid_price(text, expected):
    assert found(text) == expected
