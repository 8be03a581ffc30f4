import pytest

from reviewer.detectors.personal.email import EmailRecognizer


@pytest.mark.parametrize("text, expected", [
    ("邮箱zhang.san@example.com联系", ["zhang.san@example.com"]),
    ("电子邮件：li_si+news@mail.hebei.gov.cn。", ["li_si+news@mail.hebei.gov.cn"]),
    ("E-mail: a1@qq.com", ["a1@qq.com"]),
    ("z***g@qq.com", []),                  # masked
    ("zhang@@example.com", []),
    ("user@localhost", []),
    ("a..b@example.com", []),
    ("见@某某 的回复", []),
    ("发送至XXX@shandong.cn。", []),          # masked
])
def test_email(engine_for, text, expected):
    fs = engine_for(EmailRecognizer).analyze_text(text)
    assert [f.text for f in fs] == expected
