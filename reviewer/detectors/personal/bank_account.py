"""Account numbers after an account label (账号：…), with no checksum.

Corporate and many personal accounts have no check digit, so the label is required.
Reported as ``bank_card`` with action ``review``: the owner may be an organisation.
"""

from __future__ import annotations

from reviewer.detectors.base import NOT_DIGIT_AFTER, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_SENSITIVE, NO_MASK_AFTER

_LABEL = r"(?:银行卡号|卡号|银行账号|银行帐号|账号|帐号|收款账户|账户|帐户|存折号)"


class BankAccountRecognizer(ReviewerRecognizer):
    ID = "personal.bank_account.v1"
    TYPE = "bank_card"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "银行账号"
    ACTION = "review"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("labelled_account", _LABEL + r"\s*(?:为|是)?\s*[:：]?\s*(?P<v>\d{10,25}|\d{4}(?:[ -]\d{3,4}){2,5})"
         + NOT_DIGIT_AFTER + NO_MASK_AFTER, 0.6),
    )
    CONTEXT = ()
    MIN_SCORE = 0.5
    PREFILTER = r"[账帐卡折][号户]"
    PRIORITY = 3
