"""credential.account_attachment.v1: attachments that list accounts and passwords."""

import pytest

from reviewer.detectors.credential.account_attachment import AccountAttachmentRecognizer
from reviewer.detectors.engine import Engine
from reviewer.detectors.registry import DetectorRegistry

REG = DetectorRegistry()
REG.add(AccountAttachmentRecognizer())
ENGINE = Engine(REG)


@pytest.mark.parametrize("text, expected", [
    ("附件：系统账号及密码", ["附件：系统账号及密码"]),
    ("附件2.各单位登录账号密码清单", ["附件2.各单位登录账号密码清单"]),
    ("附件：1.用户名和口令一览表", ["附件：1.用户名和口令一览表"]),
    ("各单位账号及密码详见附件3。", ["账号及密码详见附件3"]),
    # negatives
    ("附件：2024年度预算表", []),
    ("附件：1.申请表 2.承诺书", []),
    ("请妥善保管账号密码。", []),
])
def test_account_attachment(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected


def test_account_attachment_is_review():
    [f] = ENGINE.analyze_text("附件：系统账号及密码")
    assert (f.category, f.type, f.action) == ("credential", "account_attachment", "review")


def test_account_attachment_not_a_sentence_that_mentions_an_attachment():
    text = "专项类型见附件1，科技报告撰写规范见附件2）　　项目负责人使用项目申报时使用的用户名、密码登录项目平台。"
    assert ENGINE.analyze_text(text) == []


@pytest.mark.parametrize("text, expected", [
    ("附件2\n各县区统计直报系统账号及初始密码一览表", ["各县区统计直报系统账号及初始密码一览表"]),
    ("　　网上办事大厅账号和密码", ["网上办事大厅账号和密码"]),
    ("用户名、口令清单", ["用户名、口令清单"]),
    # look-alikes: a regulation's chapter, a rule in a sentence, a heading that only names passwords
    ("第五章 账号和密码", []),
    ("各单位应当妥善保管账号和密码。", []),
    ("账号和密码管理要求", []),
])
def test_account_attachment_heading(text, expected):
    assert [f.text for f in ENGINE.analyze_text(text)] == expected
