"""Remove glyphs from a page's content stream, keeping every other glyph where it was.

``edit_page`` walks the operators with the text state (CTM, Tm, font, size, Tc, Tw,
Tz, rise), decodes each shown string through the font (pdf_fonts.py) and places each
glyph in user space.  A glyph is removed when its character equals a target
character and its centre lies in that character's box (the parser's box, slightly
widened).  Removed glyphs become TJ displacements of exactly their advance, so the
rest of the line does not move.  If any target character is not accounted for by a
glyph, or a glyph over a target cannot be decoded, the page is refused
(``PageRefused``) and the caller rasterises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

from reviewer.redaction.pdf_fonts import FontInfo, font_table

Matrix = tuple[float, float, float, float, float, float]
IDENT: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
SHOW = {"Tj", "TJ", "'", '"'}


class PageRefused(Exception):
    def __init__(self, reason: str, reason_zh: str):
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh


def mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


@dataclass
class Target:
    char: str
    box: tuple[float, float, float, float]
    matched: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class _State:
    ctm: Matrix = IDENT
    font: str | None = None
    size: float = 0.0
    tc: float = 0.0
    tw: float = 0.0
    th: float = 1.0
    tl: float = 0.0
    rise: float = 0.0
    mode: int = 0          # text rendering mode (Tr); 3 and 7 draw nothing visible

    def copy(self) -> "_State":
        return _State(self.ctm, self.font, self.size, self.tc, self.tw, self.th, self.tl, self.rise, self.mode)


class _Grid:
    """Targets bucketed by position for quick lookup."""

    def __init__(self, targets: list[Target], cell: float = 24.0):
        self.cell = cell
        self.over_removed = 0   # kept characters that went with a partly removed ligature
        self.cells: dict[tuple[int, int], list[Target]] = {}
        for t in targets:
            x0, y0, x1, y1 = t.box
            for gx in range(int(x0 // cell), int(x1 // cell) + 1):
                for gy in range(int(y0 // cell), int(y1 // cell) + 1):
                    self.cells.setdefault((gx, gy), []).append(t)

    def near(self, x: float, y: float) -> list[Target]:
        return self.cells.get((int(x // self.cell), int(y // self.cell)), [])


def _num(v) -> float:
    return float(v)


def edit_page(pdf: pikepdf.Pdf, page: pikepdf.Page, targets: list[Target], resources=None) -> tuple[list, int, int]:
    """Return the new operator list, the number of glyphs removed and the number of kept
    characters that went with a partly removed ligature; raise PageRefused.

    Text in Form XObjects is edited too: a form that loses glyphs is replaced, on this
    page only, by an edited copy under a new name in ``resources``.
    """
    grid = _Grid(targets)
    if resources is None:
        resources = page.obj.get("/Resources")
    out, removed = _walk(pikepdf.parse_content_stream(page), resources, _State(), grid, pdf, 0)
    missing = [t for t in targets if not t.matched and not t.char.isspace()]
    if missing:
        raise PageRefused(f"{len(missing)} character(s) not found in the content stream",
                          f"{len(missing)} 个待删除字符无法在内容流中定位")
    return out, removed, grid.over_removed


MAX_FORM_DEPTH = 6


def _walk(ops, resources, st: _State, grid: _Grid, page_obj, depth: int) -> tuple[list, int]:
    fonts = font_table(resources)
    stack: list[_State] = []
    tm = tlm = IDENT
    out: list = []
    removed = 0
    for operands, op in ops:
        name = str(op)
        if name == "q":
            stack.append(st.copy())
        elif name == "Q":
            if stack:
                st = stack.pop()
        elif name == "cm":
            st.ctm = mul(tuple(_num(v) for v in operands), st.ctm)
        elif name == "BT":
            tm = tlm = IDENT
        elif name == "Tm":
            tm = tlm = tuple(_num(v) for v in operands)
        elif name in ("Td", "TD"):
            tx, ty = _num(operands[0]), _num(operands[1])
            if name == "TD":
                st.tl = -ty
            tm = tlm = mul((1, 0, 0, 1, tx, ty), tlm)
        elif name == "T*":
            tm = tlm = mul((1, 0, 0, 1, 0, -st.tl), tlm)
        elif name == "Tc":
            st.tc = _num(operands[0])
        elif name == "Tw":
            st.tw = _num(operands[0])
        elif name == "Tz":
            st.th = _num(operands[0]) / 100.0
        elif name == "TL":
            st.tl = _num(operands[0])
        elif name == "Tr":
            st.mode = int(_num(operands[0]))
        elif name == "Ts":
            st.rise = _num(operands[0])
        elif name == "Tf":
            st.font, st.size = str(operands[0]), _num(operands[1])
        elif name == "Do" and depth < MAX_FORM_DEPTH:
            operands, n = _form(operands, resources, st, grid, page_obj, depth)
            removed += n
        if name not in SHOW:
            out.append((operands, op))
            continue
        prefix = []
        if name in ("'", '"'):
            if name == '"':
                st.tw, st.tc = _num(operands[0]), _num(operands[1])
                prefix = [([operands[0]], pikepdf.Operator("Tw")), ([operands[1]], pikepdf.Operator("Tc"))]
            tm = tlm = mul((1, 0, 0, 1, 0, -st.tl), tlm)
            prefix.append(([], pikepdf.Operator("T*")))
            items = [operands[-1]]
        elif name == "Tj":
            items = [operands[0]]
        else:
            items = list(operands[0])
        font = fonts.get(st.font or "")
        new_items, hit, tm = _show(items, font, st, tm, grid)
        if hit:
            removed += hit
            out.extend(prefix)
            out.append(([pikepdf.Array(new_items)], pikepdf.Operator("TJ")))
        else:
            out.append((operands, op))
    return out, removed


def _form(operands, resources, st: _State, grid: _Grid, page_obj, depth: int):
    """Walk a Form XObject; when glyphs go, draw an edited private copy instead."""
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None or not operands or str(operands[0]) not in xobjects:
        return operands, 0
    form = xobjects[str(operands[0])]
    if not isinstance(form, pikepdf.Stream) or str(form.get("/Subtype")) != "/Form":
        return operands, 0
    inner = st.copy()
    matrix = tuple(_num(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0]))
    inner.ctm = mul(matrix, st.ctm)
    try:
        ops = pikepdf.parse_content_stream(form)
    except pikepdf.PdfError:
        raise PageRefused("unreadable form XObject", "表单对象无法解析") from None
    new_ops, n = _walk(ops, form.get("/Resources", resources), inner, grid, page_obj, depth + 1)
    if not n:
        return operands, 0
    pdf = page_obj
    copy = pdf.make_stream(pikepdf.unparse_content_stream(new_ops))
    for key, value in form.items():
        if key not in ("/Length", "/Filter", "/DecodeParms"):
            copy[key] = value
    base = str(operands[0]).lstrip("/")
    k = 1
    while f"/{base}_r{k}" in xobjects:
        k += 1
    new_name = pikepdf.Name(f"/{base}_r{k}")
    xobjects[new_name] = copy
    return [new_name], n


def _show(items, font: FontInfo | None, st: _State, tm: Matrix, grid: _Grid):
    """Walk one show operation; return (new TJ items, glyphs removed, new Tm)."""
    new: list = []
    kept = bytearray()
    hit = 0
    size = st.size

    def flush():
        if kept:
            new.append(pikepdf.String(bytes(kept)))
            kept.clear()

    def push_num(n: float):
        flush()
        if new and isinstance(new[-1], float):
            new[-1] += n
        else:
            new.append(n)

    for item in items:
        if not isinstance(item, (pikepdf.String, bytes)):
            n = _num(item)
            tm = mul((1, 0, 0, 1, -n / 1000.0 * size * st.th, 0), tm)
            push_num(n)
            continue
        data = bytes(item)
        if font is None:
            if grid.cells and _any_target_near(data, st, tm, grid):
                raise PageRefused("text in an unknown font over a removed character", "待删除处的字体无法识别")
            kept += data
            continue
        for code, raw in font.codes(data):
            w0 = font.width(code, raw)
            tw = st.tw if raw == b" " else 0.0   # word spacing: the single-byte code 32 only
            adv = (w0 * size + st.tc + tw) * st.th
            trm = mul((size * st.th, 0, 0, size, 0, st.rise), tm)
            gx0, gy0 = apply(trm, 0, -0.2)
            gx1, gy1 = apply(trm, max(w0, 0.05), 0.9)
            box = (min(gx0, gx1), min(gy0, gy1), max(gx0, gx1), max(gy0, gy1))
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            cands = grid.near(cx, cy)
            remove = False
            if cands:
                remove = _match(font, code, raw, box, cx, cy, cands, grid)
            if remove and st.mode in (3, 7):
                # Invisible text is an OCR layer: what the reader sees is a picture
                # underneath, which a black box would only cover.  Burn it in instead.
                raise PageRefused("invisible text (an OCR layer over an image) holds removed characters",
                                  "待删除内容位于扫描图像上的隐藏文字层，需烧入图像")
            if remove:
                hit += 1
                if size == 0:
                    raise PageRefused("zero font size", "字号为零")
                push_num(-(w0 * size + st.tc + tw) * 1000.0 / size)
            else:
                kept += raw
            tm = mul((1, 0, 0, 1, adv, 0), tm)
    flush()
    return new, hit, tm


def _match(font: FontInfo, code: int, raw: bytes, box, cx: float, cy: float, cands: list[Target], grid) -> bool:
    """Whether this glyph draws removed characters; refuse the page when unsure."""
    # Centre to centre, within a little under half the glyph's own box: the glyph drawn
    # at the same place (also a second copy drawn for fake bold) matches, its neighbour
    # one advance away does not.
    gw, gh = max(box[2] - box[0], 0.5), max(box[3] - box[1], 0.5)
    near = [t for t in cands
            if abs((t.box[0] + t.box[2]) / 2 - cx) <= 0.45 * gw and abs((t.box[1] + t.box[3]) / 2 - cy) <= 0.45 * gh]
    if not near:
        return False
    uni = font.unicode(code, raw) if font.usable else None
    if uni is None:
        raise PageRefused(f"undecodable glyph over a removed character ({font.reason or 'no unicode'})",
                          f"待删除处的字形无法解码（{font.reason or '缺少 Unicode 映射'}）")
    if len(uni) == 1:
        hits = [t for t in near if t.char == uni]
        for t in hits:
            t.matched.append(box)
        return bool(hits)
    # A ligature (ﬁ) or a multi-character glyph: removed when characters it draws are
    # removed characters under it.
    inside = [t for t in cands if box[0] - 1 <= (t.box[0] + t.box[2]) / 2 <= box[2] + 1
              and box[1] - 1 <= (t.box[1] + t.box[3]) / 2 <= box[3] + 1]
    chars = sorted(t.char for t in inside)
    if sorted(uni) == chars:
        for t in inside:
            t.matched.append(box)
        return True
    part = [t for t in inside if t.char in uni]
    if part:
        # Only part of a ligature is removed: a glyph cannot be cut, so the whole ﬃ goes
        # (one or two kept letters with it) rather than rasterising the page.
        for t in part:
            t.matched.append(box)
        grid.over_removed += len(uni) - len(part)
        return True
    return False


def _any_target_near(data: bytes, st: _State, tm: Matrix, grid: _Grid) -> bool:
    x, y = apply(mul((1, 0, 0, 1, 0, st.rise), tm), 0, 0)
    span = max(st.size, 1.0) * max(len(data), 1)
    return any(grid.near(x + dx, y) for dx in (0, span / 2, span))
