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


@pytest.mark.parametrize("text, expected", [
    ("本人邮箱 zhangsan#163.com", ["zhangsan#163.com"]),
    ("电子邮件：zhangsan(at)163.com", ["zhangsan(at)163.com"]),
    ("邮箱：lisi [at] qq.com", ["lisi [at] qq.com"]),
    ("邮箱：wangwu @ 126.com", ["wangwu @ 126.com"]),
    ("邮箱：zhaoliu@163。com", ["zhaoliu@163。com"]),
    ("话题#163.com#热议", []),                      # no mail word near
    ("见第3(at)节", []),
])
def test_email_obfuscated_next_to_a_mail_word(engine_for, text, expected):
    assert [f.text for f in engine_for(EmailRecognizer).analyze_text(text)] == expected


@pytest.mark.parametrize("text, private", [
    ("来信人刘洋，邮箱：liuyang1990@qq.com", True),
    ("反映人：陈女士，电子邮箱 chen_nvshi@163.com", True),
    ("本人邮箱：zhangsan@163.com", True),
    ("联系人：王明，邮箱：wangming@hebei.gov.cn", False),       # an office mailbox
])
def test_a_private_persons_mailbox_is_a_finding(text, private):
    from reviewer import detectors
    from tests.detectors.helpers import make_doc

    assert any(f.type == "email" for f in detectors.analyze(make_doc(text))) is private
