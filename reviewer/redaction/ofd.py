"""OFD: removed glyphs taken out of their TextCode, the rest kept in place, a black box drawn.

The package is read again with the parser's own walk (reviewer/parsers/ofd_walk.py,
ofd_parser.read); every page block must still be the same line of glyphs
(``ofd_text_mismatch`` otherwise).  For each removed character (the hidden characters of
the mask, as for PDF: a partial mask keeps 138 and 5678 and boxes the rest):

* its glyph leaves the TextCode's text; ``X``/``Y`` and ``DeltaX``/``DeltaY`` are rewritten
  so every kept glyph stays exactly where it was; an emptied TextCode (and TextObject) goes;
* a black ``PathObject`` covers each removed run of a line, in the page's first layer (IDs
  above ``MaxUnitID``, which is raised);
* an annotation or attachment holding removed text is removed (an attachment with its
  file); DocInfo fields and custom-tag text holding it are emptied;
* signatures: any redaction invalidates them, so ``Signatures`` goes from OFD.xml with the
  signature files, and the log says so.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.parsers import ofd_walk as W
from reviewer.parsers.ofd_parser import read
from reviewer.redaction.plan import Removal


def _fmt(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _rewrite(code, obj, removed: set[int]) -> None:
    text = code.text or ""
    size = float(obj.get("Size") or 3.5)
    dx, dy = W.numbers(code.get("DeltaX"), len(text)), W.numbers(code.get("DeltaY"), len(text))
    px, py = [0.0], [0.0]
    for i in range(1, len(text)):
        px.append(px[-1] + (dx[i - 1] if i - 1 < len(dx) else size))
        py.append(py[-1] + (dy[i - 1] if i - 1 < len(dy) else 0.0))
    keep = [i for i in range(len(text)) if i not in removed]
    if not keep:
        code.getparent().remove(code)
        if not W.findall(obj, "TextCode"):
            obj.getparent().remove(obj)
        return
    code.set("X", _fmt(float(code.get("X") or 0) + px[keep[0]]))
    code.set("Y", _fmt(float(code.get("Y") or 0) + py[keep[0]]))
    code.text = "".join(text[i] for i in keep)
    if len(keep) > 1:
        code.set("DeltaX", " ".join(_fmt(px[b] - px[a]) for a, b in zip(keep, keep[1:])))
        if dy:
            code.set("DeltaY", " ".join(_fmt(py[b] - py[a]) for a, b in zip(keep, keep[1:])))
    else:
        for attr in ("DeltaX", "DeltaY"):
            if attr in code.attrib:
                del code.attrib[attr]


def _removed_offsets(removals: list[Removal]) -> set[int]:
    out: set[int] = set()
    for r in removals:
        for s, e in r.hidden_ranges():
            out.update(range(s, e))
    return out


def redact_ofd(doc: Document, removals: list[Removal]) -> tuple[bytes, dict]:
    from reviewer.settings import DEFAULT_LIMITS

    pkg, parser, st, trees, pages, extra = read(doc.source, DEFAULT_LIMITS)
    gone = _removed_offsets(removals)
    hit = set()
    for r in removals:
        hit.update(range(r.start, r.end))
    per_code: dict[int, tuple] = {}
    boxes: dict[int, list[list]] = {}          # page number -> runs of boxes
    edited: set[str] = set()
    extras_removed = 0
    for b in doc.blocks:
        if b.part == "page":
            page = pages[b.location["page"] - 1] if b.location["page"] - 1 < len(pages) else None
            line = page.lines[b.location["line"] - 1] if page and b.location["line"] - 1 < len(page.lines) else None
            if line is None or "".join(g.ch for g in line) != doc.text[b.start:b.end]:
                raise RedactionError("An OFD line does not hold the text the parser reported; nothing was written.",
                                     code="ofd_text_mismatch", details={"page": b.location.get("page")})
            run: list = []
            for i, g in enumerate(line):
                if b.start + i in gone:
                    obj = g.code.getparent()
                    per_code.setdefault(id(g.code), (g.code, obj, set()))[2].add(g.index)
                    run.append(g.box)
                elif run:
                    boxes.setdefault(page.number, []).append(run)
                    run = []
            if run:
                boxes.setdefault(page.number, []).append(run)
            if any(b.start + i in gone for i in range(len(line))):
                edited.add(page.part)
        elif any(o in hit for o in range(b.start, b.end)):
            ex = extra[b.location["node"]]
            ex.remove()
            extras_removed += 1
            edited.add(ex.member)
    for code, obj, idx in per_code.values():
        _rewrite(code, obj, idx)
    max_id = _draw_boxes(st, trees, pages, boxes)
    cleaned = []
    drop = set(trees.get("__drop__", set()))
    if extras_removed:
        cleaned.append(f"含删除内容的注释、附件、元数据 {extras_removed} 处")
    if st.signatures and (per_code or extras_removed):
        body = W.find(st.ofd_root, "DocBody")
        sig = W.find(body, "Signatures")
        if sig is not None:
            body.remove(sig)
        folder = posixpath.dirname(st.signatures)
        drop.update(n for n in pkg.names if n == st.signatures or (folder and n.startswith(folder + "/")))
        edited.add("OFD.xml")
        cleaned.append("电子签名/签章：删除任何内容都使签名失效，已移除签名")
    if max_id is not None:
        edited.add(st.doc_xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in pkg.names:
            if name in drop:
                continue
            if name in edited:
                data = etree.tostring(trees[name], xml_declaration=True, encoding="UTF-8")
            else:
                data = pkg.read(name)
            z.writestr(zipfile.ZipInfo(name, date_time=pkg.infos[name].date_time), data,
                       compress_type=zipfile.ZIP_DEFLATED)
    glyphs = sum(len(i) for _c, _o, i in per_code.values())
    return out.getvalue(), {"glyphs_removed": glyphs, "boxes_drawn": sum(len(v) for v in boxes.values()),
                            "signature_removed": bool(st.signatures and (per_code or extras_removed)),
                            "cleaned": cleaned}


def _draw_boxes(st, trees, pages, boxes) -> int | None:
    if not boxes:
        return None
    common = W.find(st.doc_root, "CommonData")
    max_el = W.find(common, "MaxUnitID")
    try:
        next_id = int(float(max_el.text)) + 1 if max_el is not None and max_el.text else 100000
    except ValueError:
        next_id = 100000
    for page in pages:
        runs = boxes.get(page.number)
        if not runs:
            continue
        root = trees[page.part]
        layer = next(iter(W.findall(root, "Layer")), None)
        if layer is None:
            content = W.find(root, "Content")
            content = root if content is None else content
            layer = etree.SubElement(content, W.q("Layer"), ID=str(next_id))
            next_id += 1
        for run in runs:
            x0, y0 = min(b[0] for b in run), min(b[1] for b in run)
            x1, y1 = max(b[2] for b in run), max(b[3] for b in run)
            w, h = x1 - x0, y1 - y0
            path = etree.SubElement(layer, W.q("PathObject"), ID=str(next_id), Boundary=" ".join(
                _fmt(v) for v in (x0, y0, w, h)), Fill="true", Stroke="false")
            next_id += 1
            etree.SubElement(path, W.q("FillColor"), Value="0 0 0")
            data = etree.SubElement(path, W.q("AbbreviatedData"))
            data.text = f"M 0 0 L {_fmt(w)} 0 L {_fmt(w)} {_fmt(h)} L 0 {_fmt(h)} C"
    if max_el is not None:
        max_el.text = str(next_id)
    return next_id
