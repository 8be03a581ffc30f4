"""The laws reviewer cites, named exactly as in their texts (../shared/data/laws/).

Every legal basis a finding, a suggestion, a redaction log or a review record carries
is built with :func:`cite`, so titles are spelled one way everywhere and an article
that does not exist cannot be cited (``ARTICLE_COUNT`` holds the number of articles of
each text; a test checks it, and every citation, against the texts when present).
"""

from __future__ import annotations

import re

# key -> the title as it stands at the head of the law's text
TITLES = {
    "ogi": "中华人民共和国政府信息公开条例",              # 2019-04-03
    "secrets": "中华人民共和国保守国家秘密法",            # 2024-02-27
    "secrets_impl": "中华人民共和国保守国家秘密法实施条例",  # 2024-07-10
    "pipl": "中华人民共和国个人信息保护法",              # 2021-08-20
    "aucl": "中华人民共和国反不正当竞争法",              # 2019-04-23
    "samr_penalty": "市场监督管理行政处罚信息公示规定",    # 2021-07-30
}

# file name in ../shared/data/laws/ for each key
FILES = {
    "ogi": "政府信息公开条例(2019-04-03).md",
    "secrets": "保守国家秘密法(2024-02-27).md",
    "secrets_impl": "保守国家秘密法实施条例(2024-07-10).md",
    "pipl": "个人信息保护法(2021-08-20).md",
    "aucl": "反不正当竞争法(2019-04-23).md",
    "samr_penalty": "市场监督管理行政处罚信息公示规定(2021-07-30).md",
}

ARTICLE_COUNT = {
    "ogi": 56,
    "secrets": 65,
    "secrets_impl": 74,
    "pipl": 74,
    "aucl": 33,
    "samr_penalty": 19,
}

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 37 → 三十七, 100 → 一百 (articles stay below 1000)."""
    if not 0 < n < 1000:
        raise ValueError(f"article number out of range: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def cite(law: str, article: int, *, paragraph: int | None = None, item: int | None = None) -> str:
    """``cite("ogi", 15)`` → 《中华人民共和国政府信息公开条例》第十五条.

    ``paragraph`` adds 第N款, ``item`` adds （N） for an enumerated item such as 第二十条（十一）.
    """
    if law not in TITLES:
        raise KeyError(f"unknown law {law!r}")
    if not 1 <= article <= ARTICLE_COUNT[law]:
        raise ValueError(f"{TITLES[law]} has no article {article}")
    out = f"《{TITLES[law]}》第{chinese_number(article)}条"
    if paragraph:
        out += f"第{chinese_number(paragraph)}款"
    if item:
        out += f"（{chinese_number(item)}）"
    return out


# Ready-made citations used across the code base.
OGI = f"《{TITLES['ogi']}》"
SECRETS_LAW = f"《{TITLES['secrets']}》"
PIPL = f"《{TITLES['pipl']}》"
AUCL = f"《{TITLES['aucl']}》"

CITATION_RE = re.compile(r"《([^》]+)》第([零一二三四五六七八九十百]+)条")


def parse_chinese_number(s: str) -> int:
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch in _DIGITS:
            cur = _DIGITS.index(ch)
    return total + cur


def citations(text: str) -> list[tuple[str, int]]:
    """Every 《title》第N条 in ``text`` as (title, N)."""
    return [(m.group(1), parse_chinese_number(m.group(2))) for m in CITATION_RE.finditer(text)]


def check_citations(text: str) -> list[str]:
    """Problems with the citations in ``text``: unknown titles, articles that do not exist."""
    by_title = {t: k for k, t in TITLES.items()}
    problems = []
    for title, art in citations(text):
        key = by_title.get(title)
        if key is None:
            problems.append(f"《{title}》 is not one of the laws reviewer cites (spell it as in its text)")
        elif not 1 <= art <= ARTICLE_COUNT[key]:
            problems.append(f"《{title}》 has no article {art}")
    return problems
