"""process.meeting_minutes.v1: minutes by title or by the 议定事项 formula."""

import pytest

from reviewer.detectors.process.meeting_minutes import MeetingMinutesDetector
from reviewer.parsers import parse_bytes

DET = MeetingMinutesDetector()


@pytest.mark.parametrize("text, expected", [
    ("××区政府第5次常务会议纪要\n2024年3月1日，区长主持召开会议。", ["title_kind"]),
    ("关于推进老旧小区改造工作的专题会议纪要\n会议议定事项如下：", ["title_kind", "minutes_formula"]),
    ("城市更新项目讨论记录\n时间：2024年3月1日", ["title_kind"]),
    ("经会议研究，议定如下：一、同意……", ["minutes_formula"]),
    # negatives
    ("关于印发会议纪要格式规范的通知\n各部门：\n现将规范印发给你们。", []),
    ("各单位要认真落实会议精神，做好会议记录归档工作。", []),
])
def test_meeting_minutes(text, expected):
    assert [f.explanation["pattern"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
