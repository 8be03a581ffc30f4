"""process.consultation_letter.v1 — 征求意见函, 会签函, 磋商函 ("磋商信函", 条例 第十六条).

The title (``关于征求《…》意见的函``, ``…会签函``), or the request to answer by a date
("请于2024年3月15日前将修改意见反馈我局", "逾期未反馈视为无意见").
"""

from __future__ import annotations

import re

from reviewer.detectors.process import BASIS_PROCESS
from reviewer.detectors import position as pos
from reviewer.detectors.rule import RuleDetector

TITLE_KIND = re.compile(r"征求[^。]{0,80}意见(?:建议)?的函|(?:商请)?会签[^。]{0,80}的函|征求意见函|征询意见的函|会签函|会签单|磋商函|商洽函|意见征求函")
DEADLINE = re.compile(
    r"请于\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:\d{1,2}[:：时]\d{0,2}\s*)?(?:前|之前|以前)"
    r"[^。\n]{0,40}?(?:意见[^。\n]{0,10}?(?:反馈|回复|报送|函告|报)|(?:反馈|回复|报送|提出|函告)[^。\n]{0,12}?意见)"
    r"|逾期(?:未|不)(?:反馈|回复|答复)的?[，,]?视为(?:无意见|同意|无异议)")


class ConsultationLetterDetector(RuleDetector):
    ID = "process.consultation_letter.v1"
    CATEGORY = "process"
    TYPE = "consultation_letter"
    ACTION = "review"
    BASIS = BASIS_PROCESS
    LABEL = "征求意见函、会签函、磋商函（过程性信息）"

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        title = pos.title_span(doc)
        if title:
            s, e = title
            m = TITLE_KIND.search(text[s:e])
            if m:
                out.append(self.make_finding(
                    doc, s, e, score=0.9, pattern="title_kind",
                    reason=f"文件为“{m.group(0)}”，磋商信函属过程性信息，可以不予公开。"))
        for m in DEADLINE.finditer(text):
            out.append(self.make_finding(
                doc, m.start(), m.end(), score=0.8, pattern="feedback_deadline",
                reason="要求限期反馈意见，属征求意见/磋商信函，可以不予公开。"))
        return out
