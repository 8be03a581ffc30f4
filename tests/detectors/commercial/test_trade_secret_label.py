"""commercial.trade_secret_label.v1: an enterprise's own 商业秘密 label, not the law's word."""

import pytest

from reviewer.detectors.commercial.trade_secret_label import TradeSecretLabelDetector
from reviewer.parsers import parse_bytes

DET = TradeSecretLabelDetector()


@pytest.mark.parametrize("text, expected", [
    ("本报价文件涉及商业秘密，请勿外传。", ["label_imperative"]),
    ("投标文件\n商业秘密\n第一部分 技术方案", ["label_line"]),
    ("我公司认为投标文件第三部分属于商业秘密，申请不予公开。", ["label_assertion"]),
    # negatives
    ("涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。", []),
    ("粮食经营者报送的基本数据和有关情况涉及商业秘密的，管理部门负有保密义务。", []),
    ("第九条 经营者不得实施下列侵犯商业秘密的行为。", []),
    ("其中：涉及国家秘密\n件\n0\n涉及商业秘密\n件\n0", []),
])
def test_trade_secret_label(text, expected):
    assert [f.explanation["pattern"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
