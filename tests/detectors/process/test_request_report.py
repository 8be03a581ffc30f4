"""process.request_report.v1: 请示 and 报告 as the document's kind."""

import pytest

from reviewer.detectors.process.request_report import RequestReportDetector
from reviewer.parsers import parse_bytes

DET = RequestReportDetector()


def kinds(text):
    return [f.explanation["doc_kind"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))]


@pytest.mark.parametrize("text, expected", [
    ("××县教育局\n关于申请2024年校舍维修资金的请示\n县财政局：\n妥否，请批示。", ["请示"]),   # the title names the kind
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


@pytest.mark.parametrize("text, expected", [
    # 汇报 to a superior: the title; without a title naming the kind, every formula
    ("关于2024年第一季度工作情况的汇报\n市委：\n现将一季度工作情况汇报如下。\n以上汇报，请审阅。",
     ["关于2024年第一季度工作情况的汇报"]),
    ("市委：\n现将一季度工作情况汇报如下。\n一、总体情况\n以上汇报，请审阅。",
     ["现将一季度工作情况汇报如下", "以上汇报，请审阅"]),
    ("县政府：\n现就追加防汛经费有关事项请示如下。\n一、基本情况\n当否，请指示。",
     ["现就追加防汛经费有关事项请示如下", "当否，请指示"]),
    ("××局关于农村道路建设的情况汇报\n县政府：\n一、进展\n特此汇报。", ["××局关于农村道路建设的情况汇报"]),
    # look-alikes: an ordinary request in a sentence, a public report, law text
    ("关于做好防汛工作的通知\n各乡镇：\n请各乡镇于6月1日前将方案报县应急局审阅后实施。", []),
    ("关于2023年度政府信息公开工作年度报告\n现将有关情况报告如下。", []),
    ("第一条 为规范请示报告工作，制定本规定。\n第二条 下级机关应当按照规定请示。\n第三条 特此请示的，应当一文一事。", []),
])
def test_request_report_formulas(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
