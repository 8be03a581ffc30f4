"""personal.id_card.v1 — 18-digit 居民身份证号码."""

from __future__ import annotations

import pytest

from reviewer.detectors import build_engine, DetectorRegistry
from reviewer.detectors.personal.id_card import IdCardRecognizer
from reviewer.detectors.validators import id_check_char


@pytest.fixture(scope="module")
def engine():
    reg = DetectorRegistry()
    reg.add(IdCardRecognizer())
    return build_engine(reg)


def _valid(prefix17: str) -> str:
    return prefix17 + id_check_char(prefix17)


@pytest.mark.parametrize("text, expected, validation", [
    ("身份证号11010519491231002X。", "11010519491231002X", "checksum passed"),
    ("公民身份号码：360426199101010071", "360426199101010071", "checksum passed"),
    ("申请人张某（" + _valid("44030619850615123") + "）", _valid("44030619850615123"), "checksum passed"),
    ("身份证号11010519491231002x", "11010519491231002x", "checksum passed"),       # lower-case x
    ("号码11010519491231002X后", "11010519491231002X", "checksum passed"),         # touching Chinese
    ("身份证 110105 19491231 002X", "110105 19491231 002X", "checksum passed"),    # spaced
    ("身份证号110105194912310022", "110105194912310022", "checksum failed"),       # typo, but context
    ("居住证号码" + _valid("81000019900101001"), _valid("81000019900101001"), "checksum passed"),  # 港澳台居住证
])
def test_id_card_reported(engine, text, expected, validation):
    [f] = engine.analyze_text(text)
    assert (f.text, f.type, f.category, f.action) == (expected, "id_card", "personal", "redact")
    assert f.explanation["validation"] == validation
    assert f.basis == "《中华人民共和国政府信息公开条例》第十五条"


@pytest.mark.parametrize("text", [
    "110105194912310022",                       # checksum fails, no context
    "身份证号110105194913310021",              # month 13
    "身份证号110105194902300021",              # 30 February
    "身份证号" + _valid("99010519491231002"),  # no such province
    "身份证号" + _valid("11010520991231002"),  # born in the future
    "510203********1234",                       # masked
    "身份证号510203199001****34",               # masked
    "身份证号11010519491231002X5",              # part of a longer number
    "ABC11010519491231002X",                    # part of an alphanumeric code
    "索引号：" + _valid("11000019900101001"),    # an index number, not an ID
    "统一社会信用代码" + _valid("11010519491231002"),
])
def test_id_card_not_reported(engine, text):
    assert engine.analyze_text(text) == []


@pytest.mark.parametrize("text, expected", [
    ("身份证号：110105 19491231 002X", ["110105 19491231 002X"]),
    ("身份证号码：1101 0519 4912 3100 2X", ["1101 0519 4912 3100 2X"]),
    ("证号：110105-19491231-002X", ["110105-19491231-002X"]),
    ("公民身份号码 110105 1949 1231 002X", ["110105 1949 1231 002X"]),
    ("身份证：１１０１０５１９４９１２３１００２Ｘ", ["１１０１０５１９４９１２３１００２Ｘ"]),   # full-width
    ("身份证号11010519491231002x", ["11010519491231002x"]),                              # lower-case x
    ("卡号：6228 4804 0256 4890 018", []),          # a bank card in 4-groups
    ("1101 0519 4912 3100 21", []),                 # grouped, check digit wrong, no context
    ("电话：0311 8765 4321 1234 56", []),
])
def test_id_card_grouped_and_full_width(engine, text, expected):
    assert [f.text for f in engine.analyze_text(text) if f.type == "id_card"] == expected
