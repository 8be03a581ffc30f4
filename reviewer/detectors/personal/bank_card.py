"""Bank card numbers: 16–19 digits (grouped by 4 or not), Luhn check.

A Luhn-valid number is reported; a Luhn failure only next to a context word (卡号,
账号, 开户行…), marked "checksum failed".  Digits touching Chinese text are found
(``卡号6222021234567890后``).  Labelled account numbers without a checksum are
``bank_account.py``.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import (BASIS_SENSITIVE, NO_MASK_AFTER, NO_MASK_BEFORE,
                                                 NOT_PERSONAL_CONTEXT, in_url)
from reviewer.detectors.validators import luhn_ok

_B = NOT_DIGIT_BEFORE + r"(?<![A-Za-z])" + NO_MASK_BEFORE
_A = NOT_DIGIT_AFTER + r"(?![A-Za-z])" + NO_MASK_AFTER
_UNIT_AFTER = re.compile(r"\s*(?:元|万|亿|人|户|吨|%|％)")


class BankCardRecognizer(ReviewerRecognizer):
    ID = "personal.bank_card.v1"
    TYPE = "bank_card"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "银行卡号"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE  # 金融账户 (个人信息保护法 第二十八条)
    PATTERNS = (
        ("card", _B + r"[1-9]\d{15,18}" + _A, 0.4),
        ("card_grouped", _B + r"[1-9]\d{3}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?" + _A, 0.4),
    )
    CONTEXT = ("卡号", "银行卡", "账号", "帐号", "账户", "帐户", "开户行", "开户银行", "借记卡", "信用卡",
               "社保卡", "存折", "收款")
    NEGATIVE_CONTEXT = NOT_PERSONAL_CONTEXT + ("身份证", "公民身份号码", "电话", "传真", "手机")
    INVALID_SCORE = 0.25
    MIN_SCORE = 0.5
    PREFILTER = r"\d{4}"
    PRIORITY = 7

    def validate_result(self, pattern_text: str) -> bool:
        return luhn_ok(re.sub(r"[ -]", "", pattern_text))

    def accept(self, text, start, end, match) -> bool:
        return _UNIT_AFTER.match(text, end) is None and not in_url(text, start, end)
