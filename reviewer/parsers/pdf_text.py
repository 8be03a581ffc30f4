"""Characters of one PDF page → lines → paragraphs, with a box per character.

pdfium gives the page's characters in content-stream order, with a loose box each
(the glyph's advance width x the font's ascent-descent), in PDF user space.  This
module turns them into reading-order lines and decides, for each line, whether it
is a soft wrap (the paragraph goes on in the next line) or a hard break.

* pdfium's *generated* characters (the ``\\r\\n`` it puts between lines, the spaces
  it guesses between words) are dropped; real space characters are kept with their
  boxes.  Where two neighbouring characters stand far apart (more than the line's
  usual gap plus 0.3 of the line height: table cells, tab stops) a space is
  inserted; it has no box.
* A character pdfium reports as an end-of-line hyphen (``\\x02``) is kept as
  ``-``: in Chinese documents a hyphen at the end of a line is part of a phone
  number or a code far more often than a hyphenated word.
* Lines: consecutive characters whose boxes overlap vertically by at least half a
  character height and that do not jump back to the left form a run; runs that
  share a band are one line (ordered left to right); lines are ordered top-down.
* Soft wrap: the line reaches the right edge of the page's text column (the gap is
  smaller than the next line's first character plus a quarter line height), the
  next line starts at the column's left edge (not indented), has a similar size
  and follows at a normal line distance.  A soft wrap joins the two lines with
  nothing in between (Chinese has no spaces; a number wrapped across lines stays
  whole) — except between two Latin letters of a Latin-script line, which get a
  space.  Any other line end is a paragraph break.  The column is the span of the
  page's lines; a page whose lines all stay within the left half of the page has
  no soft wraps.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

_HYPHEN_MARKS = {"\x02": "-", "\ufffe": "-", "\xad": "-"}
_DROP = {"\r", "\n", "\x00"}


@dataclass
class Line:
    chars: list[str]
    boxes: list[tuple[float, float, float, float] | None]
    x0: float
    y0: float
    x1: float
    y1: float
    height: float
    soft_wrap: bool = False        # joined to the next line without a separator
    joiner: str = ""               # what is inserted before the next line on a soft wrap
    segments: list = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def page_chars(textpage) -> tuple[list[str], list[tuple[float, float, float, float]]]:
    """The real characters of a pdfium text page and their loose boxes (x0, y0, x1, y1)."""
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        return [], []
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
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        if ch == " " and is_generated(textpage, i) == 1:
            continue
        if not get_box(textpage, i, rect):
            continue
        ch = _HYPHEN_MARKS.get(ch, ch)
        chars.append(ch)
        boxes.append((rect.left, rect.bottom, rect.right, rect.top))
    return chars, boxes


def _safe_chr(code: int) -> str:
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)
    return "\ufffd"


def build_lines(chars: list[str], boxes: list[tuple[float, float, float, float]]) -> list[Line]:
    """Group characters into reading-order lines (top-down, left to right)."""
    segments: list[list[int]] = []
    cur: list[int] = []
    px0 = py0 = py1 = 0.0
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        if cur:
            h = min(py1 - py0, y1 - y0)
            if h <= 0:
                h = max(py1 - py0, y1 - y0, 1.0)
            overlap = min(py1, y1) - max(py0, y0)
            if overlap < 0.5 * h or x0 < px0 - 0.25 * h:
                segments.append(cur)
                cur = []
        cur.append(i)
        px0, py0, py1 = x0, y0, y1
    if cur:
        segments.append(cur)

    # Bands: runs that overlap vertically belong to one line.
    info = []
    for seg in segments:
        y0 = min(boxes[i][1] for i in seg)
        y1 = max(boxes[i][3] for i in seg)
        info.append((-(y0 + y1) / 2, boxes[seg[0]][0], y0, y1, seg))
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
    return [_make_line(chars, boxes, band) for band in bands]


def _make_line(chars, boxes, band) -> Line:
    order = [i for _, seg in sorted(band[2], key=lambda t: t[0]) for i in seg]
    heights = sorted(boxes[i][3] - boxes[i][1] for i in order if chars[i] != " ")
    height = heights[len(heights) // 2] if heights else (band[1] - band[0]) or 1.0
    gaps = sorted(max(boxes[b][0] - boxes[a][2], 0.0) for a, b in zip(order, order[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    limit = usual + 0.3 * height
    out_chars: list[str] = []
    out_boxes: list = []
    prev = None
    for i in order:
        ch = chars[i]
        if prev is not None and ch != " " and chars[prev] != " " and boxes[i][0] - boxes[prev][2] > limit:
            out_chars.append(" ")
            out_boxes.append(None)
        out_chars.append(ch)
        out_boxes.append(boxes[i])
        prev = i
    # Leading/trailing real spaces carry no text; keep them only inside the line.
    while out_chars and out_chars[-1] == " ":
        out_chars.pop()
        out_boxes.pop()
    while out_chars and out_chars[0] == " ":
        out_chars.pop(0)
        out_boxes.pop(0)
    real = [b for b in out_boxes if b is not None]
    if not real:
        return Line([], [], 0.0, band[0], 0.0, band[1], height)
    return Line(out_chars, out_boxes, min(b[0] for b in real), band[0], max(b[2] for b in real),
                band[1], height)


def _is_latin_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _latin_line(line: Line) -> bool:
    latin = sum(1 for ch in line.chars if ch.isascii() and ch.isalpha())
    return latin > len(line.chars) - latin


def mark_soft_wraps(lines: list[Line], page_width: float) -> None:
    """Set ``soft_wrap`` (and ``joiner``) on every line that continues in the next."""
    lines[:] = [ln for ln in lines if ln.chars]
    if len(lines) < 2:
        return
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    if right - left < 0.5 * page_width:
        return
    for cur, nxt in zip(lines, lines[1:]):
        h = cur.height
        first_w = nxt.boxes[0][2] - nxt.boxes[0][0]
        if right - cur.x1 > first_w + 0.25 * h:
            continue                                   # stops short of the right edge
        if nxt.x0 - left > 0.5 * nxt.height:
            continue                                   # next line is indented or centred
        if abs(nxt.height - h) > 0.25 * max(h, nxt.height):
            continue                                   # different size: a heading, a note
        if cur.y0 - nxt.y1 > 1.5 * h or nxt.y1 > cur.y1:
            continue                                   # a blank line, or not below
        cur.soft_wrap = True
        if _is_latin_letter(cur.chars[-1]) and _is_latin_letter(nxt.chars[0]) and _latin_line(cur):
            cur.joiner = " "
