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

TITLE_KIND = re.compile(r"(?:的|之)?(?P<kind>请示|报告|汇报|汇报材料|情况汇报|工作汇报)$")
PUBLIC_REPORTS = re.compile(r"年度报告|工作年度报告|政府工作报告|工作报告|审计报告|调查报告|评估报告|统计报告|年报|公报")
CLOSING = re.compile(
    r"(?:妥否|当否|可否|是否妥当|是否可行|如无不妥)[，,]?\s*请(?:予)?(?:批示|批复|审示|审批|示|指示|审定|核示|阅示)"
    r"|请予(?:审批|批复|批准|审定)|特此(?:请示|报告|汇报)|以上(?:请示|报告|汇报)[，,]?(?:妥否|当否|如有不妥|请审阅|请审示)?"
    r"|(?:请|恳请|敬请)(?:领导|市委|市政府|县委|县政府|局党组|上级)?(?:审阅|审示|批示|阅示|指正)"
    # the body's opening formula of a 请示/汇报: "现将…汇报如下", "现就…请示如下"
    r"|现(?:将|就)[^。；\n]{0,60}?(?:请示|汇报)如下")


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
        out = []
        if title:
            s, e = title
            t = text[s:e].rstrip("）)】] ")
            m = TITLE_KIND.search(t)
            if m is None and "\n" in t:  # a title span that ran over the next line: read line by line
                for line in t.split("\n"):
                    m = m or TITLE_KIND.search(line.rstrip("）)】] "))
            if (m or kind in ("请示", "报告")) and not PUBLIC_REPORTS.search(t):
                k = m.group("kind") if m else kind
                out.append(self.make_finding(
                    doc, s, e, score=0.9 if k == "请示" else 0.8, pattern="title_kind",
                    reason=f"文种为“{k}”，请示报告属过程性信息，可以不予公开。", doc_kind=k))
            if m and PUBLIC_REPORTS.search(t):
                return []
        if out or pos.law_text(text):
            return out  # the title names the kind: the document is one finding
        # no title naming the kind: every closing or opening formula (a 请示 attached to another document too)
        for m in CLOSING.finditer(text):
            if pos.quoted(text, m.start(), m.end()):
                continue
            g = m.group(0)
            if g.startswith(("请", "恳请", "敬请")) and not self._closing_line(text, m.start(), m.end()):
                continue  # "请审阅" inside a sentence is an ordinary request
            k = "报告" if "报告" in g else ("汇报" if "汇报" in g else "请示")
            out.append(self.make_finding(
                doc, m.start(), m.end(), score=0.75, pattern="closing_formula",
                reason=f"用语“{g}”表明文种为{k}，属过程性信息，可以不予公开。", doc_kind=k))
        return out

    @staticmethod
    def _closing_line(text: str, s: int, e: int) -> bool:
        """The request ends its paragraph (a closing formula), e.g. "以上汇报，请审阅。"."""
        line = pos.line_bounds(text, s)
        return text[e:line.end].strip(" \u3000。.！!") == "" and e - line.start < 40
