"""process.request_report.v1 — the document is a 请示 or a 报告 (条例 第十六条 "请示报告").

From the structure pass's ``doc_kind`` when it has one, else the title (``关于…的请示``,
``…的报告``), else the closing formula (``妥否，请批示``, ``特此报告``).  Reports that the law
requires to be public are left alone: 政府信息公开工作年度报告, 政府工作报告, 审计/调查报告
published as such.
"""

from __future__ import annotations

import re

from reviewer.detectors.process import BASIS_PROCESS
from reviewer.detectors import position as pos
from reviewer.detectors.rule import RuleDetector

TITLE_KIND = re.compile(r"(?:的|之)?(?P<kind>请示|报告)$")
PUBLIC_REPORTS = re.compile(r"年度报告|工作年度报告|政府工作报告|工作报告|审计报告|调查报告|评估报告|统计报告|年报|公报")
CLOSING = re.compile(
    r"(?:妥否|当否|可否|是否妥当)[，,]?\s*请(?:批示|批复|审示|审批|示)"
    r"|请予(?:审批|批复|批准)|特此(?:请示|报告)|以上(?:请示|报告)[，,]?(?:妥否|当否|请审阅)?")


class RequestReportDetector(RuleDetector):
    ID = "process.request_report.v1"
    CATEGORY = "process"
    TYPE = "request_report"
    ACTION = "review"
    BASIS = BASIS_PROCESS
    LABEL = "请示、报告（过程性信息）"

    def analyze(self, doc) -> list:
        text = doc.text
        title = pos.title_span(doc)
        kind = getattr(doc.structure, "doc_kind", None)
        if title:
            s, e = title
            t = text[s:e].rstrip("）)】] ")
            m = TITLE_KIND.search(t)
            if (m or kind in ("请示", "报告")) and not PUBLIC_REPORTS.search(t):
                k = m.group("kind") if m else kind
                return [self.make_finding(
                    doc, s, e, score=0.9 if k == "请示" else 0.8, pattern="title_kind",
                    reason=f"文种为“{k}”，请示报告属过程性信息，可以不予公开。", doc_kind=k)]
            if m and PUBLIC_REPORTS.search(t):
                return []
        m = CLOSING.search(text)
        if m:
            k = "报告" if "报告" in m.group(0) else "请示"
            return [self.make_finding(
                doc, m.start(), m.end(), score=0.75, pattern="closing_formula",
                reason=f"结尾用语“{m.group(0)}”表明文种为{k}，属过程性信息，可以不予公开。", doc_kind=k)]
        return []
