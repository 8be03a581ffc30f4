"""Dates of a GB/T 9704 document: Arabic (2024年6月4日) or Chinese numerals (二〇二四年六月四日).

``to_iso_date`` turns either into ISO 8601; ``ANY_DATE`` and ``DATE_LINE_RE`` find them
(a date alone on a line, after an optional agency name, is a 成文日期 candidate).
"""

from __future__ import annotations

import re

from reviewer.gbt9704.base import CN

_CN_DIGIT = "〇○零ＯO０一二三四五六七八九"
DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CN_DATE_RE = re.compile(rf"([{_CN_DIGIT}]{{4}})\s*年\s*([十{_CN_DIGIT}]{{1,2}})\s*月\s*([十廿{_CN_DIGIT}]{{1,3}})\s*日")
ANY_DATE = rf"(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{_CN_DIGIT}]{{4}}年[十{_CN_DIGIT}]{{1,2}}月[十廿{_CN_DIGIT}]{{1,3}}日)"
DATE_LINE_RE = re.compile(rf"^(?:[{CN}（）()、\s]{{0,40}}?)\s*({ANY_DATE})$")


def _cn_int(s: str) -> int | None:
    """二〇二四 → 2024 (digit by digit); 十二 → 12; 二十一 → 21; 廿一 → 21."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"○": 0, "零": 0, "Ｏ": 0, "O": 0, "０": 0})
    s = s.replace("廿", "二十")
    if "十" not in s:
        if not s or any(c not in digits for c in s):
            return None
        return int("".join(str(digits[c]) for c in s))
    head, _, tail = s.partition("十")
    if any(c not in digits for c in head + tail) or len(head) > 1 or len(tail) > 1:
        return None
    return (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)


def to_iso_date(raw: str) -> str | None:
    """'2024年6月4日' or '二〇二四年六月四日' → '2024-06-04'; None for an impossible date."""
    import datetime as dt

    m = DATE_RE.search(raw)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = CN_DATE_RE.search(raw)
        if not m:
            return None
        y, mo, d = _cn_int(m.group(1)), _cn_int(m.group(2)), _cn_int(m.group(3))
        if y is None or mo is None or d is None:
            return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None
