"""Sensitive details need a person: withdraw category mentions with nobody near.

Health, minor and criminal-record terms (肢体残疾, 不满16周岁, 强制隔离戒毒…) are
everywhere in laws and policies, about groups of people.  A text recognizer already
asks for a personal context word; law text has those too ("本人(精神病患者由其利害关系人)
提出申请").  This document detector keeps such a finding only when a person is
written near it — a name, an ID or phone number found by the other detectors, or a
masked name (张某, 李××) — within ``BEFORE`` characters before or ``AFTER`` after, on the
same line.  Record fields (残疾类别：…, 病历号, 出生日期…) stand on their own and are kept.
"""

from __future__ import annotations

import bisect
import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_SENSITIVE
from reviewer.detectors.personal._names import COMPOUND_SURNAMES, SINGLE_SURNAMES

SENSITIVE_TYPES = {"health", "minor", "criminal_record"}
STANDALONE_PATTERNS = {"record_field", "record_number", "birth_date_minor", "minor_name",
                       "table_column", "text_table_column"}
ANCHOR_TYPES = {"person_name", "id_card", "id_card_legacy", "mobile", "passport", "travel_permit",
                "bank_card", "address", "vehicle_plate"}
_SUR = "".join(sorted(SINGLE_SURNAMES))
MASKED_NAME = re.compile(rf"(?:{'|'.join(COMPOUND_SURNAMES)}|[{_SUR}])(?:某某?|[*＊×Ｘ]{{1,3}}|XX|xx|○○?)")
BEFORE = 80
AFTER = 40


class PersonAnchorDetector(DocumentDetector):
    ID = "personal.person_anchor.v1"
    TYPES = tuple(sorted(SENSITIVE_TYPES))
    LABEL = "敏感信息须指向自然人"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE
    ORDER = 70  # after name_layout added the names it finds

    def detect(self, doc, text_results):
        text = doc.text
        anchors = sorted((f.start, f.end) for f in text_results if f.type in ANCHOR_TYPES)
        starts = [a[0] for a in anchors]
        max_len = max((e - s for s, e in anchors), default=0)
        for f in text_results:
            if f.type not in SENSITIVE_TYPES or f.explanation.get("pattern") in STANDALONE_PATTERNS:
                continue
            lo = text.rfind("\n", max(0, f.start - BEFORE), f.start) + 1 or max(0, f.start - BEFORE)
            lo = max(lo, f.start - BEFORE)
            hi = text.find("\n", f.end, f.end + AFTER)
            hi = f.end + AFTER if hi < 0 else hi
            i = bisect.bisect_left(starts, lo - max_len)
            j = bisect.bisect_left(starts, hi)
            if any(e > lo and not (s >= f.start and e <= f.end) for s, e in anchors[i:j]):
                continue
            if MASKED_NAME.search(text, lo, hi):
                continue
            self.suppress(f, "附近没有指向具体自然人的信息（姓名、证件号、电话等），按一般性表述处理")
        return []
