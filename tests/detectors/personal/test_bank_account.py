import pytest

from reviewer.detectors.personal.bank_account import BankAccountRecognizer


@pytest.mark.parametrize("text, expected", [
    ("账号：1234567890123", ["1234567890123"]),
    ("银行账号为 0402 0262 0920 0012 345", ["0402 0262 0920 0012 345"]),
    ("开户行：农业银行，帐号:50312345678901", ["50312345678901"]),
    ("账号：1234****9012", []),
    ("账号：12345", []),
    ("1234567890123", []),
])
def test_bank_account(engine_for, text, expected):
    fs = engine_for(BankAccountRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "bank_card" and f.action == "review" for f in fs)
