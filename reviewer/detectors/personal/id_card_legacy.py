"""Legacy 15-digit 居民身份证号码 (issued before 1999/2004): address + YYMMDD + sequence.

It has no check digit, so a 15-digit number is reported only when its region code and
birth date are plausible *and* a context word is near: 身份证/证件号…, or the person it
belongs to (姓名, 户主, 男，…).
"""

from __future__ import annotations

from reviewer.detectors.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import (BASIS_PRIVACY, NO_MASK_AFTER, NO_MASK_BEFORE,
                                                 NOT_PERSONAL_CONTEXT)
from reviewer.detectors.validators import id_birth_date_ok, id_region_ok


class IdCardLegacyRecognizer(ReviewerRecognizer):
    ID = "personal.id_card_legacy.v2"
    TYPE = "id_card_legacy"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "旧版15位居民身份证号码"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("id15", NOT_ALNUM_BEFORE + NO_MASK_BEFORE
         + r"[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}"
         + NOT_ALNUM_AFTER + NO_MASK_AFTER, 0.3),
    )
    # the ID word, or the person the number belongs to (张三，男，110105491231002 / 户主…)
    CONTEXT = ("身份证", "公民身份号码", "身份号码", "证件号", "证号", "身份", "证件", "一代证", "老身份证",
               "男，", "女，", "男,", "女,", "（男", "（女", "姓名", "户主", "申请人", "当事人", "出生")
    CONTEXT_BEFORE = 24
    NEGATIVE_CONTEXT = NOT_PERSONAL_CONTEXT
    MIN_SCORE = 0.5
    PREFILTER = r"\d{15}"
    PRIORITY = 9

    def invalidate_result(self, pattern_text: str) -> bool:
        return not (id_birth_date_ok(pattern_text) and id_region_ok(pattern_text))
