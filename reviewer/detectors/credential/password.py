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
# "初始密码统一设置为…", "口令均为…", "密码重置成…": a few characters of filler before the verb
_PW_FILLER = (r"(?:登录|初始|默认|管理员|管理|临时|系统|账户|账号)?(?:密码|口令)"
              r"[\u4e00-\u9fa5]{0,6}?(?:设置为|设定为|设为|重置为|修改为|改为|更改为|统一为|均为|一律为|为|是|成|[:：=])")
_ACCT = r"(?:用户名|用户账号|登录账号|登录名|账号|帐号|账户|帐户|用户|工号|Username|username|User|user)"
_ACCT_VALUE = r"[A-Za-z0-9_@.\-]{2,40}"
_END = r"(?=[.,;:)\]'\"]*(?![\x21-\x7e]))"  # only trailing punctuation may follow
MASKED = re.compile(r"^[*＊xX×●•#?]+$")
# SM2/SM4 (商用密码 algorithms), RSA2048, AES256, lengths and ranges (8-16), versions (V2.0)
NOT_SECRET = re.compile(r"^(?:SM\d|RSA\d*|AES\d*|DES|3DES|SHA\d*|MD5|HMAC\w*|\d{1,5}(?:[.\-~]\d+)+|[Vv]\d+(?:\.\d+)*|\d{1,5}|\d+位)$")
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
         rf"{_ACCT}{_SEP}(?:[:：]|为|是|=)?{_SEP}(?P<v>{_ACCT_VALUE}{_SEP}[，,；;、/|]?{_SEP}"
         rf"(?:{_PW}|(?:密码|口令)(?=[ \t\u3000]+[\x21-\x7e])){_SEP}{_VALUE}){_END}",
         0.9),
        ("password", rf"{_PW}{_SEP}(?P<v>{_VALUE}){_END}", 0.75),
        ("password_filler", rf"{_PW_FILLER}{_SEP}(?P<v>{_VALUE}){_END}", 0.75),
        # "账号/密码：admin/Admin@2024", "账号密码为 sysadmin / Sys#2024pass": account and password as a pair
        ("pair", rf"(?:{_ACCT})(?:及|和|与|/|／|、)?(?:密码|口令){_SEP}(?:[:：=]|为|是|均为|分别为)?{_SEP}"
                 rf"(?P<v>{_ACCT_VALUE}{_SEP}[/／|]{_SEP}{_VALUE}){_END}", 0.9),
        # only a space between the word and the value: "口令 Zw123456", "密码 Jcy@2024！"
        ("password_spaced", rf"(?:密码|口令)[ \t\u3000]+(?P<v>{_VALUE}){_END}", 0.7),
        # no colon or verb at all: "管理员密码Ab12345678", "口令qwer1234"
        ("password_inline", r"(?:密码|口令)(?P<v>[A-Za-z0-9@#$%^&*!~_+=\-?.]{5,31}[A-Za-z0-9@#$%^&*!~_+=\-?])"
                            r"(?![\x21-\x7e])", 0.7),
    )
    CONTEXT = ("账号", "帐号", "用户名", "登录", "系统", "邮箱", "服务器", "数据库", "WiFi", "wifi", "无线")
    CONTEXT_BOOST = 0.1
    MIN_SCORE = 0.5
    PREFILTER = r"密码|口令|PIN码"
    PRIORITY = 20

    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        value = re.split(r"(?:密码|口令|PIN码)[\u4e00-\u9fa5]{0,8}?[ \t\u3000]*(?:[:：]|为|是|=|成)[ \t\u3000]*",
                         text[start:end])[-1]
        if MASKED.match(value) or PLACEHOLDER.match(value):
            return False
        if self.pattern_name(match) in ("password_filler", "password_inline", "password_spaced"):
            return plausible_secret(value)
        return True


def plausible_secret(value: str) -> bool:
    """A value that reads like a password, not a length, a range or an algorithm name:
    letters and digits mixed (Ab12345678, qwer1234), or six or more digits (123456)."""
    if NOT_SECRET.match(value):
        return False
    has_digit = re.search(r"\d", value) is not None
    has_alpha = re.search(r"[A-Za-z]", value) is not None
    if has_digit and has_alpha:
        return True
    return has_digit and len(re.sub(r"\D", "", value)) >= 6 and re.fullmatch(r"\d+", value) is not None
