"""process.request_report.v1: 请示 and 报告 as the document's kind."""

import pytest

from reviewer.detectors.process.request_report import RequestReportDetector
from reviewer.parsers import parse_bytes

DET = RequestReportDetector()


def kinds(text):
    return [f.explanation["doc_kind"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("××县教育局\n关于申请2024年校舍维修资金的请示\n县财政局：\n妥否，请批示。", ["请示"]),
    ("关于2024年一季度安全生产检查情况的报告\n市政府：\n特此报告。", ["报告"]),
    ("县财政局：\n我局拟申请资金200万元用于校舍维修。\n妥否，请批示。", ["请示"]),
    # negatives
    ("关于2023年度政府信息公开工作年度报告\n一、总体情况", []),
    ("2024年政府工作报告\n各位代表：", []),
    ("关于做好2024年春季防火工作的通知\n各乡镇：\n请认真贯彻执行。", []),
    ("第十六条 行政机关在履行行政管理职能过程中形成的请示报告等过程性信息，可以不予公开。", []),
])
def test_request_report(text, expected):
    assert kinds(text) == expected
