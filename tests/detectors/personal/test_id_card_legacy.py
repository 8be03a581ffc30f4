import pytest

from reviewer.detectors.personal.id_card_legacy import IdCardLegacyRecognizer


@pytest.mark.parametrize("text, expected", [
    ("身份证号码：110105491231002", ["110105491231002"]),
    ("公民身份号码 440306850615123。", ["440306850615123"]),
    ("身份证号110105491231002后", ["110105491231002"]),
    ("110105491231002", []),                    # no context: any 15-digit number could be this
    ("身份证号码：110105491331002", []),        # month 13
    ("身份证号码：990105491231002", []),        # no such province
    ("身份证号码：110105****31002", []),        # masked
    ("身份证号码：1101054912310021", []),       # 16 digits
    ("发文字号：110105491231002", []),
])
def test_id_card_legacy(engine_for, text, expected):
    fs = engine_for(IdCardLegacyRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "id_card_legacy" and f.category == "personal" for f in fs)


@pytest.mark.parametrize("text, found", [
    ("张三，男，110105491231002，住幸福村", True),
    ("户主：李四 证件号码 360426910101007", True),
    ("批次号110105491231002", False),                 # no ID word, no person
    ("姓名：王五，身份证号：110105491332002", False),   # month 13
])
def test_legacy_id_next_to_its_person(engine_for, text, found):
    from reviewer.detectors.personal.id_card_legacy import IdCardLegacyRecognizer
    got = [f.type for f in engine_for(IdCardLegacyRecognizer).analyze_text(text)]
    assert (got == ["id_card_legacy"]) is found
