import pytest

from reviewer.detectors.personal.bank_card import BankCardRecognizer
from reviewer.detectors.personal.mobile import MobileRecognizer


@pytest.mark.parametrize("text, expected, validation", [
    ("6228480402564890018", "6228480402564890018", "checksum passed"),
    ("卡号6228480402564890018后", "6228480402564890018", "checksum passed"),
    ("银行卡：6228 4804 0256 4890 018", "6228 4804 0256 4890 018", "checksum passed"),
    ("卡号6222021234567890后", "6222021234567890", "checksum failed"),      # context keeps a Luhn failure
    ("开户行：工商银行，6222021234567894", "6222021234567894", "checksum passed"),
])
def test_bank_card_reported(engine_for, text, expected, validation):
    [f] = engine_for(BankCardRecognizer).analyze_text(text)
    assert (f.text, f.explanation["validation"], f.type) == (expected, validation, "bank_card")
    assert "《中华人民共和国个人信息保护法》第二十八条" in f.basis


@pytest.mark.parametrize("text", [
    "6222021234567890",              # Luhn fails, no context
    "622848******4890018",           # masked
    "6228 48** **** 4890",
    "12345678901234567元",            # an amount
    "1234567890元",
    "622848040256489001",            # 18 digits, Luhn fails
    "索引号：6228480402564890018",
])
def test_bank_card_not_reported(engine_for, text):
    assert engine_for(BankCardRecognizer).analyze_text(text) == []


def test_bank_card_wins_over_mobile_inside_it(engine_for):
    fs = engine_for(BankCardRecognizer, MobileRecognizer).analyze_text("卡号 1381 2345 6781 2345")
    assert [f.type for f in fs] == ["bank_card"]
