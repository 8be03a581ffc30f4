"""Tables as the detectors see them: a header row and the cells under each column.

Two sources, one shape (:class:`Table`):

* DOCX tables — the parser gives every cell paragraph its own block with ``table``,
  ``row`` and ``col`` in its location; cells are rebuilt from those blocks.
* text tables — TXT, PDF and run-of-the-mill e-mail copies lay a table out as lines of
  cells separated by ``|``, tabs or spaces (PDF extraction collapses a wide gap to one
  space).  A *header line* is short, has no sentence punctuation and at least two cells;
  the rows under it are the following lines with the same number of cells.

Shared by the credential (账号 | 密码) and commercial (投标人 | 投标报价) table rules, so it sits
in the detectors' base, below both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_ROWS = 500
_PIPE = re.compile(r"[|｜\t]")
_SPACES = re.compile(r"[ \u3000]+")
_RULE_ROW = re.compile(r"[\s|｜:：\-—=+]+")  # markdown / ASCII-art separator rows
_SENTENCE = re.compile(r"[。；;！？!?]|，.*，")


@dataclass
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)
    source: str = "text"   # "docx" | "text"

    def column(self, i: int) -> list[Cell]:
        return [r[i] for r in self.rows if i < len(r) and r[i].text.strip()]


def docx_tables(doc) -> list[Table]:
    """Tables of a DOCX document, header = the first row (or the second when the first
    is a one-cell title row)."""
    cells: dict[tuple, dict[tuple[int, int], list[int]]] = {}
    for b in doc.blocks:
        if b.part != "table":
            continue
        loc = b.location
        if "row" not in loc or "col" not in loc:
            continue
        key = (loc.get("xml_part"), loc.get("table"))
        rc = (int(loc["row"]), int(loc["col"]))
        span = cells.setdefault(key, {}).setdefault(rc, [b.start, b.end])
        span[0], span[1] = min(span[0], b.start), max(span[1], b.end)
    out = []
    text = doc.text
    for grid in cells.values():
        rows: dict[int, list[Cell]] = {}
        for (r, c), (s, e) in sorted(grid.items()):
            rows.setdefault(r, []).append(Cell(s, e, text[s:e]))
        ordered = [rows[r] for r in sorted(rows)]
        if not ordered:
            continue
        if len(ordered) > 1 and len(ordered[0]) == 1 and len(ordered[1]) > 1:
            ordered = ordered[1:]  # a merged title row above the header
        out.append(Table(ordered[0], ordered[1:MAX_ROWS + 1], "docx"))
    return out


def split_cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of one text line: split on ``|``/tabs when the line has them, else on spaces."""
    line = text[start:end]
    sep = _PIPE if _PIPE.search(line) else _SPACES
    out, pos = [], 0
    for m in list(sep.finditer(line)) + [None]:
        cut = m.start() if m else len(line)
        raw = line[pos:cut]
        stripped = raw.strip(" \u3000\t")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \u3000\t"))
            s = start + pos + lead
            out.append(Cell(s, s + len(stripped), stripped))
        pos = m.end() if m else len(line)
    return out


def _lines(text: str, start: int):
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        if nl < 0:
            return
        pos = nl + 1


def text_tables(doc, header_word: re.Pattern, max_header: int = 80) -> list[Table]:
    """Text tables whose header line has a cell matching ``header_word`` (``fullmatch``).

    Only short lines are header candidates (one pass over the line starts; a long run-on
    paragraph costs one ``find``), so the cost does not depend on how often the header words
    occur in prose."""
    text = doc.text
    out: list[Table] = []
    lines = _lines(text, 0)
    for ls, le in lines:
        if le - ls > max_header or le == ls:
            continue
        if header_word.search(text, ls, le) is None or _SENTENCE.search(text, ls, le):
            continue
        header = split_cells(text, ls, le)
        if len(header) < 2 or not any(header_word.fullmatch(c.text) for c in header):
            continue
        if any(len(c.text) > 16 for c in header):
            continue
        table = Table(header, [], "text")
        for s, e in lines:  # the rows: the same generator, so they are not read again as headers
            if e == s or _RULE_ROW.fullmatch(text, s, e):
                if e == s and table.rows:
                    break
                continue
            row = split_cells(text, s, e)
            if len(row) != len(header) or len(table.rows) >= MAX_ROWS:
                break
            table.rows.append(row)
        if table.rows:
            out.append(table)
    return out
