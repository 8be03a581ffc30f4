import datetime

import pytest

from reviewer.detectors.personal.minor import MinorRecognizer

_Y = datetime.date.today().year


@pytest.mark.parametrize("text, expected", [
    ("李某（男，12岁，某小学学生）", ["12岁"]),
    (f"其子王小明，出生日期：{_Y - 8}年3月2日", [f"{_Y - 8}年3月2日"]),
    ("未成年人张小华", ["张小华"]),
    ("学生李雷", ["李雷"]),
    ("患儿，女，五岁", ["五岁"]),
])
def test_minor_reported(engine_for, text, expected):
    fs = engine_for(MinorRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "minor" and f.category == "personal" for f in fs)


@pytest.mark.parametrize("text", [
    "出生日期：1980年3月2日",                        # an adult
    "不满十四周岁未成年人的个人信息",
    "处理不满十四周岁未成年人个人信息的，应当取得父母同意",
    "对16岁以上的劳动者",
    "学生张某",                                       # masked
    "60岁以上老年人",
    "年满18岁",
])
def test_minor_not_reported(engine_for, text):
    assert engine_for(MinorRecognizer).analyze_text(text) == []


@pytest.mark.parametrize("text", [
    "考查初中学生应知、应会的内容",
    "学生向学校提出申请",
    "选择2-3所改建为幼儿师范高等专科学校",
    "应聘考生于2019年7月10日登录河北教师教育网",
])
def test_minor_false_alarms_from_real_text(engine_for, text):
    assert engine_for(MinorRecognizer).analyze_text(text) == []
