import pytest

from reviewer.detectors.personal.passport import PassportRecognizer


@pytest.mark.parametrize("text, expected", [
    ("护照号E12345678", ["E12345678"]),
    ("E12345678", ["E12345678"]),
    ("护照号码：EA1234567", ["EA1234567"]),
    ("公务护照 SE1234567", ["SE1234567"]),
    ("护照G12345678", ["G12345678"]),
    ("EA1234567", []),                # needs context
    ("E1234567", []),                 # 7 digits
    ("E123456789", []),               # 9 digits
    ("ABE12345678", []),
    ("E1234****", []),
])
def test_passport(engine_for, text, expected):
    fs = engine_for(PassportRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected


@pytest.mark.parametrize("text, expected", [
    ("护照号码：E 1234 5678", ["E 1234 5678"]),
    ("护照号：e12345678", ["e12345678"]),
    ("护照号码为 EH 1234567", ["EH 1234567"]),
    ("Passport No. G12345678", ["G12345678"]),
    ("持中国护照（EB7654321）", ["EB7654321"]),
    ("护照号码：E 1234", []),
    ("型号 E 1234 5678", []),                         # no 护照 label
])
def test_passport_after_its_label(engine_for, text, expected):
    assert [f.text for f in engine_for(PassportRecognizer).analyze_text(text)] == expected
