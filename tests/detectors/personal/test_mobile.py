import pytest

from reviewer.detectors.personal.mobile import MobileRecognizer


@pytest.mark.parametrize("text, expected", [
    ("电话13812345678号", ["13812345678"]),
    ("联系方式：+86 138 1234 5678", ["+86 138 1234 5678"]),
    ("手机：138-1234-5678。", ["138-1234-5678"]),
    ("（+86）15912345678", ["（+86）15912345678"]),
    ("008613912345678", ["008613912345678"]),
    ("张三19912345678李四", ["19912345678"]),
    ("138****5678", []),                         # masked
    ("手机138 **** 5678", []),
    ("12812345678", []),                         # no 12x mobile prefix
    ("138123456789", []),                        # 12 digits
    ("合计13812345678元", []),                   # an amount
    ("1234567890元", []),
    ("索引号：13812345678", []),
    ("20240604", []),
    ("请拨打12345政务服务热线", []),
])
def test_mobile(engine_for, text, expected):
    fs = engine_for(MobileRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
    assert all(f.type == "mobile" and f.action == "redact" for f in fs)


def test_mobile_context_raises_score(engine_for):
    bare, = engine_for(MobileRecognizer).analyze_text("13812345678")
    ctx, = engine_for(MobileRecognizer).analyze_text("手机13812345678")
    assert ctx.score > bare.score and ctx.explanation["context_word"] == "手机"


@pytest.mark.parametrize("text", [
    "详见https://h5.example.com/h5/194860/18081624640/页面",
    "网址：www.example.com/u/13812345678",
])
def test_mobile_inside_url_not_reported(engine_for, text):
    assert engine_for(MobileRecognizer).analyze_text(text) == []


def test_mobile_next_to_url_still_reported(engine_for):
    [f] = engine_for(MobileRecognizer).analyze_text("网址www.example.com，电话13812345678")
    assert f.text == "13812345678"


@pytest.mark.parametrize("text, expected", [
    ("(0)13812345678", ["(0)13812345678"]),
    ("0-13812345678", ["0-13812345678"]),
    ("电话：013812345678", ["13812345678"]),            # trunk 0, next to a phone word
    ("+86 138 1234 5678", ["+86 138 1234 5678"]),
    ("手机 138．1234．5678", ["138．1234．5678"]),
    ("手机：138　1234　5678", ["138　1234　5678"]),      # ideographic spaces
    ("+852 6123 4567", ["+852 6123 4567"]),
    ("香港手机：+852-91234567", ["+852-91234567"]),
    ("澳门电话 +853 6612 3456", ["+853 6612 3456"]),
    ("（852）51234567", ["（852）51234567"]),
    ("013812345678", []),                               # 12 digits, no phone word
    ("+852 2123 4567", []),                             # a Hong Kong landline
    ("版本号 1.38.1234.5678", []),
])
def test_mobile_prefixes_and_groups(engine_for, text, expected):
    assert [f.text for f in engine_for(MobileRecognizer).analyze_text(text)] == expected
