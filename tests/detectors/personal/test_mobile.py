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
