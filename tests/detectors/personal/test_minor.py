"""personal.minor.v2 — a child identified by age, birth date, school grade or name."""

import datetime

import pytest

from reviewer import detectors
from reviewer.detectors.personal.minor import MinorRecognizer
from tests.detectors.helpers import make_doc
from tests.detectors import helpers

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


def minors(text):
    return [f.text for f in detectors.analyze(make_doc(text)) if f.type == "minor"]


@pytest.mark.parametrize("text, expected", [
    ("其子王小明，8岁，就读于石家庄市长安区育才小学二年级。", ["8岁", "就读于石家庄市长安区育才小学"]),
    ("张浩然（男，12岁）系××市第二中学初二（5）班学生。", ["12岁", "初二（5）班"]),
    ("户主李建国之女李欣怡，现就读五年级（3）班。", ["五年级（3）班"]),
    ("该户有子女两人：长子刘洋，14岁，初中在读；次女刘畅，9岁，小学三年级。", ["14岁", "9岁", "小学三年级"]),
    (f"学生：陈雨涵，女，{_Y - 9}年6月出生，××小学四年级学生。", ["陈雨涵", f"{_Y - 9}年6月", "小学四年级"]),
    ("王芳的儿子今年6岁，在县城幼儿园上大班。", ["6岁"]),
    ("孙女赵可馨，年仅7岁，父母外出务工。", ["7岁"]),
    (f"{_Y - 8}年3月出生的赵子轩同学。", [f"{_Y - 8}年3月"]),
    ("其女儿在县第三中学读初三1班。", ["初三1班"]),
    ("申请人之子马浩宇，系县一中高二学生。", ["高二"]),
    ("留守儿童张小宝，6岁，由祖母抚养。", ["张小宝", "6岁"]),
])
def test_minor_in_prose_with_a_person(text, expected):
    assert minors(text) == expected


@pytest.mark.parametrize("text", [
    "全市小学一年级新生入学报名工作",
    "一至六年级学生每天校内体育活动不少于1小时",
    "六年级（3）班开展主题班会",
    "从2021年秋季入学的七年级学生开始实施",
    "高三年级国家课程教材仍沿用原版本",
    f"{_Y - 8}年以后出生的儿童均应接种",
    f"申请人王建国，{_Y - 40}年3月出生",                 # an adult
    "正月初三，张三回村探亲",
    "2023年生猪出栏120万头",
    "第七条　凡年满六周岁的儿童,应当入学接受义务教育。",
])
def test_minor_look_alikes_are_not_reported(text):
    assert minors(text) == []


def test_minor_in_docx_table_and_pdf():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder
    from reviewer.synth.pdf_writer import have_cjk_font, text_pdf

    lines = ["关于困难家庭学生资助情况的报告", "户主刘建华之子刘子豪，10岁，就读于城关镇中心小学四年级（2）班。"]
    b = DocxBuilder()
    for line in lines:
        b.paragraph(line)
    docs = [parse_bytes(b.to_bytes(), "报告.docx")]
    if have_cjk_font():
        docs.append(parse_bytes(text_pdf(lines), "报告.pdf"))
    for doc in docs:
        got = [f.text.replace("\n", "") for f in detectors.analyze(doc) if f.type == "minor"]
        assert got[0] == "10岁" and any("城关镇中心小学" in g or "四年级" in g for g in got[1:]), (doc.metadata.format, got)


def _docx_table(rows, title="关于2024年春季学期学生资助名单的报告"):
    return helpers.docx_table(rows, title)


@pytest.mark.parametrize("rows, expected", [
    ([["序号", "学生姓名", "就读学校", "年级", "年龄"], ["1", "王小明", "育才小学", "二年级", "8"],
      ["2", "李秀英", "第二中学", "初二", "14"]], ["育才小学", "二年级", "8", "第二中学", "初二", "14"]),
    ([["序号", "学校名称", "地址"], ["1", "育才小学", "人民路1号"]], []),          # schools, not pupils
    ([["序号", "姓名", "年龄"], ["1", "王建国", "45"]], []),                        # adults
])
def test_minor_columns_of_a_docx_table(rows, expected):
    fs = detectors.analyze(_docx_table(rows))
    assert [f.text for f in fs if f.type == "minor"] == expected


def test_minor_columns_of_a_text_table():
    text = "序号  姓名  年龄  年级\n1  王小明  8  二年级\n2  李秀英  16  高一\n"
    assert minors(text) == ["8", "二年级", "16", "高一"]
