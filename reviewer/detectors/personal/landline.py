"""Fixed-line numbers: area code + 7/8 digits, (0xx) forms, extensions.

Not: the 12345 hotline and other short service numbers (they never match: a local
number starts with 2–9 and has 7–8 digits); 400/800 numbers only next to a context word.
A local number without area code is reported only after a label (电话：…).  Also the
local part in groups (0311 8765 4321, 010-6552 8888) and the international form
(+86-311-87654321, 0086 10 6552 8888).
"""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_DIGIT_AFTER, NOT_DIGIT_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import (BASIS_PRIVACY, NO_MASK_AFTER, NO_MASK_BEFORE,
                                                 NOT_PERSONAL_CONTEXT, in_url)

_AREA = r"(?:010|02\d|0[3-9]\d{2})"
_EXT = r"(?:(?:转|-|－|ext\.?|EXT\.?|分机)\d{1,6})?"
_B = NOT_DIGIT_BEFORE + r"(?<![A-Za-z])" + NO_MASK_BEFORE
_A = NOT_DIGIT_AFTER + NO_MASK_AFTER
_LOCAL = r"[2-9]\d{6,7}"
_LABEL = r"(?:电话|座机|固话|传真|Tel|TEL|tel|联系方式|电\s*话)"
_UNIT_AFTER = re.compile(r"\s*(?:元|万|亿|人|户|吨|亩|%|％)")


class LandlineRecognizer(ReviewerRecognizer):
    ID = "personal.landline.v2"
    TYPE = "landline"
    HARM = False         # an organ's public details share this type (条例第二十条（二）)
    LABEL = "固定电话号码"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("area_dash", _B + _AREA + r"(?:[-－—]{1,2}| )" + _LOCAL + _EXT + _A, 0.6),
        ("area_paren", r"[(（]" + _AREA + r"[)）] ?(?:" + _LOCAL + r"|[2-9]\d{2,3}[ -]\d{4})" + _EXT + _A, 0.6),
        ("area_plain", _B + _AREA + _LOCAL + _A, 0.35),
        ("labelled_local", _LABEL + r"[:：]?\s*(?P<v>" + NO_MASK_BEFORE + _LOCAL + _EXT + ")" + _A, 0.55),
        # local number in 4-4 / 3-4 groups after the area code: 0311 8765 4321, 010-6552 8888
        ("area_grouped", _B + _AREA + r"(?:[-－—]{1,2}| )[2-9]\d{2,3}[ -]\d{4}" + _EXT + _A + r"(?![ -]\d)", 0.6),
        # from abroad: +86-311-87654321, 0086 10 6552 8888 (the area code without its 0)
        ("international", r"(?<![0-9A-Za-z+])(?:\+|00)86[ -]?[(（]?(?:10|2\d|[3-9]\d{2})[)）]?[ -]?[2-9]\d{2,3}[ -]?\d{4}"
                          + _EXT + _A + r"(?![ -]\d)", 0.6),
        ("service_400_800", _B + r"[48]00[- ]?\d{3}[- ]?\d{4}" + _A, 0.2),
    )
    CONTEXT = ("电话", "座机", "固话", "传真", "联系方式", "Tel", "TEL", "分机", "热线", "联系")
    NEGATIVE_CONTEXT = NOT_PERSONAL_CONTEXT + ("金额", "合计")
    MIN_SCORE = 0.5
    PREFILTER = r"\d{3}[- ]?\d{3}"
    PRIORITY = 4

    def accept(self, text, start, end, match) -> bool:
        return _UNIT_AFTER.match(text, end) is None and not in_url(text, start, end)
