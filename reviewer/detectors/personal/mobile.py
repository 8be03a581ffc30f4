"""Mobile numbers: mainland 1[3-9]x xxxx xxxx with +86/0086/(+86), a trunk prefix (0)/0-/0,
spaced, dashed or dotted in 3-4-4 groups; Hong Kong and Macau 8-digit mobiles after
+852/+853 (HK mobiles start with 4–9, Macau's with 6)."""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_DIGIT_AFTER, ReviewerRecognizer
from reviewer.detectors.personal._common import (BASIS_PRIVACY, NO_MASK_AFTER, NO_MASK_BEFORE,
                                                 NOT_PERSONAL_CONTEXT, in_url)

_PREFIX = r"(?:(?:\+|＋|00)?86[ -]?|[(（](?:\+|＋)?86[)）] ?|[(（]0[)）] ?|0-)?"
_SEP = r"[ \u3000.-]"
_B = r"(?<![0-9A-Za-z+＋])" + NO_MASK_BEFORE
_A = NOT_DIGIT_AFTER + NO_MASK_AFTER
# amounts, counts and units right after the number: not a phone
_UNIT_AFTER = re.compile(r"\s*(?:元|万|亿|千|百|人|户|吨|亩|平方|米|个|项|件|次|份|%|％)")


class MobileRecognizer(ReviewerRecognizer):
    ID = "personal.mobile.v2"
    TYPE = "mobile"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "手机号码"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("mobile", _B + _PREFIX + r"1[3-9]\d{9}" + _A, 0.6),
        ("mobile_grouped", _B + _PREFIX + r"1[3-9]\d" + _SEP + r"\d{4}" + _SEP + r"\d{4}" + _A, 0.6),
        # 0 + mobile (the trunk prefix dialled from a landline): only next to a phone word
        ("mobile_trunk0", _B + r"0(?P<v>1[3-9]\d{9})" + _A, 0.3),
        ("hk_macau", _B + r"(?:(?:\+|00)(?:852|853)|[(（]\+?(?:852|853)[)）])[ -]?(?:[4-9]\d{3}[ -]?\d{4})" + _A, 0.6),
    )
    CONTEXT = ("手机", "电话", "联系方式", "联系电话", "Tel", "TEL", "tel", "电話", "移动电话", "微信", "手机号")
    NEGATIVE_CONTEXT = NOT_PERSONAL_CONTEXT + ("金额", "合计", "人民币")
    MIN_SCORE = 0.5
    PREFILTER = r"1[3-9]\d|85[23]"
    PRIORITY = 5
    PATTERN_NEEDS = {"hk_macau": ("852", "853"), "mobile_trunk0": ("013", "014", "015", "016", "017", "018", "019")}

    def accept(self, text, start, end, match) -> bool:
        return _UNIT_AFTER.match(text, end) is None and not in_url(text, start, end)
