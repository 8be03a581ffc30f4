"""commercial.financial_data.v1: an enterprise's unpublished financial figures."""

import pytest

from reviewer.detectors.commercial.financial_data import FinancialDataDetector
from reviewer.parsers import parse_bytes

DET = FinancialDataDetector()


@pytest.mark.parametrize("text, expected", [
    ("××化工有限公司2023年营业收入为5.6亿元，净利润3200万元。", ["营业收入", "净利润"]),
    ("申请人提交了××物流有限公司未公开财务数据。", ["未公开财务数据"]),
    # negatives
    ("全省装备制造业营业收入达到11000亿元，培育千亿级企业集团1—2家。", []),
    ("申请资助的工作室年营业收入200万元人民币以上。", []),
    ("代表机构应当提交经会计师事务所审计的年度财务报表。", []),
])
def test_financial_data(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
