"""XLSX: masked text written back into the cell (or comment, header, name …) it came from.

The package is walked again with the parser's own walk (reviewer/parsers/xlsx_walk.py); each
block names its member and carrier (``xml_part``, ``node``).  The carrier must still hold the
block's text (``xlsx_text_mismatch`` otherwise), then the block's share of each removal is
written through it:

* a cell becomes an inline string holding the masked text; its formula goes with it (the
  cached value would be recalculated back), and ``xl/calcChain.xml`` is dropped when any
  formula was removed (Excel rebuilds it);
* a shared string no cell refers to any more is emptied; an orphan one is edited in place;
* a formula holding removed text is removed (the cell keeps its masked cached value);
* comments, headers/footers, validation lists, defined names, pivot caches, external
  links, properties, link targets: edited in place;
* the macro project (``vbaProject.bin``) is always removed, with its relationship and
  content type.

Members that were not edited are copied byte for byte, in their order.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.parsers.ooxml_package import Package, make_parser
from reviewer.parsers.xlsx_walk import REL_NS, drop_orphan_shared_formulas, rich_text, set_rich_text, walk
from reviewer.redaction.plan import Removal, replacement_pieces

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def block_texts(doc: Document, removals: list[Removal]) -> dict[int, str]:
    """New text per block index, for the blocks a removal touches (a length-preserving mask
    is spread over the blocks, any other replacement goes into the first; shared by the
    engines that write each block back where it came from: XLSX, HTML)."""
    out: dict[int, str] = {}
    index = {id(b): i for i, b in enumerate(doc.blocks)}
    for r in removals:
        blocks = doc.blocks_in(r.start, r.end)
        cuts = [(max(r.start, b.start), min(r.end, b.end)) for b in blocks]
        for b, (s, e), piece in zip(blocks, cuts, replacement_pieces(r, cuts)):
            i = index[id(b)]
            cur = out.get(i)
            if cur is None:
                cur = list(doc.text[b.start:b.end])
            # one list entry per original character: the piece replaces the first, the rest empty
            cur[s - b.start] = piece
            for k in range(s - b.start + 1, e - b.start):
                cur[k] = ""
            out[i] = cur
    return {i: "".join(chars) for i, chars in out.items()}


def redact_xlsx(doc: Document, removals: list[Removal]) -> tuple[bytes, dict]:
    from reviewer.settings import DEFAULT_LIMITS

    pkg = Package(doc.source, DEFAULT_LIMITS.with_(max_decompressed_bytes=max(DEFAULT_LIMITS.max_decompressed_bytes,
                                                                               len(doc.source) * 400)))
    w = walk(pkg, make_parser())
    by_node: dict[tuple[str, int], object] = {}
    counts: dict[str, int] = {}
    for car in w.carriers:
        n = counts.get(car.xml_part, 0)
        counts[car.xml_part] = n + 1
        by_node[(car.xml_part, n)] = car
    referenced = list(w.sst.refs) if w.sst else []
    edited: set[str] = set()
    cells = 0
    for i, new in block_texts(doc, removals).items():
        b = doc.blocks[i]
        car = by_node.get((b.location.get("xml_part"), b.location.get("node")))
        if car is None or car.get() != doc.text[b.start:b.end]:
            raise RedactionError("A workbook block does not hold the text the parser reported; nothing was written.",
                                 code="xlsx_text_mismatch", details={"xml_part": b.location.get("xml_part")})
        car.set(new)
        edited.add(car.xml_part)
        cells += b.part == "table"
    cleaned = []
    if w.sst is not None:
        emptied = 0
        for k, si in enumerate(w.sst.items):
            if referenced[k] and not w.sst.refs[k] and rich_text(si):
                set_rich_text(si, "")
                emptied += 1
        if emptied:
            edited.add(w.sst_name)
            cleaned.append(f"不再使用的共享字符串 {emptied} 处")
    drop = {n for n in w.binaries if n.lower().endswith("vbaproject.bin")}
    if drop:
        cleaned.append("宏项目（VBA）")
    shared = drop_orphan_shared_formulas(w.trees, w.changed)
    if shared:
        edited.update(name for kind, name, _si in (c for c in w.changed if isinstance(c, tuple)))
        cleaned.append(f"失去主公式的共享公式 {shared} 处（保留缓存值）")
    if "formula_removed" in w.changed and pkg.has("xl/calcChain.xml"):
        drop.add("xl/calcChain.xml")
        cleaned.append("公式计算链（calcChain）")
    if drop:
        _unlink(w, pkg, drop, edited)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in pkg.names:
            if name in drop:
                continue
            info = pkg.infos[name]
            if name in edited:
                data = etree.tostring(w.trees[name], xml_declaration=True, encoding="UTF-8", standalone=True)
            else:
                data = pkg.read(name)
            zi = zipfile.ZipInfo(name, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return out.getvalue(), {"cells_edited": cells, "parts_edited": sorted(edited), "cleaned": cleaned}


def _unlink(w, pkg, drop: set[str], edited: set[str]) -> None:
    """Remove the relationships and content-type overrides that point at dropped members."""
    parser = make_parser()
    for name in pkg.names:
        if not name.endswith(".rels"):
            continue
        root = w.trees.get(name)
        if root is None:
            root = w.trees[name] = pkg.xml(name, parser)
        folder = name.rsplit("/_rels/", 1)[0] if "/_rels/" in name else ""
        for rel in list(root.iter(f"{{{REL_NS}}}Relationship")):
            target = rel.get("Target") or ""
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if full in drop:
                root.remove(rel)
                edited.add(name)
    ct = "[Content_Types].xml"
    root = w.trees.get(ct)
    if root is None:
        root = w.trees[ct] = pkg.xml(ct, parser)
    for el in list(root.iter(f"{{{CT_NS}}}Override")):
        if (el.get("PartName") or "").lstrip("/") in drop:
            root.remove(el)
            edited.add(ct)
