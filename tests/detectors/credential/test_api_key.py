"""credential.api_key.v1: known key prefixes alone; generic secrets only next to a key word."""

import pytest

from reviewer.detectors.credential.api_key import ApiKeyRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

REG = DetectorRegistry()
REG.add(ApiKeyRecognizer())
ENGINE = Engine(REG)


@pytest.mark.parametrize("text, expected", [
    ("AKIAIOSFODNN7EXAMPLE", ["AKIAIOSFODNN7EXAMPLE"]),
    ("AccessKey ID：LTAI5tQx9mJ2kR7vW3nB8cDe", ["LTAI5tQx9mJ2kR7vW3nB8cDe"]),
    ("token=sk-proj-AbCdEf1234567890GhIjKlMnOp", ["sk-proj-AbCdEf1234567890GhIjKlMnOp"]),
    ("AccessKey Secret：Xk9fQ2mN7pL4rT8vW1zB6cH3jK5sD0aG", ["Xk9fQ2mN7pL4rT8vW1zB6cH3jK5sD0aG"]),
    ("接口密钥：3f2a9c7e1b4d6f8a0c2e4b6d8f0a1c3e", ["3f2a9c7e1b4d6f8a0c2e4b6d8f0a1c3e"]),
    # negatives
    ("文件SHA256校验值：9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", []),
    ("编号3f2a9c7e1b4d6f8a0c2e4b6d8f0a1c3e", []),         # no key word nearby
    ("密钥管理办法第十二条", []),
    ("token 有效期为 24 小时", []),
    ("AccessKey：abcdefghijklmnopqrstuvwxyzabcdef", []),      # letters only: not a generated key
])
def test_api_key(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


def test_api_key_explains_context_word():
    [f] = ENGINE.analyze_text("接口密钥：3f2a9c7e1b4d6f8a0c2e4b6d8f0a1c3e")
    assert f.explanation["context_word"] == "密钥" and f.action == "redact"


@pytest.mark.parametrize("text, expected", [
    ("请求头 Authorization: Bearer 8f1cK2pQ9xV4mZ7tR3wL6nB0", ["8f1cK2pQ9xV4mZ7tR3wL6nB0"]),
    ("令牌eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123ghi",
     ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcDEF123ghi"]),
    ("接口鉴权 SecretKey=Yx8kPq2LmN4v", ["Yx8kPq2LmN4v"]),       # short, but after a key label
    ("调用时附带 access_token：a1b2c3d4e5f6g7h8", ["a1b2c3d4e5f6g7h8"]),
    ("AppSecret 为 7Gh2Kd9Lm3Np5Qr8", ["7Gh2Kd9Lm3Np5Qr8"]),
    # look-alikes
    ("本规范第3.2.1.4条规定Token长度为32位。", []),
    ("密钥：由系统自动生成，不得告知他人。", []),
    ("Bearer令牌应当通过HTTPS传输。", []),
])
def test_api_key_labelled_and_bearer(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("发件账号 notice@hb.gov.cn 授权码 abcdEFGH1234ijkl", ["abcdEFGH1234ijkl"]),
    ("token 有效期为 24 小时", []),
    ("授权码 由系统发送", []),
])
def test_api_key_label_and_space(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected
