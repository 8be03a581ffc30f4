"""process.internal_affairs.v1 — 内部事务信息: 人事管理, 后勤管理, 内部工作流程 (第十六条第一款).

Two readings:

* the document's subject, i.e. its title: 人事任免, 干部考察, 借调, 轮岗, 考勤, 工资卡, 停车证,
  职工体检, 试用期考核, 值班安排, 机关食堂, 公务用车 …  A law or regulation on the subject
  (…条例) is public by nature; a recruitment notice (招聘/招录/录用 … 体检) is published by rule.
* a statement in the body about the organ's own staff: a person to be 借调/轮岗/挂职, a 干部人选
  under discussion, a 纪检 处理意见 on a named person (建议给予…处分, 诫勉谈话), or a notice to the
  staff (各科室/全体干部职工) about 工资卡, 停车证, 体检, 试用期, 考勤 — reported sentence by sentence.
  A published decision (通报 "给予张某党内警告处分") and rules (应当/不得/第×条) are left alone.

Appointments that must be published (领导任免 under 第二十条(二)) are for the reviewer to decide,
hence ``review``.
"""

from __future__ import annotations

import re

from reviewer.detectors import position as pos
from reviewer.detectors.process import BASIS_INTERNAL
from reviewer.detectors.rule import RuleDetector

SUBJECTS = re.compile(
    r"人事任免|任免|干部考察|考察对象|考察人选|拟任人选|干部人选|推荐人选|干部调整|职务任免|岗位调整|人员调整|"
    r"借调|抽调|轮岗|挂职|交流任职|处理意见|处理建议|处分意见|处分建议|问责意见|"
    r"考勤|打卡|请休假|请销假|值班安排|值班表|后勤管理|后勤保障|机关食堂|职工食堂|公务用车|车辆管理|办公用房|"
    r"工资卡|工资发放|薪酬发放|绩效工资|停车证|停车位|出入证|门禁卡|工作证|职工体检|健康体检|体检|试用期|转正|"
    r"内部工作流程|内部管理制度|机关事务|工作人员考核|年度考核|绩效考核|内部审批流程|公文处理流程")
LAW_TITLE = re.compile(r"(?:条例|(?<![办方])法|实施细则)(?:[（(]\d{4}[^）)]*[）)])?$")
# Titles published by rule: recruitment (体检/试用期 of candidates), public 公示 of appointments.
PUBLIC_TITLE = re.compile(r"招聘|招录|录用|招考|选调生|遴选|公告|公示|考试")

# Body statements.  Personnel moves and candidates of the organ's own staff:
PERSONNEL = re.compile(r"借调|抽调|轮岗|挂职|交流任职|拟任|拟提拔|拟提名|拟推荐|(?:干部|推荐|建议|拟任|考察|候选|局长|主任|书记|科长|处长|部长|站长|所长|队长|委员|负责人)人选|考察对象|"
                       r"民主推荐|试用期满|转正")
# Discipline proposals (not the published decision): 处理意见, 建议给予…处分, 诫勉.
DISCIPLINE = re.compile(r"处理意见|处分意见|建议给予|拟给予|建议对其|初核|诫勉|谈话提醒|组织处理|问责建议")
# Notices to the staff about their own affairs.
STAFF_AFFAIRS = re.compile(r"工资卡|工资条|停车证|停车位|出入证|门禁卡|工作证|体检|考勤|打卡|请假|销假|食堂|餐补|慰问品|宿舍|"
                           r"试用期")
# Who the statement is about: a person, or the organ's own staff.
PERSON = re.compile(r"[\u4e00-\u9fa5]{2,3}同志|该同志|(?<![某×X*＊])[\u4e00-\u9fa5][某×X*＊]{1,2}(?![某×X*＊])(?![\u4e00-\u9fa5]{0,2}(?:单位|公司|企业|部门|产业|市|县|区|省))")
STAFF = re.compile(r"各科室|各处室|各股室|各部门负责人|机关各|局机关|全体(?:干部)?职工|全体人员|各位同事|全体干部|新入职人员|新进人员|"
                   r"本局(?:干部|职工|工作人员)|我局(?:干部|职工|工作人员)")
# A rule or a published decision, not an internal statement.
NOT_INTERNAL = re.compile(r"应当|不得|依照|依法|本办法|本条例|本规定|本法|第[一二三四五六七八九十百零]+条|招聘|招录|报考|考生|"
                          r"应聘|公告|公示期|用人单位|劳动者|企业|职工代表大会|规定|制度|办法")


class InternalAffairsDetector(RuleDetector):
    ID = "process.internal_affairs.v1"
    CATEGORY = "process"
    TYPE = "internal_affairs"
    ACTION = "review"
    BASIS = BASIS_INTERNAL
    LABEL = "内部事务信息（人事、后勤、内部工作流程）"

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        title = pos.title_span(doc)
        public_doc = False
        if title:
            s, e = title
            t = text[s:e]
            public_doc = PUBLIC_TITLE.search(t) is not None
            m = SUBJECTS.search(t)
            # a law or regulation on the subject (机关事务管理条例) is public by nature
            if m and not LAW_TITLE.search(t.rstrip("）) ")) and not public_doc:
                out.append(self.make_finding(
                    doc, s, e, score=0.75, pattern="title_subject", context_word=m.group(0),
                    reason=f"文件主题为“{m.group(0)}”，属内部事务信息，可以不予公开。"))
        if public_doc or pos.law_text(text):
            return out
        # the title is about internal affairs, or the notice is addressed to the organ's own staff
        # (各科室：): its body sentences on staff affairs are internal too
        internal_doc = bool(out) or STAFF.search(text, 0, min(len(text), 300)) is not None
        taken = title[1] if title else -1
        for rx, need, pattern, what in ((PERSONNEL, PERSON, "personnel_statement", "人事安排"),
                                        (DISCIPLINE, PERSON, "discipline_statement", "纪检处理意见"),
                                        (STAFF_AFFAIRS, STAFF, "staff_notice", "机关内部事务")):
            for m in rx.finditer(text):
                s, e = m.start(), m.end()
                if title and title[0] <= s < title[1]:
                    continue
                ss, se = pos.sentence_bounds(text, s, e, limit=150)
                if ss < taken and se <= taken:
                    continue
                sentence = text[ss:se]
                if NOT_INTERNAL.search(sentence) or pos.quoted(text, s, e):
                    continue
                if not (need.search(sentence) or (internal_doc and rx is STAFF_AFFAIRS)):
                    continue
                ss += len(sentence) - len(sentence.lstrip(" \u3000\t"))
                se = pos.trim_before_contact(text, ss, se, keep=e - ss)
                out.append(self.make_finding(
                    doc, ss, se, score=0.7, pattern=pattern, context_word=m.group(0),
                    reason=f"正文涉及本机关{what}（“{m.group(0)}”），属内部事务信息，可以不予公开。"))
                taken = se
        return out
