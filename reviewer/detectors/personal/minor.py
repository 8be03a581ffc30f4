"""Personal data of minors (未成年人; 不满十四周岁 is sensitive — 个人信息保护法 第二十八条).

Reported: a birth date that makes the person under 18 (after 出生日期：, or written as
2015年6月出生); an age under 18 next to a personal context word (学生, 之子, 患儿…);
"不满十四周岁" next to such a word; a name right after 未成年人/学生/幼儿/患儿; a school
grade and class (小学二年级, 初二（5）班, 五年级（3）班, 幼儿园大班) and 就读于…小学.
Grades and schools are everywhere in education policy ("一至六年级", "小学一年级新生"),
so ranges and group words are dropped and ``personal.person_anchor.v1`` withdraws
what has no person near it (a name, 其子, 之女…).  Law text about minors in general ("不满十四周岁
未成年人的个人信息") has no personal context and is not reported.  Action ``review``.
"""

from __future__ import annotations

import datetime as _dt
import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_SENSITIVE
from reviewer.detectors.personal.person_name import STRONG_FOLLOWERS, name_span

_CN_AGE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16, "十七": 17}
_BIRTH = re.compile(r"((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})(?:\s*[月.\-/]\s*(\d{1,2}))?")


def _age(text: str, today: _dt.date | None = None) -> float | None:
    m = _BIRTH.search(text)
    if not m:
        return None
    today = today or _dt.date.today()
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    try:
        born = _dt.date(y, mo, d)
    except ValueError:
        return None
    if born > today:
        return None
    return (today - born).days / 365.25


# a grade as a stage of schooling, not a pupil's class: 一至六年级, 小学一年级新生, 三年级起
_GRADE_GROUP_AFTER = re.compile(r"\s*(?:年级)?(?:新生|起|以上|以下|至|到|[、\-—～~]|以后|以前|阶段|教材|课程|学段|各班|全体|的学生|段|共|"
                                r"开设|开始|国家|学科|教学|考试|毕业生|学年|学期|"
                                r"学生(?=[\u4e00-\u9fa5])(?![\u4e00-\u9fa5]{2,3}[，,（(。；]))")
_AGE_NOT_BEFORE = frozenset("0123456789０１２３４５６７８９一二两三四五六七八九十百至到-—～~、.")
_GRADE_GROUP_BEFORE = re.compile(r"(?:各|全|每个|每|所有|全体|全市|全县|全区|和)\s*$")
_GROUP_AFTER_BIRTH = re.compile(r"(?:的|以后|以前|以来|之后|之前|后|前)(?:儿童|学生|孩子|新生|适龄|人员|婴儿|幼儿|少年|的|出生)|"
                                r"(?:以后|以前|以来|之后|之前|及以后|后|前)")


class MinorRecognizer(ReviewerRecognizer):
    ID = "personal.minor.v2"
    TYPE = "minor"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "未成年人个人信息"
    ACTION = "review"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("birth_date_minor", r"(?:出生日期|出生年月|出生时间|生日|出生于)\s*[:：]?\s*"
                             r"(?P<v>(?:19|20)\d{2}\s*[年.\-/]\s*\d{1,2}(?:\s*[月.\-/]\s*\d{1,2}\s*日?|\s*月)?)", 0.75),
        ("age_minor", r"(?P<v>[1-9一二两三四五六七八九十](?:(?<=1)[0-7]|(?<=十)[一二三四五六七])?周?岁)"
                      r"(?!以上|以下|至|到|[-—～~]|半以上|的|及以上|以内)", 0.3),
        ("under_age", r"(?:不满|未满|未达)(?:十四|14|十六|16|十八|18)周岁", 0.3),
        ("birth_year_minor", r"(?P<v>(?:19|20)(?<![0-9]..)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)\s*"
                             r"(?:出生(?!率|人口|数|缺陷|登记|医学)|生(?=[，,。；;）)\s]|$))", 0.6),
        ("school_grade", r"[小初高一二三四五六七八九幼](?:(?<=小)学[一二三四五六七八九]年级|(?<=[初高])中[一二三四五六七八九]年级|"
                         r"(?<=[一二三四五六七八九])年级|(?<=[初高])[一二三](?:年级)?(?=\s*[（(]\s*\d|\s*\d{1,2}\s*班|"
                         r"[一二三四五六七八九十]{1,2}班|年级|学生|在读)|(?<=幼)儿园[大中小]班)"
                         r"(?:\s*[（(]\s*\d{1,2}\s*[)）]\s*班|\s*\d{1,2}\s*班|[一二三四五六七八九十]{1,2}班)?", 0.6),
        ("school", r"(?:就读于?|在读于?|就学于?|上学于?)[\u4e00-\u9fa5A-Za-z0-9××]{2,20}?(?:小学|中学|初中|高中|幼儿园|学校|完小)", 0.6),
        ("minor_name", r"(?:未成年人|未成年|学生|幼儿|患儿|儿童|女童|男童|少年)(?P<sep>\s*[:：]\s*|\s+)?(?P<v>[\u4e00-\u9fa5]{2,3})", 0.6),
    )
    CONTEXT = ("学生", "该生", "之子", "之女", "其子", "其女", "儿子", "女儿", "孙子", "孙女", "患儿", "幼儿",
               "男孩", "女孩", "男童", "女童", "小学", "初中", "高中", "幼儿园", "在读", "就读", "年级",
               "监护人", "（男", "（女", "男，", "女，", "姓名", "儿童", "留守", "孩子", "小孩", "孤儿", "抚养")
    CONTEXT_BEFORE = 24
    CONTEXT_AFTER = 16
    MIN_SCORE = 0.6
    PREFILTER = r"岁|出生|生日|未成年|学生|幼儿|患儿|儿童|女童|男童|少年|年级|班|就读|在读|就学|上学|\d年\s*(?:\d|生)"
    PRIORITY = 1
    PATTERN_NEEDS = {
        "birth_date_minor": ("出生", "生日"), "age_minor": ("岁",), "under_age": ("不满", "未满", "未达"),
        "birth_year_minor": ("生",), "school_grade": ("年级", "班", "初一", "初二", "初三", "高一", "高二", "高三"), "school": ("就读", "在读", "就学", "上学"),
        "minor_name": ("未成年", "学生", "幼儿", "患儿", "儿童", "女童", "男童", "少年"),
    }

    def refine(self, text, start, end, match):
        if self.pattern_name(match) == "minor_name":  # trim to the name
            span = name_span(text, start, end)
            if span is None or match.group("sep"):
                return span
            # written straight after the word (学生李雷): the name must end at punctuation
            after = text[span[1]:span[1] + 1]
            if after and after not in "，,（(。；; \t\n" and not text.startswith(STRONG_FOLLOWERS, span[1]):
                return None
            return span
        return start, end

    def accept(self, text, start, end, match) -> bool:
        name = self.pattern_name(match)
        prev = text[start - 1:start]
        if name == "age_minor" and (prev and prev in _AGE_NOT_BEFORE or text[max(0, start - 2):start].endswith(("满", "超过"))):
            return False  # 115岁, 二十岁, 6至12岁, 年满六周岁
        if name == "school_grade":
            if prev and prev in "至到、-—～~":
                return False
            return _GRADE_GROUP_AFTER.match(text, match.end()) is None and \
                _GRADE_GROUP_BEFORE.search(text, max(0, start - 4), start) is None
        if name == "birth_year_minor":
            return _GROUP_AFTER_BIRTH.match(text, match.end()) is None
        return True

    def invalidate_result(self, pattern_text: str) -> bool:
        year_only = re.fullmatch(r"((?:19|20)\d{2})\s*年", pattern_text)
        if year_only:  # 2016年生: under 18 whatever the day
            age = _dt.date.today().year - int(year_only.group(1))
            return not 0 <= age < 18
        if _BIRTH.match(pattern_text):
            age = _age(pattern_text)
            return age is None or age >= 18
        return False
