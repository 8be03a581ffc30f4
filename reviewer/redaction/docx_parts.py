"""DOCX parts that cannot be cleaned faithfully, and the text outside the paragraphs.

* Removed whole, always: embedded objects and packages (``word/embeddings/*``: their
  content is binary or a package of its own) and the macro project
  (``vbaProject.bin``, ``vbaData.xml``).  An imported chunk (altChunk: HTML, MHT, RTF)
  is removed when it holds removed text.  Their relationships go, and so do the
  elements that point at them: the ``w:object`` of an OLE object (with its preview
  picture when nothing else shows it), the ``w:altChunk``, a chart's
  ``c:externalData``.
* :func:`edit_carrier` rewrites one carrier of reviewer/parsers/ooxml_extra.py (an
  attribute, a field instruction, a text node of a chart) the way paragraphs are
  rewritten: a length-preserving mask character by character over the pieces, any
  other replacement into the first piece.
"""

from __future__ import annotations

import posixpath

from reviewer.errors import RedactionError
from reviewer.parsers.ooxml_extra import is_embedded, is_macro_binary, piece_value, set_piece

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_HOLDERS = {f"{{{W}}}object", f"{{{W}}}drawing", f"{{{W}}}pict"}


def edit_carrier(carrier, edits: list[tuple[int, int, str, str]]) -> None:
    """Apply ``(start, end, replacement, expected_text)`` to one carrier."""
    values = [piece_value(el, attr) for el, attr in carrier.pieces]
    joined = "".join(values)
    starts, pos = [], 0
    for v in values:
        starts.append(pos)
        pos += len(v)
    for s, e, _new, expect in edits:
        if joined[s:e] != expect:
            raise RedactionError("A DOCX value outside the paragraphs does not hold the text the parser reported; "
                                 "nothing was written.", code="docx_text_mismatch")
    for s, e, new, _ in sorted(edits, key=lambda t: -t[0]):
        same = len(new) == e - s
        placed = False
        for i, (v, a) in enumerate(zip(values, starts)):
            lo, hi = max(s - a, 0), min(e - a, len(v))
            if hi <= lo:
                continue
            if same:
                values[i] = v[:lo] + new[a + lo - s:a + hi - s] + v[hi:]
            elif not placed:
                values[i] = v[:lo] + new + v[hi:]
                placed = True
            else:
                values[i] = v[:lo] + v[hi:]
    for (el, attr), v in zip(carrier.pieces, values):
        if piece_value(el, attr) != v:
            set_piece(el, attr, v)


def always_dropped(name: str) -> str | None:
    """Why a member is removed whatever was found in it."""
    if is_embedded(name):
        return "嵌入对象"
    low = name.lower()
    if is_macro_binary(name) or posixpath.basename(low) == "vbadata.xml":
        return "宏项目（VBA）"
    if "/_rels/" in "/" + low and low.endswith(".rels"):
        source = posixpath.join(posixpath.dirname(posixpath.dirname(name)), posixpath.basename(name)[:-5])
        if is_embedded(source) or is_macro_binary(source):
            return "宏项目（VBA）" if is_macro_binary(source) else "嵌入对象"
    return None


def _r_refs(el) -> list[str]:
    return [v for k, v in el.attrib.items() if k.startswith(f"{{{R}}}")]


def remove_references(roots: dict, removed_ids: dict[str, set[str]]) -> tuple[int, set[str]]:
    """Remove the elements of each source part that point at a removed relationship.

    ``roots`` maps member name → parsed root (for the XML parts being written);
    ``removed_ids`` maps source part → relationship ids removed from its .rels.
    Returns how many elements went and the rIds that nothing points at any more
    (preview pictures of removed objects), as ``source|rId``.
    """
    n = 0
    orphans: set[str] = set()
    for source, ids in removed_ids.items():
        root = roots.get(source)
        if root is None or not ids:
            continue
        gone = []
        for el in list(root.iter()):
            if not isinstance(el.tag, str) or not (set(_r_refs(el)) & ids):
                continue
            holder = el
            if el.tag != f"{{{W}}}altChunk":
                for anc in el.iterancestors():
                    if anc.tag in _HOLDERS:
                        holder = anc
                        break
            if holder.getparent() is not None:
                gone.append(holder)
                holder.getparent().remove(holder)
                n += 1
        inside = {rid for g in gone for el in g.iter() if isinstance(el.tag, str) for rid in _r_refs(el)} - ids
        if inside:
            still = {rid for el in root.iter() if isinstance(el.tag, str) for rid in _r_refs(el)}
            orphans |= {f"{source}|{rid}" for rid in inside - still}
    return n, orphans


def drop_orphans(roots: dict, orphans: set[str], rels_name_of) -> list[str]:
    """Remove the relationships nobody points at any more; return media members that
    no relationship targets afterwards (to be dropped too)."""
    targets: list[str] = []
    for item in orphans:
        source, rid = item.split("|", 1)
        rels = roots.get(rels_name_of(source))
        if rels is None:
            continue
        folder = posixpath.dirname(source)
        for rel in list(rels):
            if rel.get("Id") == rid and (rel.get("TargetMode") or "") != "External":
                t = rel.get("Target") or ""
                targets.append(t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t)))
                rels.remove(rel)
    still = set()
    for name, root in roots.items():
        if not name.endswith(".rels") or isinstance(root, bytes):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        for rel in root:
            t = rel.get("Target") or ""
            still.add(t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(folder, t)))
    return [t for t in targets if t not in still and t.startswith("word/media/")]


def rels_name_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")
