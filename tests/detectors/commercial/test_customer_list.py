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
