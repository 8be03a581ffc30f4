"""Personal names after a personal label: 姓名：张三, 申请人张三, 联系人：李四，…

A surname list plus context rules (see _names.py): the candidate must start with a known
surname, must not be masked (张某, 张*, 张××) nor a title (王局长) nor a common word,
and must end where a name ends (punctuation, digits, or a word like 电话/性别/男/女).
Names of people acting for an organisation (联系人, 负责人, 法定代表人, 经办人) are
reported for ``review`` (条例 第二十条(二) makes official contact details lawful);
names of the persons a document is about (申请人, 当事人, 户主, 患者 …) for ``redact``.
Names in table columns, 公示 lists and next to identifiers are found by the document
detector ``personal.name_layout.v1``.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY
from reviewer.detectors.personal._names import COMPOUND_SURNAMES, SINGLE_SURNAMES, lexicon, looks_like_name

# Labels a name may follow directly (申请人张三); all others need a colon or a space.
TIGHT_LABELS = ("姓名", "当事人", "申请人", "被申请人", "户主", "举报人", "投诉人", "信访人", "被处罚人",
                "委托代理人", "被执行人", "申请执行人", "联系人", "法定代表人", "负责人", "经办人", "户主姓名",
                "当事人姓名", "被告人", "犯罪嫌疑人", "罪犯", "被害人", "其父", "其母", "其子", "其女", "其妻",
                "其夫", "妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "配偶", "之子", "之女")
SUBJECT_LABELS = ("姓名", "名字", "当事人", "申请人", "被申请人", "户主", "户名", "举报人", "投诉人", "信访人",
                  "被处罚人", "被处罚对象", "患者", "病人", "监护人", "被监护人", "委托人", "受托人", "委托代理人",
                  "代理人", "被执行人", "申请执行人", "原告", "被告", "第三人", "受害人", "证人", "驾驶人",
                  "车主", "业主", "持卡人", "开户名", "收款人", "家长", "学生", "救助对象", "困难群众",
                  "承包人", "承租人", "出租人", "被征收人", "权利人", "死者", "当事人姓名", "户主姓名",
                  "被告人", "犯罪嫌疑人", "罪犯", "被害人", "服刑人员", "其父", "其母", "其子", "其女", "其妻",
                  "其夫", "妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "配偶", "之子", "之女")
OFFICER_LABELS = ("联系人", "负责人", "法定代表人", "法人代表", "经办人", "审核人", "审批人", "签发人",
                  "起草人", "拟稿人", "核稿人", "承办人", "收件人", "填报人", "填表人", "主要负责人",
                  # leaders listed in a 机构职能 / 领导信息 page (followed by a colon or a space)
                  "局长", "副局长", "厅长", "副厅长", "主任", "副主任", "处长", "副处长", "科长", "书记",
                  "副书记", "党组书记", "镇长", "乡长", "县长", "副县长", "市长", "副市长", "区长", "主席",
                  "秘书长", "院长", "校长", "所长", "站长", "组长", "副组长")

_HAN = "\u4e00-\u9fa5"
# words for a private person written straight before the name, with no colon: 救助对象张建国
DESCRIPTORS = ("救助对象", "困难群众", "低保户", "低保对象", "特困人员", "特困供养人员", "五保户", "贫困户", "脱贫户",
               "监测户", "患者", "病人", "投诉人", "举报人", "信访人", "上访人", "当事人", "申请人", "户主", "村民",
               "居民", "市民", "群众", "学生", "幼儿", "儿童", "老人", "家属", "监护人", "被监护人", "被执行人",
               "被调查人", "被审查人", "被处罚人", "临时聘用人员", "临聘人员", "编外人员", "农民工", "退役军人",
               "残疾人", "受助人", "受害人", "死者", "伤者", "驾驶人", "嫌疑人", "服刑人员", "社区矫正对象", "租户",
               "业主", "承包户", "种植户", "养殖户", "经营户", "个体户", "老党员", "孤儿", "留守儿童")
# verbs and prepositions written straight before a name that a strong follower closes:
# 请与李秀英核实 / 给予王大力同志警告处分 / 经查，张建国同志…
NAME_VERBS = ("请与", "与", "由", "对", "给予", "经查", "据", "向", "将", "约谈", "表扬", "批评",
              "通报", "慰问", "走访", "帮扶", "联系", "告知", "通知")
CLOSERS = ("同志", "先生", "女士", "老人", "核实", "反映", "联系", "本人", "一家", "夫妇", "家中", "家庭")
# posts written right after a name: 张建国局长主持会议 (the role detector recognises these)
TITLES_AFTER = ("副局长", "局长", "副主任", "主任", "副处长", "处长", "副科长", "科长", "副书记", "书记", "副市长",
                "市长", "副县长", "县长", "副区长", "区长", "副镇长", "镇长", "副乡长", "乡长", "副厅长", "厅长",
                "副院长", "院长", "副校长", "校长", "所长", "站长", "副组长", "组长", "副部长", "部长", "副主席",
                "主席", "秘书长", "副省长", "省长", "庭长", "审判员", "检察官", "村支书", "村主任")
# a name starts with a surname: a pattern whose name group opens with this class tries far fewer
# positions than one that opens with any Chinese character
_SURNAME_START = "(?:" + "|".join(sorted(COMPOUND_SURNAMES, key=len, reverse=True)) + "|[" + "".join(
    sorted(SINGLE_SURNAMES)) + "])"
# consumed, not looked behind: a pattern that starts with a sparse character class is fast
_BOUNDARY_BEFORE = r"(?:^|[，,。；;\s：:（(、“”\"])"
# what may follow a name inside a sentence; the multi-character ones are strong enough
# to cut a name short (齐曦联系电话 -> 齐曦)
STRONG_FOLLOWERS = ("电话", "手机", "联系", "性别", "身份", "证件", "家住", "现住", "户籍", "年龄", "出生",
                    "民族", "汉族", "同志", "先生", "女士", "身份证", "邮箱", "住址", "患有", "现年", "年满",
                    "去世", "死亡", "涉嫌", "因病", "身患", "就读", "反映", "核实", "家中", "一家", "夫妇", "同学",
                    "老人", "本人", "家庭", "列席", "出席", "参加", "主持", "来信", "来访", "申请", "投诉", "举报",
                    "因患", "患", "确诊", "诊断")
WEAK_FOLLOWERS = ("男", "女", "住", "于", "因", "等", "系", "（", "(", "，", ",", "的", "在", "向", "已",
                  "未", "为", "称", "诉", "签", "同", "被", "患")


def _alts(words):
    return "|".join(sorted(words, key=len, reverse=True))


def _label_pattern(labels) -> str:
    tight = [w for w in labels if w in TIGHT_LABELS]
    loose = [w for w in labels if w not in TIGHT_LABELS]
    return (rf"(?:(?:{_alts(tight)})(?:\s*[:：]\s*|\s+|为|是)?"
            rf"|(?:{_alts(loose)})(?:\s*[:：]\s*|\s+))(?P<v>[{_HAN}]{{2,4}})") if tight else (
            rf"(?<![{_HAN}])(?:{_alts(loose)})(?:\s*[:：]\s*|\s+)(?P<v>[{_HAN}]{{2,4}})")


class PersonNameRecognizer(ReviewerRecognizer):
    ID = "personal.person_name.v1"
    TYPE = "person_name"
    HARM = False         # an organ's public details share this type (条例第二十条（二）)
    LABEL = "自然人姓名"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("subject_label", _label_pattern(SUBJECT_LABELS), 0.7),
        ("officer_label", _label_pattern(OFFICER_LABELS), 0.65),
        # a person in a misconduct or case sentence: 工作人员尹秋思涉嫌…, 村民王五因…
        ("person_in_case", rf"(?:工作人员|职工|干部|员工|村民|居民|群众|公民|男子|女子|司机|驾驶员|业主|租户)"
                           rf"(?P<v>[{_HAN}]{{2,4}}?)(?=涉嫌|因|被|违规|违纪|违法|擅自|私自|酒后|无证|拒不|多次|曾)", 0.7),
        # 陈春海的电子邮件… / 王五的身份证号码…: a name owning personal data
        ("owner_of_data", rf"(?<![{_HAN}])(?P<v>[{_HAN}]{{2,4}}?)的(?=手机|电话|联系电话|联系方式|电子邮件|邮箱|"
                          rf"身份证|公民身份号码|住址|家庭住址|银行卡|银行账户|账户|病历|病情|护照|车牌)", 0.7),
        # 公示 and decisions: 张三，男，1965年生 / 李四（女，汉族）
        ("gender_follows", rf"(?:^|(?<=[，,。；;\s：:（(、]))(?P<v>[{_HAN}]{{2,4}})\s*[，,（(]\s*[男女]\s*[，,）)、]", 0.75),
        # 救助对象张建国 / 患者刘淑芬因患… — a private-person word glued to the name
        ("descriptor_glued", rf"(?:{_alts(DESCRIPTORS)})(?P<v>{_SURNAME_START}[{_HAN}]{{1,3}})", 0.7),
        # 请与李秀英核实 / 给予王大力同志警告处分
        ("verb_closer", rf"(?:{_alts(NAME_VERBS)})[，,]?(?P<v>[{_HAN}]{{2,4}}?)(?={_alts(CLOSERS)})", 0.7),
        # 现将韦小宝、仝大勇… — the first element glued to the verb before the list
        ("list_head", rf"(?:{_alts(NAME_VERBS)}|现将|对|把)(?P<v>{_SURNAME_START}[{_HAN}]{{1,3}}?)(?=、)", 0.6),
        # 韦小宝、仝大勇、亓官明 — names in a bare 、-list (each element checked, the list needs two)
        ("bare_list", rf"、(?P<v>{_SURNAME_START}[{_HAN}]{{1,3}})(?=、|等|[一二三四五六七八九十两\d]+(?:名|位|人)|"
                      rf"同志|[，,。；;\s）)]|$)", 0.6),
        ("bare_list_head", rf"(?:^|[，,。；;\s：:（(])(?P<v>{_SURNAME_START}[{_HAN}]{{1,3}})、", 0.6),
    )
    PATTERN_ACTIONS = {"officer_label": "review", "closer_after": "review", "title_after": "review",
                       "bare_list": "review", "verb_closer": "review", "list_head": "review",
                       "bare_list_head": "review"}
    CONTEXT = ()
    NEGATIVE_CONTEXT = ()
    MIN_SCORE = 0.5
    PREFILTER = "|".join(sorted({w[:2] for w in SUBJECT_LABELS + OFFICER_LABELS + DESCRIPTORS + CLOSERS}
                                | {w for w in NAME_VERBS if len(w) > 1} | {"、", "局长", "主任", "书记"})) + "|[，,（(]\\s*[男女]|涉嫌|违规|违纪|违法|村民|居民|群众|公民|男子|女子|职工|干部|员工|司机|驾驶员|租户|的(?:手机|电话|联系|电子邮件|邮箱|身份证|公民身份|住址|家庭住址|银行|账户|病|护照|车牌)"
    PRIORITY = 2

    def load(self) -> None:
        """Read jieba's dictionary once, when the engine is built, not on the first document."""
        lexicon()

    def refine(self, text, start, end, match):
        """Trim the greedy 2–4 characters to a name that ends where a name can end."""
        name = self.pattern_name(match)
        if name in ("gender_follows", "owner_of_data"):  # the whole group is the name
            return (start, end) if looks_like_name(text[start:end]) else None
        if name in ("verb_closer", "closer_after", "title_after"):  # closed by the follower: whole group
            strong = text.startswith(("同志", "先生", "女士"), end) or name == "title_after"
            return (start, end) if looks_like_name(text[start:end], strict=not strong) else None
        if name in ("bare_list", "list_head", "bare_list_head"):
            return bare_list_name(text, start, end)
        if name == "descriptor_glued":
            got = name_span(text, start, end)
            if got is None or not looks_like_name(text[got[0]:got[1]], strict=True) \
                    or text[got[1]:got[1] + 1] in ("等", "级", "类", "型", "化", "性"):
                return None
            # 幼儿师范…, 学生资助…, 儿童医院…: the descriptor is the start of a longer word
            word = match.group(0)[:match.start("v") - match.start()] + text[got[0]:got[0] + 2]
            return None if word in lexicon() or word in _descriptor_words() else got
        if name == "person_in_case":  # glued to the word before it: checked strictly
            return (start, end) if looks_like_name(text[start:end], strict=True) else None
        return name_span(text, start, end)


_PLACE_END = tuple("洼庄营村镇乡区县市淀泊泽湖河山岭沟港湾桥路街道屯堡寨坊铺州城岛滩口坝园场站")
_LIST_TAIL = re.compile(r"等?(?:[一二三四五六七八九十两\d]+(?:名|位|人))|等?同志|等人|[，,（(]\s*[男女]")
_LIST_CUE_BEFORE = re.compile(r"(?:名单|人员|成员|对象|同志|学生|获奖者|获奖|表彰|推荐|拟录用|拟聘用|以下|困难群众|"
                              r"救助|家属|户主|村民|患者)[^，,。；;\n]{0,6}[：:]?\s*$")
_ELEMENT = rf"[{_HAN}]{{2,4}}"


_DESC_WORDS: frozenset[str] | None = None


def _descriptor_words() -> frozenset[str]:
    """Words of jieba's dictionary that begin with one of DESCRIPTORS and go on (幼儿师范, 学生会,
    儿童医院, 老人院), cut to the descriptor plus two characters: a descriptor glued to a
    surname-like character inside such a word is not a person followed by a name."""
    global _DESC_WORDS
    if _DESC_WORDS is None:
        import os

        out: set[str] = set()
        try:
            import jieba

            with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
                for line in fh:
                    w = line.split(" ", 1)[0]
                    for d in DESCRIPTORS:
                        if len(w) >= len(d) + 2 and w.startswith(d):
                            out.add(w[:len(d) + 2])
        except (ImportError, OSError):  # pragma: no cover - jieba is a dependency
            pass
        _DESC_WORDS = frozenset(out)
    return _DESC_WORDS


def _han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fa5"


def _best_name(element: str, at_end: bool) -> str | None:
    """The name inside one list element: the element itself, or (for the head, glued to a verb)
    its last 2–3 characters, or (for the tail, glued to 四名/等) its first 2–3."""
    if looks_like_name(element):
        return element
    for n in (3, 2):
        part = element[-n:] if at_end else element[:n]
        if len(element) > n and looks_like_name(part):
            return part
    return None


def bare_list_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """An element of a 、-separated list of names: at least two elements must look like names
    (and most of them), none may end like a place (…洼, …庄), and the list must be said to be
    of people — closed by 等/N名/同志/（男… or introduced by 名单/人员/对象…:
    现将韦小宝、仝大勇等四名同志…"""
    name = text[start:end]
    if not looks_like_name(name) or name.endswith(_PLACE_END):
        return None
    lo = start
    while lo >= 3 and text[lo - 1] == "、":
        j = lo - 2
        while j >= 0 and _han(text[j]) and lo - 1 - j < 4:
            j -= 1
        lo = j + 1
    hi = end
    while hi < len(text) and text[hi] == "、":
        j = hi + 1
        while j < len(text) and _han(text[j]) and j - (hi + 1) < 4:
            j += 1
        hi = j
    elements = text[lo:hi].split("、")
    names = [_best_name(e, i == 0) if i in (0, len(elements) - 1) else (e if looks_like_name(e) else None)
             for i, e in enumerate(elements)]
    names = [n for n in names if n and not n.endswith(_PLACE_END)]
    if len(names) < 2 or len(names) < 0.6 * len(elements):
        return None
    last = elements[-1]
    tail_name = _best_name(last, False) or last
    tail_at = hi - len(last) + (len(tail_name) if last.startswith(tail_name) else len(last))
    head = elements[0]
    head_at = lo + (len(head) - len(_best_name(head, True) or head))
    if _LIST_TAIL.match(text, tail_at) or _LIST_CUE_BEFORE.search(text[max(0, head_at - 24):head_at]):
        return start, end
    return None


def name_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name starting at ``start`` (at most ``end``): the shortest candidate followed by a
    strong follower (电话, 联系…), else the longest followed by a boundary.  A name glued to
    the word before it (申请人王五) is checked strictly."""
    strict = start > 0 and "\u4e00" <= text[start - 1] <= "\u9fa5"
    trusted = start > 0 and text[start - 1] in ":：\t \u3000"
    for n in (2, 3, 4):
        if start + n <= len(text) and looks_like_name(text[start:start + n], strict, trusted) \
                and text.startswith(STRONG_FOLLOWERS, start + n):
            return start, start + n
    for n in (4, 3, 2):
        if start + n > end:
            continue
        if looks_like_name(text[start:start + n], strict, trusted) and ends_name(text, start + n):
            return start, start + n
    return None


def ends_name(text: str, pos: int) -> bool:
    if pos >= len(text) or not ("\u4e00" <= text[pos] <= "\u9fa5"):
        return True
    return text.startswith(STRONG_FOLLOWERS, pos) or text.startswith(WEAK_FOLLOWERS, pos)
