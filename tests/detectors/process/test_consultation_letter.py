"""process.consultation_letter.v1: 征求意见函, 会签函, and requests to answer by a date."""

import pytest

from reviewer.detectors.process.consultation_letter import ConsultationLetterDetector
from reviewer.parsers import parse_bytes

DET = ConsultationLetterDetector()


@pytest.mark.parametrize("text, expected", [
    ("××市发展和改革委员会\n关于征求《××市节能管理办法（修订稿）》意见的函\n各有关单位：",
     ["title_kind"]),
    ("关于××项目用地的会签函\n市自然资源局：", ["title_kind"]),
    ("请于2024年3月15日前将修改意见书面反馈我委，逾期未反馈视为无意见。", ["feedback_deadline", "feedback_deadline"]),
    ("请于3月20日前反馈意见。", ["feedback_deadline"]),
    # OCR text without line breaks: 版头, 文号, title and 主送机关 run together
    ("山东省生态环境厅鲁环便函〔2021〕7号山东省生态环境委员会办公室关于商请会签《关于调整专项小组组成人员的通知》"
     "的函各专项小组成员单位:根据人员变动情况，拟对组成人员进行调整。", ["title_kind"]),
    # negatives
    ("公民可在征求意见期限内通过信函提出意见。", []),
    ("请于2024年3月15日前报送年度统计报表。", []),
    ("关于做好2024年征兵工作的通知\n各乡镇：", []),
    ("根据《国务院关于征求意见的函》精神，现将有关事项通知如下:一、各地要做好工作。", []),
])
def test_consultation_letter(text, expected):
    assert [f.explanation["pattern"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
