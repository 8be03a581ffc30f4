"""The 附注 label line never reaches the model."""

import pytest

from reviewer.classifier.text import (declared_attribute_in, model_text, normalize_declared,
                                      strip_disclosure_labels)

LABELLED = [
    ("特此通知。\n河北省人力资源和社会保障厅\n2024年3月1日\n（此件主动公开）\n", "proactive"),
    ("河北省科学技术厅2023年5月4日(此件公开发布)附件", "proactive"),
    ("山东省住房和城乡建设厅2021年9月18日(此件不予公开)附件1", "not_public"),
    ("2024年4月2日（此件依申请公开）以“人”为本", "on_request"),
    ("政府信息公开属性：不予公开，理由：内部事宜。\n附件", "not_public"),
    ("山东省生态环境厅2021年8月17日信息公开属性:不公开附件1", "not_public"),
    ("数据核查表政府信息公开选项:依申请公开山东省发展和改革委员会", "on_request"),
    ("政府信息公开属性:不予公开依申请公开或不予公开", "not_public"),
    ("公开方式：□主动公开 ☑依申请公开 □不予公开", "on_request"),
    ("此件为内部事务信息，作为免予公开信息。", "not_public"),
]


@pytest.mark.parametrize("text, attribute", LABELLED)
def test_strip_disclosure_labels_removes_every_label_form(text, attribute):
    out = strip_disclosure_labels(text)
    for word in ("此件主动公开", "此件公开发布", "此件不予公开", "此件依申请公开", "公开属性", "公开选项",
                 "公开方式", "免予公开信息"):
        assert word not in out
    assert declared_attribute_in(text) == attribute
    assert declared_attribute_in(out) is None


def test_strip_disclosure_labels_keeps_the_body_and_drops_the_empty_line():
    text = "一、加强领导。\n二、强化保障。\n（此件主动公开）\n附件：名单"
    assert strip_disclosure_labels(text) == "一、加强领导。\n二、强化保障。\n附件：名单"


@pytest.mark.parametrize("text", [
    "各地要及时公开政策措施和办理结果。",
    "依法公开行政许可的依据和条件，接受社会监督。",
    "对依申请公开的答复期限作出规定。",
])
def test_strip_disclosure_labels_leaves_mentions_of_disclosure_alone(text):
    assert strip_disclosure_labels(text) == text
    assert declared_attribute_in(text) is None


def test_model_text_hides_label_digits_places_and_spacing():
    out = model_text("河北省教育厅\n冀教发〔2024〕12号\n关于  做好工作的通知\n（此件不予公开）\n联系人：XXX")
    assert "不予公开" not in out and "此件" not in out
    assert "2024" not in out and "〔0000〕00号" in out
    assert "河北" not in out and "某省" in out
    assert " " not in out and "\n" not in out
    assert "XXX" not in out


@pytest.mark.parametrize("value, key", [("主动公开", "proactive"), ("（此件依申请公开）", "on_request"),
                                        ("不予公开", "not_public"), ("not_public", "not_public"),
                                        ("", None), (None, None), ("其他", None)])
def test_normalize_declared(value, key):
    assert normalize_declared(value) == key
