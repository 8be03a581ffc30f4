import pytest

from reviewer.detectors.personal.landline import LandlineRecognizer


@pytest.mark.parametrize("text, expected", [
    ("电话：0311-87654321", ["0311-87654321"]),
    ("021-22033212-123", ["021-22033212-123"]),
    ("政策咨询电话：0311--66908536", ["0311--66908536"]),   # a doubled dash, seen in real notices
    ("联系电话0311-87654321转123。", ["0311-87654321转123"]),
    ("（010）62345678", ["（010）62345678"]),
    ("(0531)8612345", ["(0531)8612345"]),
    ("传真：87654321", ["87654321"]),             # local number after a label
    ("电话01062345678", ["01062345678"]),         # no separator: only with context
    ("客服电话400-123-4567", ["400-123-4567"]),
    ("01062345678", []),
    ("400-123-4567", []),                         # service number without context
    ("请拨打12345热线", []),
    ("12345", []),
    ("87654321", []),                             # bare local number
    ("0311-8765****", []),                        # masked
    ("邮政编码：050000", []),
    ("资府办函〔2017〕71号", []),
    ("12,345.67元", []),
    ("2024-06-04", []),
])
def test_landline(engine_for, text, expected):
    fs = engine_for(LandlineRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "landline" for f in fs)


@pytest.mark.parametrize("text, expected", [
    ("家庭电话：0311 8765 4321", ["0311 8765 4321"]),
    ("申请人住宅电话 010-6552 8888", ["010-6552 8888"]),
    ("本人住宅电话：（0311）8765-4321", ["（0311）8765-4321"]),
    ("电话：+86-311-87654321", ["+86-311-87654321"]),
    ("Tel: 0086 10 6552 8888", ["0086 10 6552 8888"]),
    ("0311 8765 4321 5678", []),                 # too long for a phone number
    ("共计0311 8765元", []),
])
def test_landline_grouped_and_international(engine_for, text, expected):
    assert [f.text for f in engine_for(LandlineRecognizer).analyze_text(text)] == expected


def test_a_private_landline_is_not_an_official_contact():
    from reviewer import detectors
    from tests.detectors.helpers import make_doc

    for text, private in (("本人电话：0311-87654321", True), ("家庭电话：0311-87654321", True),
                          ("咨询电话：0311-87654321", False)):
        fs = detectors.analyze(make_doc(text))
        assert any(f.type == "landline" for f in fs) is private, text
