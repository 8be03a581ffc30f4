"""Travel permits: 往来港澳通行证 (C+8 digits / C+letter+7, older W+8), 往来台湾通行证
(L+8), 港澳居民来往内地通行证 / 回乡证 (H or M + 8 or 10 digits), 台胞证 (8 digits after
a label).  All need a context word: the forms alone are too common in codes."""

from __future__ import annotations

from reviewer.detectors.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY, NO_MASK_AFTER, NO_MASK_BEFORE

_B = NOT_ALNUM_BEFORE + NO_MASK_BEFORE
_A = NOT_ALNUM_AFTER + NO_MASK_AFTER


class TravelPermitRecognizer(ReviewerRecognizer):
    ID = "personal.travel_permit.v1"
    TYPE = "travel_permit"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "出入境通行证件号码"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("hk_macau_permit", _B + r"C(?:\d{8}|[A-HJ-NP-Z]\d{7})" + _A, 0.3),
        ("hk_macau_permit_old", _B + r"W\d{8}" + _A, 0.25),
        ("taiwan_permit", _B + r"L\d{8}" + _A, 0.3),
        ("home_return_permit", _B + r"[HM]\d{8}(?:\d{2})?" + _A, 0.3),
        ("mtp_labelled", r"(?:台胞证|台湾居民来往大陆通行证)(?:号码?)?\s*[:：]?\s*(?P<v>\d{8}|[0-9A-Z]{10,12})" + _A, 0.7),
    )
    CONTEXT = ("通行证", "回乡证", "港澳", "台湾", "台胞", "往来", "证件号", "证件号码", "签注")
    MIN_SCORE = 0.5
    PREFILTER = r"[CWLHM][A-Z]?\d{7}|台胞证|台湾居民来往"
    PRIORITY = 5
