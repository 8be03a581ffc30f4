import pytest

from reviewer.detectors.personal.travel_permit import TravelPermitRecognizer


@pytest.mark.parametrize("text, expected", [
    ("往来港澳通行证C12345678", ["C12345678"]),
    ("港澳通行证号码：CA1234567", ["CA1234567"]),
    ("往来台湾通行证L12345678", ["L12345678"]),
    ("回乡证号H1234567801", ["H1234567801"]),
    ("台胞证号码：12345678", ["12345678"]),
    ("C12345678", []),
    ("型号L12345678", []),
    ("H12345678型", []),
])
def test_travel_permit(engine_for, text, expected):
    fs = engine_for(TravelPermitRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "travel_permit" for f in fs)
