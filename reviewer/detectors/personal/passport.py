"""Passports: ordinary E+8 digits or E+letter+7 digits; official DE/SE/PE+7; old G+8.

``E12345678`` alone is reported (the form is rare outside passports); the other
forms only next to a context word (护照…).  Right after 护照号码 the number may be spaced
or in lower case (E 1234 5678, EH 1234567, e12345678).
"""

from __future__ import annotations

from reviewer.detectors.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY, NO_MASK_AFTER, NO_MASK_BEFORE

_B = NOT_ALNUM_BEFORE + NO_MASK_BEFORE
_A = NOT_ALNUM_AFTER + NO_MASK_AFTER


class PassportRecognizer(ReviewerRecognizer):
    ID = "personal.passport.v2"
    TYPE = "passport"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "护照号码"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("ordinary_e8", _B + r"E\d{8}" + _A, 0.5),
        ("ordinary_e_letter", _B + r"E[A-HJ-NP-Z]\d{7}" + _A, 0.35),
        ("official", _B + r"(?:DE|SE|PE)\d{7}" + _A, 0.35),
        ("old_g", _B + r"G\d{8}" + _A, 0.3),
        # after 护照号码: spaced or lower-case (E 1234 5678, EH 1234567, e12345678)
        ("labelled", r"(?:护照|passport|Passport|PASSPORT)(?:号码|号|编号|No\.?)?\s*(?:为|是)?\s*[:：]?\s*(?:No\.?\s*)?"
                     r"(?P<v>(?:[EeGg][ ]?\d{4}[ ]?\d{4}|[Ee][A-HJ-NP-Za-hj-np-z][ ]?\d{3,4}[ ]?\d{3,4}|"
                     r"[DSPdsp][Ee][ ]?\d{3}[ ]?\d{4}))" + _A, 0.7),
    )
    CONTEXT = ("护照", "passport", "Passport", "PASSPORT", "证件号", "证件号码")
    MIN_SCORE = 0.5
    PREFILTER = r"[EGDSP][A-Z]?\d{7}|护照|[Pp]assport|PASSPORT"
    PRIORITY = 5
    PATTERN_NEEDS = {"labelled": ("护照", "assport", "PASSPORT")}
