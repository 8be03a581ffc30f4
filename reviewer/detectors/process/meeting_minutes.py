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
# What was said at the meeting, in minutes: "会议认为…", "王某某同志提出…", "与会人员讨论…".
DISCUSSION = re.compile(
    r"(?:会议|会上|与会(?:人员|同志|代表)?|参会(?:人员|单位)?)(?:一致)?(?:认为|指出|强调|要求|明确|同意|决定|研究|听取|讨论|提出|议定|确定|原则同意)"
    r"|(?P<speaker>(?:会上[，,]?)?[\u4e00-\u9fa5]{1,3}(?:同志|局长|主任|书记|县长|市长|副县长|副市长|副局长|副主任|科长|处长|部长))"
    r"(?P<verb>提出|认为|表示|建议|指出|强调|要求|发言)"
    r"|经(?:充分|认真|集体)?(?:讨论|研究)[，,]")
# A heading of its own that names minutes (an attached 纪要 below page 1).
HEADING = re.compile(r"(?m)^[ \t\u3000]*[^\s。；;，,！？!?：:][^。；;，,！？!?\n：:]{1,40}(?:会议纪要|纪要|讨论记录|会议记录)[ \t\u3000]*$")


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
        if not out and not pos.law_text(text):
            for h in HEADING.finditer(text):
                if not pos.quoted(text, h.start(), h.end()) and "《" not in h.group(0):
                    hs = h.start() + len(h.group(0)) - len(h.group(0).lstrip(" \t\u3000"))
                    out.append(self.make_finding(
                        doc, hs, h.end(), score=0.8, pattern="minutes_heading",
                        reason="标题行表明其下为会议纪要/讨论记录，属过程性信息，可以不予公开。", doc_kind="纪要"))
                    break
        m = self._formula(text)
        if m:
            out.append(self.make_finding(
                doc, m.start(), m.end(), score=0.8, pattern="minutes_formula",
                reason=f"“{m.group(0)}”是会议纪要的用语，讨论记录属过程性信息，可以不予公开。"))
        if out:  # minutes: what was said in the discussion is the process information itself
            start = out[0].start if out[0].explanation["pattern"] == "minutes_heading" else 0
            out.extend(self._discussion(doc, text, start, {(f.start, f.end) for f in out}))
        return out

    def _discussion(self, doc, text: str, start: int, seen: set) -> list:
        found, taken = [], -1
        for m in DISCUSSION.finditer(text, start):
            s = m.start()
            if s < taken or (s > 0 and text[s - 1] not in SENTENCE_START and not text[s - 1].isdigit()
                             and text[s - 1] not in "、）)"):
                continue
            ss, se = pos.sentence_bounds(text, s, m.end(), limit=160)
            ss = max(ss, s) if s - ss > 12 else ss
            if any(a <= s < z or a <= ss < z for a, z in seen):
                continue
            if m.group("speaker"):  # "王建国同志提出…": the speaker is an official acting officially, not the secret
                ss = m.start("verb")
            se = pos.trim_before_contact(text, ss, se, keep=m.end() - ss)
            found.append(self.make_finding(
                doc, ss, se, score=0.7, pattern="minutes_discussion", context_word=m.group(0),
                reason=f"会议纪要中的讨论内容（“{m.group(0)}”），属过程性信息，可以不予公开。"))
            taken = se
        return found

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
