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
