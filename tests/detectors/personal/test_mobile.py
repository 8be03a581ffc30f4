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
