"""统一社会信用代码 (GB 32100-2015): identifies an organisation, not a person.

Category ``commercial``, type ``org_id``, action ``review``.  A code inside a 索引号
(``11370000MB28403XXX/2024-01234``) is part of the index number and not reported.
"""

from __future__ import annotations

from reviewer.detectors.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY
from reviewer.detectors.validators import id_birth_date_ok, id_region_ok, uscc_ok

_C = "0-9A-HJ-NPQRTUWXY"


class OrgIdRecognizer(ReviewerRecognizer):
    ID = "commercial.org_id.v1"
    CATEGORY = "commercial"
    TYPE = "org_id"
    LABEL = "统一社会信用代码"
    ACTION = "review"
    BASIS = BASIS_PRIVACY
    PATTERNS = (("uscc", NOT_ALNUM_BEFORE + rf"[1-9ANY][{_C}]\d{{6}}[{_C}]{{9}}[{_C}]" + NOT_ALNUM_AFTER + r"(?![/／])", 0.4),)
    CONTEXT = ("统一社会信用代码", "信用代码", "社会信用代码", "纳税人识别号", "税号")
    NEGATIVE_CONTEXT = ("索引号", "身份证", "公民身份号码", "身份号码")
    INVALID_SCORE = 0.2
    MIN_SCORE = 0.5
    PREFILTER = r"\d{6}"
    PRIORITY = 8

    def validate_result(self, pattern_text: str) -> bool:
        return uscc_ok(pattern_text)

    def invalidate_result(self, pattern_text: str) -> bool:
        if "XX" in pattern_text:  # 91130100MA0CXXXX1Y: masked
            return True
        # 18 digits with a real region and birth date are an ID number (1 in 31 of them
        # also passes the GB 32100 check by chance)
        return pattern_text.isdigit() and id_birth_date_ok(pattern_text) and id_region_ok(pattern_text)
