"""The structure of an OFD package (GB/T 33190-2016) and the glyphs of its pages, in page order.

Shared by the parser (ofd_parser.py) and the redactor (reviewer/redaction/ofd.py), so both see
the same glyphs in the same order; the verifier reads the output without this module.

OFD.xml → DocBody → DocRoot (Document.xml) → CommonData (PublicRes, DocumentRes, MaxUnitID),
Pages (Page/@BaseLoc → Content.xml → Layer → TextObject/PageBlock → TextCode), Annotations,
Attachments, CustomTags; DocBody/Signatures.  Paths are resolved against the folder of the
file that names them (or the package root when they start with ``/``).

A TextCode's glyphs: the first at (X, Y), each next one DeltaX (and DeltaY) further (``g N d``
repeats ``d`` N times), mapped by the TextObject's CTM and moved by its Boundary's origin;
units are millimetres, origin top left, Y the baseline.  A glyph's box is ``(x, y - size, x + advance, y)``.  Reading order
follows the page: glyphs are grouped into lines by baseline (within half a font size), lines
top to bottom, glyphs in a line left to right — not the XML order.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

NS = "http://www.ofdspec.org/2016"
O = f"{{{NS}}}"


def q(tag: str) -> str:
    return O + tag


def find(el, tag: str):
    """A child in the OFD namespace or without one (producers differ)."""
    if el is None:
        return None
    got = el.find(q(tag))
    return got if got is not None else el.find(tag)


def findall(el, tag: str) -> list:
    if el is None:
        return []
    return list(el.iter(q(tag))) + list(el.iter(tag))


def text_of(el, tag: str) -> str | None:
    got = find(el, tag)
    return (got.text or "").strip() if got is not None else None


def resolve(base_file: str, loc: str) -> str:
    loc = (loc or "").strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_file), loc))


def numbers(value: str | None, limit: int = 1_000_000) -> list[float]:
    """DeltaX/DeltaY: numbers, with ``g N d`` meaning ``d`` repeated N times; no more than
    ``limit`` (a TextCode needs one per character: ``g 1000000000 1`` cannot fill memory)."""
    out: list[float] = []
    toks = (value or "").split()
    i = 0
    while i < len(toks) and len(out) < limit:
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                out.extend([float(toks[i + 2])] * max(0, min(int(float(toks[i + 1])), limit - len(out))))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(toks[i]))
        except ValueError:
            pass
        i += 1
    return out


@dataclass
class Glyph:
    ch: str
    x: float
    y: float
    adv: float
    size: float
    code: Any              # the TextCode element
    index: int             # the character's index in that TextCode's text

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y - self.size, self.x + self.adv, self.y)


@dataclass
class Page:
    number: int            # 1-based, in the order of Document.xml's Pages
    part: str              # the Content.xml member
    glyphs: list[Glyph] = field(default_factory=list)
    lines: list[list[Glyph]] = field(default_factory=list)


def _ctm(obj) -> tuple[float, ...]:
    try:
        m = tuple(float(v) for v in (obj.get("CTM") or "").split())
    except ValueError:
        m = ()
    return m if len(m) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def code_glyphs(obj, code) -> list[Glyph]:
    """The glyphs of one TextCode in page coordinates: the TextObject's CTM (``a b c d e f``)
    maps the object's own space, then its Boundary's origin moves it onto the page."""
    try:
        bx, by = [float(v) for v in (obj.get("Boundary") or "0 0 0 0").split()[:2]]
    except ValueError:
        bx = by = 0.0
    a, b, c, d, e, f = _ctm(obj)
    size = float(obj.get("Size") or 3.5)
    text = code.text or ""
    dx, dy = numbers(code.get("DeltaX"), len(text)), numbers(code.get("DeltaY"), len(text))
    x, y = float(code.get("X") or 0), float(code.get("Y") or 0)
    out = []
    for i, ch in enumerate(text):
        adv = dx[i] if i < len(dx) else size
        px, py = bx + a * x + c * y + e, by + b * x + d * y + f
        out.append(Glyph(ch, px, py, adv * abs(a or 1.0), size * abs(d or 1.0), code, i))
        x += adv
        y += dy[i] if i < len(dy) else 0.0
    return out


def page_glyphs(root, number: int, part: str) -> Page:
    page = Page(number, part)
    for obj in findall(root, "TextObject"):
        for code in findall(obj, "TextCode"):
            page.glyphs.extend(g for g in code_glyphs(obj, code) if not g.ch.isspace() or g.ch == " ")
    # lines by baseline, top to bottom; a glyph joins the line whose baseline is within half its size
    lines: list[list[Glyph]] = []
    for g in sorted(page.glyphs, key=lambda g: (round(g.y, 2), g.x)):
        if lines and abs(lines[-1][0].y - g.y) <= max(g.size, lines[-1][0].size) * 0.5:
            lines[-1].append(g)
        else:
            lines.append([g])
    page.lines = [sorted(line, key=lambda g: g.x) for line in lines]
    return page


@dataclass
class Package:
    """What OFD.xml and Document.xml name."""

    doc_xml: str
    doc_root: Any
    ofd_root: Any
    pages: list[tuple[int, str]]               # (number, Content.xml member)
    annotations: list[tuple[int | None, str]]  # (page number, annotation member)
    attachments: str | None
    custom_tags: str | None
    signatures: str | None


def structure(pkg, parser) -> Package:
    from reviewer.errors import CorruptFileError

    if not pkg.has("OFD.xml"):
        raise CorruptFileError("The OFD package has no OFD.xml.")
    ofd = pkg.xml("OFD.xml", parser)
    body = find(ofd, "DocBody")
    root_loc = text_of(body, "DocRoot")
    if not root_loc:
        raise CorruptFileError("The OFD package names no document (DocBody/DocRoot).")
    doc_xml = resolve("OFD.xml", root_loc)
    if not pkg.has(doc_xml):
        raise CorruptFileError(f"The OFD document {doc_xml!r} is missing from the package.")
    doc = pkg.xml(doc_xml, parser)
    pages = []
    id_to_no = {}
    for n, pg in enumerate(findall(find(doc, "Pages"), "Page"), 1):
        loc = pg.get("BaseLoc")
        if loc:
            pages.append((n, resolve(doc_xml, loc)))
            id_to_no[pg.get("ID")] = n
    annotations = []
    ann_loc = text_of(doc, "Annotations")
    if ann_loc and pkg.has(resolve(doc_xml, ann_loc)):
        ann_xml = resolve(doc_xml, ann_loc)
        for pg in findall(pkg.xml(ann_xml, parser), "Page"):
            loc = text_of(pg, "FileLoc")
            if loc:
                annotations.append((id_to_no.get(pg.get("PageID")), resolve(ann_xml, loc)))
    att = text_of(doc, "Attachments")
    tags = text_of(doc, "CustomTags")
    sig = text_of(body, "Signatures")
    return Package(doc_xml, doc, ofd, pages, annotations, resolve(doc_xml, att) if att else None,
                   resolve(doc_xml, tags) if tags else None, resolve("OFD.xml", sig) if sig else None)
