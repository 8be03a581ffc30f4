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
