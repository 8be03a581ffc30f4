"""process.internal_affairs.v1 — 内部事务信息: 人事管理, 后勤管理, 内部工作流程 (第十六条第一款).

Judged on the subject of the document, i.e. its title: 人事任免, 干部考察, 考勤, 后勤保障,
机关食堂, 公务用车, 值班安排, 内部工作流程 …  The same words inside a policy's sentence are
not the subject.  Appointments that must be published (领导任免 under 第二十条(二)) are for
the reviewer to decide, hence ``review``.
"""

from __future__ import annotations

import re

from reviewer.detectors.process import BASIS_INTERNAL
from reviewer.detectors import position as pos
from reviewer.detectors.rule import RuleDetector

SUBJECTS = re.compile(
    r"人事任免|任免|干部考察|考察对象|考察人选|拟任人选|干部调整|职务任免|岗位调整|人员调整|"
    r"考勤|请休假|请销假|值班安排|值班表|后勤管理|后勤保障|机关食堂|职工食堂|公务用车|车辆管理|办公用房|"
    r"内部工作流程|内部管理制度|机关事务|工作人员考核|年度考核|绩效考核|内部审批流程|公文处理流程")

LAW_TITLE = re.compile(r"(?:条例|(?<![办方])法|实施细则)(?:[（(]\d{4}[^）)]*[）)])?$")


class InternalAffairsDetector(RuleDetector):
    ID = "process.internal_affairs.v1"
    CATEGORY = "process"
    TYPE = "internal_affairs"
    ACTION = "review"
    BASIS = BASIS_INTERNAL
    LABEL = "内部事务信息（人事、后勤、内部工作流程）"

    def analyze(self, doc) -> list:
        title = pos.title_span(doc)
        if not title:
            return []
        s, e = title
        # a law or regulation on the subject (机关事务管理条例) is public by nature
        if LAW_TITLE.search(doc.text[s:e].rstrip("）) ")):
            return []
        m = SUBJECTS.search(doc.text[s:e])
        if not m:
            return []
        return [self.make_finding(
            doc, s, e, score=0.75, pattern="title_subject", context_word=m.group(0),
            reason=f"文件主题为“{m.group(0)}”，属内部事务信息，可以不予公开。")]
