"""process.meeting_minutes.v1 — 会议纪要, 讨论记录, 会议记录 as the document's kind.

The title (``…专题会议纪要``, ``…讨论记录``), the structure pass's ``doc_kind`` 纪要, or the
formula of minutes ("会议议定事项", "会议议定如下", "经会议研究议定").  The word 纪要 in a
sentence ("印发会议纪要") is not enough.
"""

from __future__ import annotations

import re

from reviewer.detectors.process import BASIS_PROCESS
from reviewer.detectors import position as pos
from reviewer.detectors.rule import RuleDetector

TITLE_KIND = re.compile(r"(?P<kind>会议纪要|纪要|讨论记录|会议记录|座谈会记录|研讨记录)$")
# At a sentence start: "督促检查联席会议议定事项的落实" is a rule about minutes, not minutes.
FORMULA = re.compile(r"(?:本次|此次)?(?:会议议定(?:事项|如下|了以下事项|以下事项)|议定事项[:：]|经会议研究[，,]?议定|会议纪要如下)")

SENTENCE_START = "。；;：:\n，, \t\u3000"


class MeetingMinutesDetector(RuleDetector):
    ID = "process.meeting_minutes.v1"
    CATEGORY = "process"
    TYPE = "meeting_minutes"
    ACTION = "review"
    BASIS = BASIS_PROCESS
    LABEL = "会议纪要、讨论记录（过程性信息）"

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        title = pos.title_span(doc)
        if title:
            s, e = title
            m = TITLE_KIND.search(text[s:e].rstrip("）)】] "))
            if m or getattr(doc.structure, "doc_kind", None) == "纪要":
                out.append(self.make_finding(
                    doc, s, e, score=0.85, pattern="title_kind",
                    reason="文件为会议纪要/讨论记录，属过程性信息，可以不予公开。",
                    doc_kind=m.group("kind") if m else "纪要"))
        m = self._formula(text)
        if m:
            out.append(self.make_finding(
                doc, m.start(), m.end(), score=0.8, pattern="minutes_formula",
                reason=f"“{m.group(0)}”是会议纪要的用语，讨论记录属过程性信息，可以不予公开。"))
        return out

    @staticmethod
    def _formula(text: str):
        """The first minutes formula at a sentence start; found from its literal core (fast on 1 MB)."""
        for core in ("议定", "纪要如下"):
            i = text.find(core)
            while i >= 0:
                m = FORMULA.search(text, max(i - 8, 0), i + 12)
                if m and (m.start() == 0 or text[m.start() - 1] in SENTENCE_START):
                    return m
                i = text.find(core, i + 1)
        return None
