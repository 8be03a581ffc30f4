"""credential.password.v1 — passwords written out: "账号：admin 密码：Abc@1234".

A password value is printable ASCII after 密码/口令 and a colon or 为/是.  With an
account (用户名/账号/登录名 …) just before it, the finding covers the account and the
password together, so one redaction removes the pair.  Not reported: masked values
(``******``), descriptions in Chinese ("初始密码为身份证号后六位"), rules ("密码长度不少于8位").
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.credential import BASIS_SECURITY

_SEP = r"[ \t\u3000]*"
_VALUE = r"[\x21-\x7e]{3,63}?[A-Za-z0-9@#$%^&*!~_+=\-?]"
_PW = rf"(?:登录|初始|默认|管理员|临时)?(?:密码|口令|密钥口令|PIN码)(?:{_SEP}[:：]|{_SEP}为|{_SEP}是|{_SEP}=)"
_ACCT = r"(?:用户名|用户账号|登录账号|登录名|账号|帐号|账户|帐户|用户|工号|Username|username|User|user)"
_ACCT_VALUE = r"[A-Za-z0-9_@.\-]{2,40}"
_END = r"(?=[.,;:)\]'\"]*(?![\x21-\x7e]))"  # only trailing punctuation may follow
MASKED = re.compile(r"^[*＊xX×●•#?]+$")
PLACEHOLDER = re.compile(r"^(?:x+|X+|\*+|略|无|null|none|n/?a)$", re.I)


class PasswordRecognizer(ReviewerRecognizer):
    ID = "credential.password.v1"
    CATEGORY = "credential"
    TYPE = "password"
    LABEL = "账号密码"
    ACTION = "redact"
    BASIS = BASIS_SECURITY
    PATTERNS = (
        ("account_password",
         rf"{_ACCT}{_SEP}(?:[:：]|为|是|=)?{_SEP}(?P<v>{_ACCT_VALUE}{_SEP}[，,；;、/|]?{_SEP}{_PW}{_SEP}{_VALUE}){_END}",
         0.9),
        ("password", rf"{_PW}{_SEP}(?P<v>{_VALUE}){_END}", 0.75),
    )
    CONTEXT = ("账号", "帐号", "用户名", "登录", "系统", "邮箱", "服务器", "数据库", "WiFi", "wifi", "无线")
    CONTEXT_BOOST = 0.1
    MIN_SCORE = 0.5
    PREFILTER = r"密码|口令|PIN码"
    PRIORITY = 20

    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        value = re.split(r"(?:密码|口令|PIN码)[ \t\u3000]*(?:[:：]|为|是|=)[ \t\u3000]*", text[start:end])[-1]
        return not (MASKED.match(value) or PLACEHOLDER.match(value))
