"""secrecy.distribution_limit.v1: 附注 that limit distribution ask for review."""

import pytest

from reviewer.detectors.secrecy.distribution_limit import DistributionLimitDetector
from reviewer.parsers import parse_bytes

DET = DistributionLimitDetector()


def limits(text: str) -> list[str]:
    return [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("××市人民政府\n2024年3月1日\n（此件发至县团级）", ["此件发至县团级"]),
    ("（此件只发至各市、县人民政府）", ["此件只发至各市、县人民政府"]),
    ("2021年1月13日（此件主动公开）（此件发至各法人银行）", ["此件发至各法人银行"]),
    ("本文件仅限传达至县处级以上领导干部。", ["本文件仅限传达至县处级以上领导干部"]),
    ("会议精神传达至县处级干部。", ["传达至县处级干部"]),
    # negatives
    ("此件发至你处，请查收。", []),
    ("现将有关事项通知如下。", []),
    ("第十条 文件的发放范围由发文机关确定。", []),
])
def test_distribution_limit(text, expected):
    assert limits(text) == expected


def test_distribution_limit_is_review():
    [f] = DET.analyze(parse_bytes("（此件发至县团级）".encode("utf-8")))
    assert (f.type, f.action, f.category) == ("distribution_limit", "review", "secrecy")


@pytest.mark.parametrize("text, expected", [
    ("关于××的通知\n各县区：\n正文内容。（此件发至县级）", ["此件发至县级"]),
    ("关于××的通知\n各县区：\n此件发至县级领导干部，请按要求传达学习。", ["此件发至县级领导干部"]),
    ("本件只发至乡镇级。", ["本件只发至乡镇级"]),
    # look-alikes: a rule quoting a limit, a delivery, law text
    ("第十条 文件标注“此件发至县级”的，不得公开。", []),
    ("标注此件发至县级的文件不得在网上公开。", []),
    ("接收信息后，应在5个工作日内分发至市级社会保险经办机构。", []),
])
def test_distribution_limit_in_body_text(text, expected):
    assert limits(text) == expected
