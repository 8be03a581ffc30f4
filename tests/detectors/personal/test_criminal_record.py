"""personal.criminal_record.v2 — sentences, detention, 刑满释放, 社区矫正, 前科 of a person."""

import pytest

from reviewer import detectors
from reviewer.detectors.personal.criminal_record import CriminalRecordRecognizer
from tests.detectors.helpers import make_doc


def records(text):
    return [f.text for f in detectors.analyze(make_doc(text)) if f.type == "criminal_record"]


@pytest.mark.parametrize("text, expected", [
    ("张三，男，1975年生，因盗窃罪被判处有期徒刑三年", ["因盗窃罪被判处有期徒刑三年"]),
    ("村民赵六有犯罪记录", ["有犯罪记录"]),
    ("当事人李某曾被刑事拘留", ["曾被刑事拘留"]),
])
def test_criminal_record_recognizer_alone(engine_for, text, expected):
    fs = engine_for(CriminalRecordRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "criminal_record" and f.action == "redact" for f in fs)


@pytest.mark.parametrize("text, expected", [
    ("被告人李四，男，1990年生，因犯盗窃罪于2015年被判处有期徒刑一年", ["因犯盗窃罪于2015年被判处有期徒刑一年"]),
    ("当事人赵某某，男，因酒后驾驶被依法行政拘留十日", ["因酒后驾驶被依法行政拘留十日"]),
    ("王某某曾因打架斗殴被公安机关行政拘留十日。", ["曾因打架斗殴被公安机关行政拘留十日"]),
    ("李建军，男，1978年生，2009年因盗窃罪被判处有期徒刑三年，2012年刑满释放。",
     ["因盗窃罪被判处有期徒刑三年", "刑满释放"]),
    ("该村民系社区矫正对象。", ["系社区矫正对象"]),
    ("张强有吸毒前科。", ["有吸毒前科"]),
    ("刘洋因涉嫌诈骗罪于2023年5月被刑事拘留。", ["被刑事拘留"]),
    ("经查，申请人赵刚2015年因故意伤害罪获刑两年。", ["因故意伤害罪获刑两年"]),
    ("陈某因醉酒驾驶机动车被法院判处拘役二个月。", ["因醉酒驾驶机动车被法院判处拘役二个月"]),
    ("法院以盗窃罪判处被告人孙立有期徒刑一年。", ["有期徒刑一年"]),
    ("周华曾因寻衅滋事被处以行政拘留十五日。", ["曾因寻衅滋事被处以行政拘留十五日"]),
    ("其丈夫正在服刑。", ["正在服刑"]),
    ("刑满释放人员王大明回村后务农。", ["刑满释放"]),
    ("赵六曾受过刑事处罚。", ["曾受过刑事处罚"]),
    ("申请人丈夫田勇2022年因醉驾被判拘役三个月，缓刑六个月。", ["因醉驾被判拘役三个月，缓刑六个月"]),
    ("该人员系社区矫正对象，矫正期至2024年12月。", ["系社区矫正对象"]),
    ("钱七曾被追究刑事责任。", ["曾被追究刑事责任"]),
    ("户主马国强之子马超，2021年因抢劫罪被判处有期徒刑五年，缓刑三年。",
     ["因抢劫罪被判处有期徒刑五年，缓刑三年"]),
])
def test_criminal_record_of_a_person_is_reported(text, expected):
    assert records(text) == expected


@pytest.mark.parametrize("text", [
    "曾被判处有期徒刑以上刑罚的，不得担任",
    "做好刑满释放人员安置帮教工作",
    "本人无犯罪记录",
    "经查询，该同志没有犯罪记录",
    "有犯罪记录的人员不得报考",
    "构成犯罪的，依法追究刑事责任",
    "做好社区矫正对象的教育管理",
    "对刑满释放人员开展安置帮教",
    "涉嫌犯罪的，移送司法机关依法处理。",
    "对当事人处以罚款人民币20000元",
    "第四十五条 在押的犯罪嫌疑人向看守所提出委托辩护律师要求",
    "我省目前科技金融的发展情况如何",
    "犯罪嫌疑人、被告人有权获得辩护。",
])
def test_criminal_record_look_alikes_are_not_reported(text):
    assert records(text) == []


def test_criminal_record_in_docx_and_pdf():
    from reviewer.parsers import parse_bytes
    from reviewer.synth.docx_writer import DocxBuilder
    from reviewer.synth.pdf_writer import have_cjk_font, text_pdf

    lines = ["关于申请人王建国低保复核情况的说明", "经查，王建国，男，1970年生，2016年因盗窃罪被判处有期徒刑二年，2018年刑满释放。",
             "对刑满释放人员，应当做好安置帮教。"]
    b = DocxBuilder()
    for line in lines:
        b.paragraph(line)
    docs = [parse_bytes(b.to_bytes(), "说明.docx")]
    if have_cjk_font():
        docs.append(parse_bytes(text_pdf(lines), "说明.pdf"))
    for doc in docs:
        got = [f.text.replace("\n", "") for f in detectors.analyze(doc) if f.type == "criminal_record"]
        assert got == ["因盗窃罪被判处有期徒刑二年", "刑满释放"], doc.metadata.format
