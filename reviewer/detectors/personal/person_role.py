"""Whose name is it: an official acting officially, a name published by rule, or a private person.

A document detector that runs after every detector that reports names (ORDER 70) and
decides the role of each ``person_name`` item from the words around it and the document:

* an official acting officially — the name follows a post or a role in the organ's work
  (签发人, 局长, 主任, 负责人, 审核人 …; 出席/列席/主持 lists; the 签发人 of the header) —
  is *recognised* (rule ``official_acting``), with the reason in the explanation
  (出现在“局长”之后，按公务身份处理);
* the 联系人 of an organ next to a recognised official contact — ``official_contact``;
* a name in a list that a rule requires to be published (拟录用/拟聘用公示, 表彰, 失信被执行人,
  行政处罚公示) — ``published_by_rule``; the identifiers next to it stay findings;
* anything that puts a private person in the clause (申请人, 户主, 患者, 身份证, 家住 …)
  keeps the name a finding, whatever title stands near it.

Undecided names stay findings with their action.  Nothing is dropped here.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_OFFICIAL
from reviewer.detectors.personal.official_contact import PRIVATE_MARKERS, clause_around

# posts and roles that mean "acting for the organ" when written right before a name
ACTING_LABELS = ("总理", "副总理", "国务院总理", "委员长", "副委员长", "主任委员", "科员", "一级科员", "二级科员",
                 "主任科员", "副主任科员", "股长", "副股长", "办事员", "干事", "签发人", "负责人", "主要负责人", "审核人", "审批人", "起草人", "拟稿人", "核稿人", "承办人",
                 "局长", "副局长", "厅长", "副厅长", "主任", "副主任", "处长", "副处长", "科长", "副科长",
                 "书记", "副书记", "党组书记", "镇长", "副镇长", "乡长", "副乡长", "县长", "副县长", "市长",
                 "副市长", "区长", "副区长", "省长", "副省长", "主席", "副主席", "秘书长", "副秘书长", "院长",
                 "副院长", "校长", "所长", "站长", "组长", "副组长", "庭长", "审判长", "审判员", "执法人员",
                 "承办法官", "检察官", "调查人员", "部长", "副部长", "司长", "副司长", "巡视员", "调研员", "总经济师",
                 "总工程师", "总会计师", "党组成员")
# list headings whose names act for the organ (meeting minutes, approval lines)
ACTING_LISTS = ("出席", "列席", "缺席", "请假", "主持", "主持人", "记录", "记录人", "参加人员", "参会人员",
                "与会人员", "出席人员", "列席人员", "审核", "审定", "校对", "拟稿", "组长", "副组长", "成员")
_LABEL_BEFORE = re.compile("(?:" + "|".join(sorted(ACTING_LABELS, key=len, reverse=True)) +
                           r")\s*[:：]?\s*$")
_SEPARATORS = "，,；;、（()）"
_BYLINE_BEFORE = re.compile(r"(?:记者|通讯员|摄影|摄|撰稿|特约评论员|编辑)\s*[:：]?\s*$")
# 李耀明同志不再担任… / 任命王红为… / 免去张三同志…职务 — the object of an appointment decision
_APPOINT_AFTER = re.compile(r"(?:同志)?(?:不再担任|担任|兼任|试用期满|任期|为[^，,。；;\n]{1,20}?(?:局长|主任|处长|科长|"
                            r"书记|委员|院长|校长|所长|站长|部长|主席|调研员|干部))")
_APPOINT_BEFORE = re.compile(r"(?:任命|免去|聘任|提名|拟任|拟提拔|选举|当选)$")
_TITLE_AFTER = re.compile("|".join(sorted((t for t in ACTING_LABELS if t not in (
    "签发人", "负责人", "主要负责人", "审核人", "审批人", "起草人", "拟稿人", "核稿人", "承办人", "执法人员",
    "调查人员")), key=len, reverse=True)))
_POST_IN_BRACKETS = re.compile(r"\s*[（(]([^（()）\n]{0,24}?(?:" + _TITLE_AFTER.pattern + r"|委员|成员|巡视员|调研员))[）)]")
_TITLE_THEN_NAME = re.compile("(" + _TITLE_AFTER.pattern + r")\s*[:：]?\s*[\u4e00-\u9fa5]{2,3}$")
_LIST_TITLE_AFTER = re.compile(r"(?:等)?(?:[一二三四五六七八九十两\d]+(?:位|名))?(?:同志)?(" + _TITLE_AFTER.pattern + ")")


def _list_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """The ``[lo, hi)`` of the 、-separated run of short elements around ``[start, end)``."""
    lo = start
    while lo >= 3 and text[lo - 1] == "、":
        j = lo - 2
        while j >= 0 and "\u4e00" <= text[j] <= "\u9fa5" and lo - 1 - j < 4:
            j -= 1
        lo = j + 1
    hi = end
    while hi < len(text) and text[hi] == "、":
        j = hi + 1
        while j < len(text) and "\u4e00" <= text[j] <= "\u9fa5" and j - (hi + 1) < 4:
            j += 1
        hi = j
    return lo, hi


# titles of lists a rule requires to be published
# (the list: 拟录用/拟聘用公示, 表彰, 失信被执行人, 行政处罚 公示 — not every 公示: names in a
# 低保/救助 公示 stay findings for review, the officer decides what the website may carry)
PUBLISHED_TITLE = re.compile(r"拟录用|拟聘用|拟任|录用人员|聘用人员|公开招聘|表彰|嘉奖|记功|获奖|先进|优秀|劳动模范|"
                             r"失信被执行人|失信联合惩戒|(?:行政处罚|处罚决定)[^\n]{0,12}公示|公示[^\n]{0,12}(?:行政处罚|处罚决定)")


class PersonRoleDetector(DocumentDetector):
    ID = "personal.person_role.v1"
    TYPES = ("person_name",)
    TYPE = "person_name"
    LABEL = "人员身份判断"
    ACTION = "review"
    BASIS = BASIS_OFFICIAL
    ORDER = 70

    def detect(self, doc, text_results):
        text = doc.text
        head = (getattr(doc.structure, "title", None) or "") + text[:300]
        published_doc = bool(PUBLISHED_TITLE.search(head))
        signer = getattr(doc.structure, "signer", None)
        contacts = sorted((f for f in text_results if f.recognised == "official_contact"),
                          key=lambda f: f.start)
        for f in text_results:
            if f.type != "person_name" or f.recognised or f.category != "personal":
                continue
            reason = self.role_of(text, f, signer, published_doc, contacts)
            if reason:
                rule, why = reason
                f.recognise(rule, why)
                f.explanation["text"] = f"自然人姓名，{why}"
        return []

    @staticmethod
    def role_of(text: str, f, signer, published_doc: bool, contacts) -> tuple[str, str] | None:
        # the words that belong to this person: from the last separator before the name to the
        # next one after it (申请人李小明 is private even beside 张建国局长 in the same sentence)
        i, j = clause_around(text, f.start, f.end, before=40, after=20)
        seg_i = max(text.rfind(c, i, f.start) for c in _SEPARATORS) + 1
        seg_j = min([k for k in (text.find(c, f.end, j) for c in _SEPARATORS) if k >= 0] or [j])
        if PRIVATE_MARKERS.search(text[max(i, seg_i):f.start]) or PRIVATE_MARKERS.search(text[f.end:seg_j][:12]):
            return None
        ex = f.explanation or {}
        pattern = ex.get("pattern")
        if signer and f.text == signer:
            return "official_acting", "为发文的签发人，按公务身份处理"
        if re.search(r"联系人\s*[:：]?\s*$", text[max(0, f.start - 8):f.start]):
            return "official_contact", "机关联系人（条例第二十条（二）），其手机号码另作审查"
        m = _LABEL_BEFORE.search(text[max(0, f.start - 12):f.start])
        if m and not m.group(0).startswith(("联系人", "法定代表人", "经办人")):
            label = re.sub(r"[\s:：]", "", m.group(0))
            return "official_acting", f"出现在“{label}”之后，按公务身份处理"
        m = _POST_IN_BRACKETS.match(text, f.end)
        if m:
            return "official_acting", f"其后括注职务“{m.group(1)}”，按公务身份处理"
        if _BYLINE_BEFORE.search(text[max(0, f.start - 6):f.start]):
            return "official_acting", "新闻稿件署名的记者、通讯员，随稿件公开"
        if _APPOINT_AFTER.match(text, f.end) or _APPOINT_BEFORE.search(text[max(0, f.start - 8):f.start]):
            return "official_acting", "为职务任免的对象，按公务身份处理"
        m = _TITLE_AFTER.match(text, f.end)
        if m:
            return "official_acting", f"其后为职务“{m.group(0)}”，按公务身份处理"
        if pattern in ("bare_list", "bare_list_head", "list_head"):
            lo, hi = _list_extent(text, f.start, f.end)
            head_end = text.find("、", lo, hi)
            window = text[max(0, lo - 8):head_end if head_end > 0 else hi]
            before = _TITLE_THEN_NAME.search(window)
            after = _LIST_TITLE_AFTER.match(text, hi)
            if after or before:
                word = after.group(1) if after else before.group(1)
                return "official_acting", f"列于职务“{word}”的人员名单中，按公务身份处理"
        if pattern == "labelled_list":
            word = (ex.get("context_word") or "").strip()
            if word.startswith(ACTING_LISTS):
                return "official_acting", f"列于“{word}”名单中，按公务身份处理"
        for c in contacts:  # 联系人：李四，电话：0311-… — the name of the organ's contact
            if 0 <= c.start - f.end <= 16 or 0 <= f.start - c.end <= 6:
                gap = text[min(f.end, c.end):max(f.start, c.start)]
                if "\n" not in gap and "。" not in gap:
                    return "official_contact", "机关联系人，与机关联系方式同列（条例第二十条（二））"
        if published_doc and pattern in ("publicity_list", "next_to_identifier", "segment_before_personal",
                                         "table_column", "text_table", "gender_follows", "subject_label"):
            if f.action == "review":  # name_layout set review for a 公示 list
                return "published_by_rule", "依规定应予公示的名单中的姓名（其身份证号等个人信息仍须删除）"
        return None
