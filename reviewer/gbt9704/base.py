"""What every zone of a GB/T 9704 document shares.

The 文种 list, the endings of an agency name, the split of a text into non-empty lines
with absolute offsets, and ``Builder``, which fills a :class:`Structure` once per element
(the first value set wins) and records each value's ``[start, end)``.
"""

from __future__ import annotations

import re

from reviewer.document import Structure

CN = "\u4e00-\u9fa5"
DOC_KINDS = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报",
             "报告", "请示", "批复", "议案", "纪要", "函", "令")
KINDS_ALT = "|".join(DOC_KINDS)
ORG_END = "政府|办公厅|办公室|委员会|委|厅|局|部|院|署|会|处|办|中心|小组|组|社|团|联|行|所|站"
ORG_LINE_RE = re.compile(rf"^[{CN}（）()、]{{2,40}}(?:{ORG_END})$")


def split_lines(text: str, base: int) -> list[tuple[int, int, str]]:
    """Non-empty lines of ``text`` as (start, end, stripped line) with absolute offsets."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        s = raw.strip(" \t\r\u3000\ufeff")
        if s:
            lead = len(raw) - len(raw.lstrip(" \t\r\u3000\ufeff"))
            out.append((base + pos + lead, base + pos + lead + len(s), s))
        pos += len(raw) + 1
    return out


def compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def doc_kind_of(title: str | None) -> str | None:
    """The 文种 from the end of a title: …的通知 → 通知, 国务院令 → 令."""
    if not title:
        return None
    t = re.sub(r"[（(][^（）()]{1,10}[）)]$", "", title.rstrip("。 \u3000"))
    for kind in DOC_KINDS:
        if t.endswith(kind):
            return kind
    return None


class Builder:
    def __init__(self) -> None:
        self.s = Structure()

    def unset(self, *names: str) -> None:
        for name in names:
            setattr(self.s, name, None)
            self.s.spans.pop(name, None)

    def set(self, name: str, value, start: int | None = None, end: int | None = None) -> None:
        if value is None or getattr(self.s, name) is not None:
            return
        setattr(self.s, name, value)
        if start is not None and end is not None:
            self.s.spans[name] = [start, end]
