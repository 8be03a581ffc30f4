"""Personal data of minors (未成年人; 不满十四周岁 is sensitive — 个人信息保护法 第二十八条).

Reported: a birth date that makes the person under 18; an age under 18 next to a
personal context word (学生, 之子, 患儿…); "不满十四周岁" next to such a word; a name
right after 未成年人/学生/幼儿/患儿.  Law text about minors in general ("不满十四周岁
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


class MinorRecognizer(ReviewerRecognizer):
    ID = "personal.minor.v1"
    TYPE = "minor"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "未成年人个人信息"
    ACTION = "review"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("birth_date_minor", r"(?:出生日期|出生年月|出生时间|生日|出生于)\s*[:：]?\s*"
                             r"(?P<v>(?:19|20)\d{2}\s*[年.\-/]\s*\d{1,2}(?:\s*[月.\-/]\s*\d{1,2}\s*日?|\s*月)?)", 0.75),
        ("age_minor", r"(?<![0-9０-９至到\-—～~、])(?P<v>(?:1[0-7]|[1-9]|十[一二三四五六七]|[一二两三四五六七八九十])周?岁)"
                      r"(?!以上|以下|至|到|[-—～~]|半以上)", 0.3),
        ("under_age", r"(?:不满|未满|未达)(?:十四|14|十六|16|十八|18)周岁", 0.3),
        ("minor_name", r"(?:未成年人|未成年|学生|幼儿|患儿|儿童|女童|男童|少年)(?P<sep>\s*[:：]\s*|\s+)?(?P<v>[\u4e00-\u9fa5]{2,3})", 0.6),
    )
    CONTEXT = ("学生", "该生", "之子", "之女", "其子", "其女", "儿子", "女儿", "孙子", "孙女", "患儿", "幼儿",
               "男孩", "女孩", "男童", "女童", "小学", "初中", "高中", "幼儿园", "在读", "就读", "年级",
               "监护人", "（男", "（女", "男，", "女，", "姓名")
    CONTEXT_BEFORE = 24
    CONTEXT_AFTER = 16
    MIN_SCORE = 0.6
    PREFILTER = r"岁|出生|生日|未成年|学生|幼儿|患儿|儿童|女童|男童|少年"
    PRIORITY = 1

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

    def invalidate_result(self, pattern_text: str) -> bool:
        if _BIRTH.match(pattern_text):
            age = _age(pattern_text)
            return age is None or age >= 18
        return False
