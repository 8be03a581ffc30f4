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


@pytest.mark.parametrize("text, expected", [
    # an evaluation report: the document's title is the bid tie, the price is the bare 报价
    ("××道路改造工程评标报告\n经评审，石家庄瑞丰科技股份有限公司报价986万元，技术得分42分。", ["报价986万元"]),
    ("××项目评审报告\n第一名为保定科润化工有限公司，其报价为人民币贰佰肆拾捌万元整。", ["报价为人民币贰佰肆拾捌万元整"]),
    ("磋商小组记录：该供应商二次报价为213.6万元，下浮率8.5%。", ["二次报价为213.6万元，下浮率8.5%"]),
    # look-alikes: published results, rules, the word without a price
    ("××项目中标公告\n中标人：河北建工集团有限责任公司，投标报价：3,456.78万元。", []),
    ("××项目中标候选人公示\n第一中标候选人：河北建工集团有限责任公司，报价3,456.78万元。", []),
    ("××项目评标报告\n投标人应当在报价函中载明报价，报价须包含全部费用。", []),
])
def test_bid_price_statements(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_bid_price_in_pdf():
    from reviewer.synth import pdf_writer
    if not pdf_writer.have_cjk_font():
        pytest.skip("no CJK font")
    pdf = pdf_writer.text_pdf(["××项目评标报告", "经评审，河北恒达建材有限公司投标报价为人民币1,286.5万元，在有效投标中排名第二。"])
    doc = parse_bytes(pdf, filename="r.pdf")
    [f] = DET.analyze(doc)
    assert "1,286.5万元" in f.text.replace("\n", "")
