"""personal.person_anchor.v1 — sensitive mentions need a person nearby."""

import pytest

from reviewer import detectors
from tests.detectors.helpers import make_doc


def sensitive(text):
    return [(f.type, f.text) for f in detectors.analyze(make_doc(text))
            if f.type in ("health", "minor", "criminal_record")]


@pytest.mark.parametrize("text, expected", [
    ("户主李建国，男，二级肢体残疾，家庭人口3人。", [("health", "二级肢体残疾")]),
    ("当事人张某，男，1975年生，因盗窃罪被判处有期徒刑三年。", [("criminal_record", "因盗窃罪被判处有期徒刑三年")]),
    ("李某（男，12岁，某小学学生）", [("minor", "12岁")]),
    ("残疾类别：肢体残疾", [("health", "肢体残疾")]),             # a record field stands alone
])
def test_sensitive_with_a_person_is_kept(text, expected):
    assert sensitive(text) == expected


@pytest.mark.parametrize("text", [
    "本人(精神病患者由其利害关系人)提出申请，评定残疾等级。",
    "应当由村民本人向村民委员会提出申请；因年幼或者智力残疾无法表达意愿的，由村民小组代为申请。",
    "所外就医期间，强制隔离戒毒期限连续计算，费用由强制隔离戒毒人员本人承担。",
])
def test_law_text_mentions_are_withdrawn(text):
    assert sensitive(text) == []


@pytest.mark.parametrize("text, expected", [
    # the person written at the start of a long paragraph
    ("申请人赵桂兰，女，户籍所在地为石家庄市长安区某某街道某某社区，家中共有三口人，丈夫早年去世，儿子在外地务工，"
     "收入微薄，2023年3月在省医院查出胃癌晚期。", [("health", "胃癌")]),
    ("该户户主张建国因患尿毒症长期透析。", [("health", "尿毒症"), ("health", "透析")]),     # 该户
    ("王海波于2023年5月行腰椎间盘切除术。", [("health", "行腰椎间盘切除术")]),           # a name opening the clause
    ("法院以盗窃罪判处被告人孙立有期徒刑一年。", [("criminal_record", "有期徒刑一年")]),  # a name after 被告人
])
def test_person_cues_without_a_name_finding(text, expected):
    assert sensitive(text) == expected


@pytest.mark.parametrize("text", [
    "所外就医期间，强制隔离戒毒期限连续计算，费用由强制隔离戒毒人员本人承担，其配偶应当配合。",
    "犯罪嫌疑人、被告人有权获得辩护，在押的犯罪嫌疑人向看守所提出委托辩护律师要求。",
])
def test_rule_words_are_not_person_cues(text):
    assert sensitive(text) == []
