"""commercial.customer_list.v1: an enterprise's or a bidder's customer/supplier list."""

import pytest

from reviewer.detectors.commercial.customer_list import CustomerListDetector
from reviewer.parsers import parse_bytes

DET = CustomerListDetector()


@pytest.mark.parametrize("text, expected", [
    ("××科技有限公司客户名单共计86家，详见附表。", ["客户名单"]),
    ("投标文件附有供应商名单及联系方式。", ["供应商名单"]),
    # negatives
    ("证券公司应当妥善保存客户信息。", []),
    ("审计机关可以查阅与审计事项有关的客户信息或者证券公司的其他有关文件。", []),
])
def test_customer_list(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


@pytest.mark.parametrize("text, expected", [
    ("邯郸宏远纺织有限公司的主要客户为浙江某贸易公司，年供货量约1200吨，目前尚欠货款380万元。",
     ["主要客户为浙江某贸易公司，年供货量约1200吨，目前尚欠货款380万元"]),
    ("河北冀丰机械有限公司前五大客户包括中国一重集团有限公司、太原重工股份有限公司。",
     ["前五大客户包括中国一重集团有限公司、太原重工股份有限公司"]),
    ("唐山恒信贸易有限公司反映，该公司应收账款达2600万元。", ["应收账款达2600万元"]),
    # look-alikes
    ("投标报价最低的供应商为中标候选人。", []),
    ("有关企业拖欠农民工工资380万元的，依法处理。", []),
    ("到2020年，年交易额10亿元以上的网络零售平台达到10个。", []),
])
def test_customer_list_statements(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
