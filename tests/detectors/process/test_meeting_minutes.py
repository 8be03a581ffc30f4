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


def test_meeting_minutes_discussion_sentences():
    text = ("局长办公会议纪要\n2024年3月1日，局长主持召开办公会议。\n会议认为，当前项目推进较慢。"
            "王建国同志提出，资金缺口由财政局协调解决。会议要求各科室加快进度。")
    got = [(f.explanation["pattern"], f.text) for f in DET.analyze(parse_bytes(text.encode("utf-8")))]
    assert got == [("title_kind", "局长办公会议纪要"),
                   ("minutes_discussion", "会议认为，当前项目推进较慢"),
                   ("minutes_discussion", "提出，资金缺口由财政局协调解决"),  # not the speaker
                   ("minutes_discussion", "会议要求各科室加快进度")]


@pytest.mark.parametrize("text, expected", [
    # an attached 纪要 below page 1 makes the discussion below it process information
    ("关于××的通知\n各单位：\n现将纪要印发。\n附件\n全县防汛工作专题会议纪要\n会议强调，要压实责任。",
     ["minutes_heading", "minutes_discussion"]),
    # news of a public meeting is not minutes
    ("省政府召开常务会议\n会议指出，要做好防汛工作。", []),
])
def test_meeting_minutes_heading_below_page_one(text, expected):
    assert [f.explanation["pattern"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_meeting_minutes_speaker_with_title():
    text = "××局2024年第3次局务会议纪要\n会上，张局长提出，办公楼维修经费缺口较大。\n与会同志同意上述意见。"
    got = [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))]
    assert got == ["××局2024年第3次局务会议纪要", "提出，办公楼维修经费缺口较大", "与会同志同意上述意见"]


def test_meeting_minutes_discussion_stops_before_contact_details():
    text = "专题会议纪要\n会议要求各科室于周五前报送材料，联系人：王明，电话：0311-86001234。"
    [_, f] = DET.analyze(parse_bytes(text.encode("utf-8")))
    assert f.text == "会议要求各科室于周五前报送材料"
