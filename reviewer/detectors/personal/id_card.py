"""居民身份证号码 (GB 11643-1999, 18 digits, ISO 7064 MOD 11-2 check digit).

Also written with spaces or dashes between groups (110105 19491231 002X, 6-4-4-4,
1101 0519 4912 3100 2X, 110105-19491231-002X), in full-width digits (the engine reads them
as ASCII) and with a lower-case x; the check digit and birth date decide, as for the plain form."""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import (BASIS_PRIVACY, NO_MASK_AFTER, NO_MASK_BEFORE,
                                                 NOT_PERSONAL_CONTEXT)
from reviewer.detectors.validators import id_birth_date_ok, id_checksum_ok, id_region_ok

_DATE = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_B = NOT_ALNUM_BEFORE + NO_MASK_BEFORE
_A = NOT_ALNUM_AFTER + NO_MASK_AFTER


def _compact(value: str) -> str:
    return re.sub(r"[ \u3000-]", "", value).upper()


class IdCardRecognizer(ReviewerRecognizer):
    ID = "personal.id_card.v2"
    TYPE = "id_card"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "居民身份证号码"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("id18", _B + r"[1-9]\d{5}" + _DATE + r"\d{3}[0-9Xx]" + _A, 0.4),
        ("id18_spaced", _B + r"[1-9]\d{5} " + _DATE + r" \d{3}[0-9Xx]" + _A, 0.4),
        # written in groups (6-8-4 with dashes, 6-4-4-4, 4-4-4-4-2, 3-3-4-4-4): the check digit decides
        ("id18_grouped", _B + r"(?:[1-9]\d{5}[ \u3000-]\d{8}[ \u3000-]\d{3}[0-9Xx]"
                         r"|[1-9]\d{5}[ \u3000-]\d{4}[ \u3000-]\d{4}[ \u3000-]\d{3}[0-9Xx]"
                         r"|[1-9]\d{3}[ \u3000-]\d{4}[ \u3000-]\d{4}[ \u3000-]\d{4}[ \u3000-]\d[0-9Xx]"
                         r"|[1-9]\d{2}[ \u3000-]\d{3}[ \u3000-]\d{4}[ \u3000-]\d{4}[ \u3000-]\d{3}[0-9Xx])" + _A, 0.4),
    )
    CONTEXT = ("身份证", "公民身份号码", "身份号码", "证件号", "身份证号", "居民身份", "社会保障号",
               "社保号", "居住证")
    NEGATIVE_CONTEXT = NOT_PERSONAL_CONTEXT
    INVALID_SCORE = 0.3   # a checksum failure is reported only next to a context word
    MIN_SCORE = 0.5
    PREFILTER = r"\d{3}[ \u3000-]?\d{3}"
    PRIORITY = 10

    def validate_result(self, pattern_text: str) -> bool:
        return id_checksum_ok(_compact(pattern_text))

    def invalidate_result(self, pattern_text: str) -> bool:
        v = _compact(pattern_text)
        return not (id_birth_date_ok(v) and id_region_ok(v))
