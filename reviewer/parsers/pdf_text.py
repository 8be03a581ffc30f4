"""Characters of one PDF page → lines → paragraphs, with a box per character.

pdfium gives the page's characters in content-stream order, with a loose box each
(the glyph's advance width x the font's ascent-descent), in PDF user space.  This
module turns them into reading-order lines and decides, for each line, whether it
is a soft wrap (the paragraph goes on in the next line) or a hard break.

* pdfium's *generated* characters (the ``\\r\\n`` it puts between lines, the spaces
  it guesses between words) are dropped; real space characters are kept with their
  boxes (except at either end of a line).  Where two neighbouring characters stand
  far apart (table cells, tab stops) a space is inserted; it has no box.  "Far" is
  compared with the line's usual gap of the same kind — between two Latin letters or
  digits, or next to a CJK character — because justification stretches only the
  latter: more than the median plus 0.2 (Latin) or 0.3 (CJK) of the line height.
* A glyph whose font has no Unicode mapping comes out as a control code; it is kept
  as U+FFFD (so the map stays exact), and a page where such characters (or
  private-use ones) are a fifth or more of the text is flagged ``garbled``.
* A character pdfium reports as an end-of-line hyphen (``\\x02``) is kept as
  ``-``: in Chinese documents a hyphen at the end of a line is part of a phone
  number or a code far more often than a hyphenated word.
* Lines: consecutive characters whose boxes overlap vertically by at least half a
  character height and that do not jump back to the left form a run; runs that
  share a band are one line (ordered left to right); lines are ordered top-down.
* Soft wrap: the line reaches the right edge of the page's text column (the gap is
  at most the width of the next line's first character, or of its leading number or
  Latin word, which word processors move to the next line whole: it would not have
  fitted), the next line starts at the column's left edge (not indented), has the
  same font size, follows at a normal line distance and does not open with a list
  or heading marker (``2.``, ``（三）``, ``四、``, ``第五条``).  A title larger than
  the body text that wraps into a centred second line is a soft wrap too.  A soft
  wrap joins the two lines with nothing in between (Chinese has no spaces; a number
  wrapped across lines stays whole) — except between two Latin letters of a line of
  Latin prose (mostly Latin letters, words separated by spaces), which get a space.
  Any other line end is a paragraph break.  The column is the span of the page's
  lines; a page whose lines all stay within the left half of the page has no soft
  wraps.  The same rule joins a page's last line to the next page's first.
* Text turned by a quarter turn (a page stored sideways, a landscape table on a
  portrait page) is laid out in its own reading frame: the boxes are turned before
  the lines are found and turned back (into user space) on output.
* Page numbers (``— 3 —``, ``第3页``, ``3/10``) on the last lines of a page are set
  apart (``PageLines.footer``) so that the parser can put them before the page's
  body when a paragraph runs on to the next page.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

_HYPHEN_MARKS = {"\x02", "\ufffe", "\xad"}
_GENERATED = {"\r", "\n", " "}
_SPECIAL = frozenset({chr(c) for c in range(32)} | {" ", "\x7f"} | set(_HYPHEN_MARKS))
_UNMAPPED_RE = re.compile("[\ufffd\ue000-\uf8ff]")
_MARKER_RE = re.compile(
    r"(?:\d{1,3}[.．、](?!\d)|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十百零〇\d]{1,5}[条章节款])")
_PAGE_NUMBER_RE = re.compile(
    r"[—–\-－ \u3000]*\d{1,4}[—–\-－ \u3000]*|第\s*\d{1,4}\s*页(?:\s*[/，,、]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}")


@dataclass
class Line:
    chars: list[str]
    boxes: list[tuple[float, float, float, float] | None]
    x0: float
    y0: float
    x1: float
    y1: float
    height: float
    size: float = 0.0              # font size (pt), the median of its characters
    number: int = 0                # 1-based, top-down on its page
    soft_wrap: bool = False        # joined to the next line without a separator
    joiner: str = ""               # what is inserted before the next line on a soft wrap

    @property
    def text(self) -> str:
        return "".join(self.chars)


def page_chars(textpage) -> tuple[list[str], list[tuple[float, float, float, float]], list[int]]:
    """The real characters of a pdfium text page, their loose boxes (x0, y0, x1, y1)
    and their pdfium character indices (for :func:`font_sizer`)."""
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        return [], [], []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters outside the BMP: fall back to one call per character
        text = "".join(_safe_chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(n))
    rect = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    is_generated = pdfium_c.FPDFText_IsGenerated
    chars: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _SPECIAL:
            if ch in _GENERATED and is_generated(textpage, i) == 1:
                continue
            if ch in _HYPHEN_MARKS:
                ch = "-"
            elif ch != " ":
                ch = "\ufffd"   # a glyph without a Unicode mapping: keep its place, not a control code
        if not get_box(textpage, i, rect):
            continue
        chars.append(ch)
        boxes.append((rect.left, rect.bottom, rect.right, rect.top))
        index.append(i)
    return chars, boxes, index


def text_rotation(textpage, index: list[int], samples: int = 32) -> int:
    """Quarter turns (0-3, counter-clockwise) by which most of the page's text is
    rotated in user space: 1 = it runs bottom-to-top (a page stored sideways)."""
    if not index:
        return 0
    step = max(len(index) // samples, 1)
    votes = [0, 0, 0, 0]
    for k in index[::step]:
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, k)   # pdfium: radians, clockwise
        if angle >= 0:
            votes[round((2 * math.pi - angle) / (math.pi / 2)) % 4] += 1
    best = max(range(4), key=votes.__getitem__)
    return best if votes[best] >= 0.6 * sum(votes) else 0


def turn(box, q: int):
    """A user-space box in the reading frame of text turned ``q`` quarter turns."""
    x0, y0, x1, y1 = box
    if q == 1:
        return (y0, -x1, y1, -x0)
    if q == 2:
        return (-x1, -y1, -x0, -y0)
    if q == 3:
        return (-y1, x0, -y0, x1)
    return box


def turn_back(box, q: int):
    """The inverse of :func:`turn` (``None`` stays ``None``)."""
    if box is None or q == 0:
        return box
    u0, v0, u1, v1 = box
    if q == 1:
        return (-v1, u0, -v0, u1)
    if q == 2:
        return (-u1, -v1, -u0, -v0)
    return (v0, -u1, v1, -u0)


def font_sizer(textpage, index: list[int]):
    """``size_of(k)``: the font size of kept character ``k`` (asked for a few per line)."""
    get_size = pdfium_c.FPDFText_GetFontSize
    return lambda k: get_size(textpage, index[k])


def _safe_chr(code: int) -> str:
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)
    return "\ufffd"


def build_lines(chars: list[str], boxes: list[tuple[float, float, float, float]],
                size_of=None) -> list[Line]:
    """Group characters into reading-order lines (top-down, left to right).

    ``size_of(k)`` gives character ``k``'s font size; without it the box height is used."""
    if size_of is None:
        def size_of(k: int) -> float:
            return boxes[k][3] - boxes[k][1]
    # Runs: consecutive characters on one baseline, left to right.  info holds
    # (-centre, x0, y0, y1, indices) per run.
    info = []
    cur: list[int] = []
    px0 = py0 = py1 = sy0 = sy1 = 0.0
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        if cur:
            ha, hb = py1 - py0, y1 - y0
            h = ha if ha < hb else hb
            if h <= 0:
                h = 1.0
            overlap = (py1 if py1 < y1 else y1) - (py0 if py0 > y0 else y0)
            if overlap < 0.5 * h or x0 < px0 - 0.25 * h:
                info.append((-(sy0 + sy1) / 2, boxes[cur[0]][0], sy0, sy1, cur))
                cur = []
        if cur:
            if y0 < sy0:
                sy0 = y0
            if y1 > sy1:
                sy1 = y1
        else:
            sy0, sy1 = y0, y1
        cur.append(i)
        px0, py0, py1 = x0, y0, y1
    if cur:
        info.append((-(sy0 + sy1) / 2, boxes[cur[0]][0], sy0, sy1, cur))

    # Bands: runs that overlap vertically belong to one line.
    info.sort(key=lambda t: (t[0], t[1]))
    bands: list[list] = []  # [y0, y1, [(x0, seg), ...]]
    for _, x0, y0, y1, seg in info:
        if bands:
            band = bands[-1]
            h = min(y1 - y0, band[1] - band[0]) or 1.0
            if min(y1, band[1]) - max(y0, band[0]) >= 0.5 * h:
                band[0], band[1] = min(band[0], y0), max(band[1], y1)
                band[2].append((x0, seg))
                continue
        bands.append([y0, y1, [(x0, seg)]])
    return [_make_line(chars, boxes, size_of, band) for band in bands]


def _make_line(chars, boxes, size_of, band) -> Line:
    order = [i for _, seg in sorted(band[2], key=lambda t: t[0]) for i in seg]
    text = [chars[i] for i in order]
    lboxes = [boxes[i] for i in order]
    solid = [k for k, ch in enumerate(text) if not ch.isspace()]
    if not solid:
        return Line([], [], 0.0, band[0], 0.0, band[1], 1.0)
    heights = sorted(lboxes[k][3] - lboxes[k][1] for k in solid)
    height = heights[len(heights) // 2] or (band[1] - band[0]) or 1.0
    picks = {solid[0], solid[len(solid) // 2], solid[-1]}
    size = sorted(size_of(order[k]) for k in picks)[len(picks) // 2]
    # Justification stretches the gaps next to CJK characters but not those inside a
    # Latin word or a number, so each kind of gap is compared with its own median.
    gaps = [b[0] - a[2] for a, b in zip(lboxes, lboxes[1:])]
    ascii_pair = [a.isascii() and b.isascii() for a, b in zip(text, text[1:])]
    limit_tight = _median([g for g, t in zip(gaps, ascii_pair) if t]) + 0.2 * height
    limit_wide = _median([g for g, t in zip(gaps, ascii_pair) if not t]) + 0.3 * height
    wide = [k for k, (g, t) in enumerate(zip(gaps, ascii_pair))
            if g > (limit_tight if t else limit_wide) and not text[k].isspace() and not text[k + 1].isspace()]
    out_boxes: list = lboxes
    if wide:  # a space (no box) between the two characters of each wide gap
        out_chars, out_boxes, pos = [], [], 0
        for k in wide:
            out_chars += text[pos:k + 1] + [" "]
            out_boxes += lboxes[pos:k + 1] + [None]
            pos = k + 1
        text = out_chars + text[pos:]
        out_boxes += lboxes[pos:]
    # Leading/trailing spaces carry no text; keep them only inside the line.
    first, last = 0, len(text)
    while text[first].isspace():
        first += 1
    while text[last - 1].isspace():
        last -= 1
    text, out_boxes = text[first:last], out_boxes[first:last]
    return Line(text, out_boxes, out_boxes[0][0], band[0], max(b[2] for b in out_boxes if b is not None),
                band[1], height, size)


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    values.sort()
    m = values[len(values) // 2]
    return m if m > 0 else 0.0


def _is_latin_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _latin_line(line: Line) -> bool:
    """Latin prose: mostly Latin letters, and words separated by spaces.  (An e-mail
    address or a URL wrapped inside Chinese text has no spaces and is joined whole.)"""
    latin = sum(1 for ch in line.chars if ch.isascii() and ch.isalpha())
    return latin > len(line.chars) - latin and line.chars.count(" ") >= 2


@dataclass
class Column:
    """The text column of a page: where wrapped lines start and end."""

    left: float
    right: float
    body_size: float       # the font size most of the page's characters have
    wraps: bool            # wide enough for soft wraps at all


def _same_size(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) <= max(0.5, 0.03 * max(a.size, b.size))


def continues(cur: Line, nxt: Line, col: Column, same_page: bool = True) -> bool:
    """Whether ``cur`` is soft-wrapped into ``nxt`` (see the module docstring)."""
    if not col.wraps or not cur.chars or not nxt.chars:
        return False
    h = cur.height
    if col.right - cur.x1 > _first_word_width(nxt) + 0.1 * h:
        return False                                   # stops short of the right edge
    if not _same_size(cur, nxt):
        return False                                   # a heading, a note, a page number
    if same_page and (cur.y0 - nxt.y1 > 1.5 * h or nxt.y1 > cur.y1):
        return False                                   # a blank line between, or not below
    if _MARKER_RE.match(nxt.text):
        return False                                   # the next item of a list
    if nxt.x0 - col.left <= 0.5 * nxt.height:
        return True
    # A large title wrapped into a centred second line.
    centre = (col.left + col.right) / 2
    return (cur.size > col.body_size + 1.0 and cur.x0 - col.left <= 0.5 * h
            and abs((nxt.x0 + nxt.x1) / 2 - centre) <= 0.5 * h)


def _first_word_width(line: Line) -> float:
    """Width of what a word processor would not split: one CJK character, or a run of
    Latin letters and digits (it moves a whole number to the next line)."""
    end = 1
    if line.chars[0].isascii() and line.chars[0].isalnum():
        while end < len(line.chars) and line.chars[end].isascii() and line.chars[end].isalnum():
            end += 1
    last = line.boxes[end - 1]
    return (last[2] if last else line.boxes[0][2]) - line.boxes[0][0]


def _joiner(cur: Line, nxt: Line) -> str:
    if _is_latin_letter(cur.chars[-1]) and _is_latin_letter(nxt.chars[0]) and _latin_line(cur):
        return " "
    return ""


def column_of(lines: list[Line], page_width: float) -> Column:
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    weight: dict[float, int] = {}
    for ln in lines:
        weight[round(ln.size, 1)] = weight.get(round(ln.size, 1), 0) + len(ln.chars)
    body = max(weight, key=weight.get) if weight else 0.0
    return Column(left, right, body, right - left >= 0.5 * page_width)


@dataclass
class PageLines:
    """A page's lines split into body and trailing page-number lines, with its column."""

    page: int
    body: list[Line]
    footer: list[Line]
    column: Column
    garbled: bool = False
    rotation: int = 0      # quarter turns of the text (see text_rotation); boxes are turned back on output


def layout_page(lines: list[Line], page_width: float, page: int = 0) -> PageLines | None:
    """Number the lines (1-based, top-down), set aside trailing page numbers, mark
    soft wraps in place.  None for a page without lines."""
    lines = [ln for ln in lines if ln.chars]
    if not lines:
        return None
    for i, ln in enumerate(lines, start=1):
        ln.number = i
    footer = 0
    while footer < len(lines) - 1 and _PAGE_NUMBER_RE.fullmatch(lines[-1 - footer].text.strip()):
        footer += 1
    body = lines[: len(lines) - footer]
    col = column_of(body, page_width)
    for cur, nxt in zip(body, body[1:]):
        if continues(cur, nxt, col):
            cur.soft_wrap = True
            cur.joiner = _joiner(cur, nxt)
    text = "".join(ln.text for ln in lines)
    garbled = len(_UNMAPPED_RE.findall(text)) >= 0.2 * max(len(text), 1)
    return PageLines(page, body, lines[len(lines) - footer:], col, garbled)


def continues_across_pages(prev: PageLines, nxt: PageLines) -> str | None:
    """The joiner when ``prev``'s last body line runs on into ``nxt``'s first, else None."""
    if prev.rotation == nxt.rotation and continues(prev.body[-1], nxt.body[0], prev.column, same_page=False):
        return _joiner(prev.body[-1], nxt.body[0])
    return None


def mark_soft_wraps(lines: list[Line], page_width: float) -> None:
    """Set ``soft_wrap`` (and ``joiner``) on every line that continues in the next."""
    layout_page(lines, page_width)
