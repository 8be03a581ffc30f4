"""Sensitive details need a person: withdraw category mentions with nobody near.

Health, minor and criminal-record terms (肢体残疾, 不满16周岁, 强制隔离戒毒…) are
everywhere in laws and policies, about groups of people.  A text recognizer already
asks for a personal context word; law text has those too ("本人(精神病患者由其利害关系人)
提出申请").  This document detector keeps such a finding only when a person is
written near it — a name, an ID or phone number found by the other detectors, a
masked name (张某, 李××), or a word that points at one person (其妻, 该户, 现年58岁, 我母亲,
``_common.PERSON_CUE``; not 本人/村民 alone, which rules use) — within ``BEFORE`` characters
before or ``AFTER`` after, on the same line.  Income details (``income``) are gated the same way.  Record fields (残疾类别：…, 病历号, 出生日期…) stand on their own and are kept.
"""

from __future__ import annotations

import bisect
import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_SENSITIVE, PERSON_CUE
from reviewer.detectors.personal._names import COMPOUND_SURNAMES, SINGLE_SURNAMES, looks_like_name

SENSITIVE_TYPES = {"health", "minor", "criminal_record", "income"}
STANDALONE_PATTERNS = {"record_field", "record_number", "birth_date_minor", "minor_name",
                       "table_column", "text_table_column"}
ANCHOR_TYPES = {"person_name", "id_card", "id_card_legacy", "mobile", "passport", "travel_permit",
                "bank_card", "address", "vehicle_plate"}
_SUR = "".join(sorted(SINGLE_SURNAMES))
MASKED_NAME = re.compile(rf"(?:{'|'.join(COMPOUND_SURNAMES)}|[{_SUR}])(?:某某?|[*＊×Ｘ]{{1,3}}|XX|xx|○○?)")
CUE = re.compile(PERSON_CUE)
# a name opening a clause as its subject: 王海波于2023年…, 李秀英每月领取…, 孙丽华的血肌酐…
# (checked strictly: the dictionary refuses 任何单位, 向社会…)
CLAUSE_START = re.compile(r"(?:^|(?<=[。；;，,：:\s、（(]))[\u4e00-\u9fa5]{2}", re.M)
# a name after a word for a person (被告人孙立, 村民王五, 学生李雷), when the name detector missed it
LABELLED = re.compile(r"(?:被告人|犯罪嫌疑人|罪犯|服刑人员|被执行人|当事人|申请人|户主|村民|居民|群众|学生|患者|患儿|"
                      r"职工|老人|儿童|幼儿|之子|之女|其子|其女|儿子|女儿|妻子|丈夫|人员|对象)[:：]?\s*"
                      r"(?![向有应可在的和及或与对为是不未已被将所等如因由自从经按依须需要能会并均都也则即就])"
                      r"(?=[\u4e00-\u9fa5]{2})")
# what may follow a two-character name at a clause start (a three-character one needs nothing)
SUBJECT_FOLLOWER = re.compile(r"的|因|于|在|现|已|自|曾|被|每|长期|多次|家|系|患|确诊|同志|先生|女士|现年|今年|欠|领|[，,（(]|\d{4}年")
PUBLICITY = re.compile(r"公示|公告|名单|名册")
BEFORE = 150
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
        head = (getattr(doc.structure, "title", None) or "") + text[:300]
        publicity = PUBLICITY.search(head) is not None
        for f in text_results:
            if publicity and f.type == "income" and f.explanation.get("pattern") in ("benefit", "benefit_amount", "table_column"):
                self.suppress(f, "公示中依规定公开的救助、保障金额")
                continue
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
            if MASKED_NAME.search(text, lo, hi) or any(
                    m.start() < f.start or m.end() > f.end for m in CUE.finditer(text, lo, hi)):
                continue
            if any(looks_like_name(text[m.end():m.end() + n], strict=True)
                   for m in LABELLED.finditer(text, lo, hi) for n in (3, 2)
                   if not (f.start <= m.end() < f.end)):
                continue
            if any(looks_like_name(text[m.start():m.start() + n], strict=True)
                   and (n == 3 or SUBJECT_FOLLOWER.match(text, m.start() + 2))
                   for m in CLAUSE_START.finditer(text, lo, f.start) for n in (3, 2)
                   if m.start() + n <= f.start):
                continue
            self.suppress(f, "附近没有指向具体自然人的信息（姓名、证件号、电话等），按一般性表述处理")
        return []
