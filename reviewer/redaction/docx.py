"""DOCX: replace removed text in place, across runs, keeping the formatting.

Each DOCX block names its XML part, the paragraph (index in ``root.iter(w:p)``) and
the offset in the paragraph's joined text (reviewer/parsers/ooxml_text.py defines the
join).  This module walks the same ``w:p`` with the same rules, keeping the element
that holds each character, checks that the block's text is found where the block
says, and rewrites the ``w:t`` elements: the first run of a span receives the
replacement, the others lose their share of the span, each keeping its ``w:rPr``.
Tabs and breaks inside a span are removed.  Text boxes that Word writes twice
(DrawingML and a VML fallback) are edited in both copies.

Then docx_clean.py resolves tracked changes, removes comments, clears the
properties, drops thumbnails and customXml, and strips rsids.  Zip members keep their
order and timestamps; XML is parsed without entities or network access.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import defaultdict

from lxml import etree

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.parsers.ooxml_extra import part_carriers
from reviewer.redaction import docx_clean as clean
from reviewer.redaction import docx_media, docx_parts
from reviewer.redaction.plan import Removal, apply_to_text, hidden_segments, needle_strings, replacement_pieces
from reviewer.redaction.verify import compact

W = clean.W
w = clean.w
_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP = {w("pPr"), w("rPr"), w("instrText"), w("delInstrText"), w("txbxContent"), f"{{{MC}}}Fallback", w("p"),
         w("delText")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Parts that hold no text, no tracked change and no rsid: copied byte for byte.
_UNTOUCHED = ("word/theme/", "word/fontTable", "word/webSettings", "word/media/", "word/embeddings/")
EDITED_PARTS = {"body", "table", "header", "footer", "footnote", "endnote", "textbox", "insertion", "glossary"}
# Values outside the paragraphs that are edited in place (reviewer/parsers/ooxml_extra.py);
# the other carrier kinds (custom_xml, people, variable, macro, comment) go with their part.
CARRIER_PARTS = {"link", "alt_text", "field", "equation", "watermark", "drawing", "theme", "chart", "diagram",
                 "other"}


def _parser() -> etree.XMLParser:
    # comments and processing instructions go, as in the parser: they can hold text too
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False,
                           remove_comments=True, remove_pis=True)


class _Atom:
    __slots__ = ("el", "start", "orig_len", "is_text")

    def __init__(self, el, start: int, orig_len: int, is_text: bool):
        self.el, self.start, self.orig_len, self.is_text = el, start, orig_len, is_text


def _atoms(p) -> tuple[list[_Atom], str]:
    atoms: list[_Atom] = []
    parts: list[str] = []
    pos = 0

    def walk(el):
        nonlocal pos
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("t"):
                if child.text:
                    atoms.append(_Atom(child, pos, len(child.text), True))
                    parts.append(child.text)
                    pos += len(child.text)
            elif tag in _CHARS:
                atoms.append(_Atom(child, pos, 1, False))
                parts.append(_CHARS[tag])
                pos += 1
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                walk(choice if choice is not None else child)
            else:
                walk(child)

    walk(p)
    return atoms, "".join(parts)


def _edit_paragraph(p, edits: list[tuple[int, int, str, str]]) -> None:
    """Apply ``(start, end, replacement, expected_text)`` edits to one ``w:p``."""
    atoms, joined = _atoms(p)
    for s, e, new, expect in edits:
        if joined[s:e] != expect:
            raise RedactionError("A DOCX paragraph does not hold the text the parser reported; nothing was written.",
                                 code="docx_text_mismatch")
    for s, e, new, _ in sorted(edits, key=lambda t: -t[0]):
        if len(new) == e - s:
            _edit_in_place(atoms, joined, s, e, new)
            continue
        placed = False
        for a in atoms:
            a_end = a.start + a.orig_len
            if a_end <= s or a.start >= e:
                continue
            if not a.is_text:
                parent = a.el.getparent()
                if parent is not None:
                    parent.remove(a.el)
                continue
            text = a.el.text or ""
            lo, hi = max(s - a.start, 0), min(e - a.start, a.orig_len)
            if not placed:
                text = text[:lo] + new + text[hi:]
                placed = True
            else:
                text = text[:lo] + text[hi:]
            a.el.text = text
            a.el.set(_XML_SPACE, "preserve")
        if not placed and new:
            # The span held only tabs or breaks: put the replacement in a new run there.
            raise RedactionError("A DOCX span without text cannot carry its replacement.", code="docx_text_mismatch")


def _edit_in_place(atoms: list[_Atom], joined: str, s: int, e: int, new: str) -> None:
    """A length-preserving mask (510203********1234): each run keeps its own characters'
    share of the replacement, so formatting stays character by character."""
    for a in atoms:
        a_end = a.start + a.orig_len
        if a_end <= s or a.start >= e:
            continue
        if not a.is_text:
            if new[a.start - s] != joined[a.start]:
                parent = a.el.getparent()
                if parent is not None:
                    parent.remove(a.el)
            continue
        lo, hi = max(s - a.start, 0), min(e - a.start, a.orig_len)
        text = a.el.text or ""
        a.el.text = text[:lo] + new[a.start + lo - s:a.start + hi - s] + text[hi:]
        a.el.set(_XML_SPACE, "preserve")


def _plan_edits(doc: Document, removals: list[Removal]) -> tuple[dict, dict, set, list[str]]:
    """``{xml_part: {paragraph: [edits]}}``, the same for carriers (``{xml_part: {node: [edits]}}``),
    the altChunk parts that hold removed text, and the texts of properties to treat as sensitive."""
    edits: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    carriers: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    chunks: set[str] = set()
    for r in removals:
        blocks = [b for b in doc.blocks_in(r.start, r.end)]
        cuts = [(max(r.start, b.start), min(r.end, b.end)) for b in blocks]
        pieces = replacement_pieces(r, cuts) if cuts else []
        for b, (s, e), new in zip(blocks, cuts, pieces):
            if b.part in ("alt_chunk", "other", "image") and "node" not in b.location:
                chunks.add(b.location["xml_part"])  # read whole, cannot be edited: the member goes
                continue
            if b.part in CARRIER_PARTS and "node" in b.location:
                off = s - b.start
                carriers[b.location["xml_part"]][int(b.location["node"])].append((off, off + (e - s), new, doc.text[s:e]))
                continue
            if b.part not in EDITED_PARTS:
                continue  # comments, deletions, properties and the like are removed whole
            loc = b.location
            off = int(loc.get("char_offset", 0)) + (s - b.start)
            item = (off, off + (e - s), new, doc.text[s:e])
            edits[loc["xml_part"]][int(loc["paragraph"])].append(item)
            if loc.get("mirror_paragraph") is not None:
                edits[loc["xml_part"]][int(loc["mirror_paragraph"])].append(item)
    sensitive: set[str] = set()
    for text in needle_strings(removals):
        c = compact(text)
        digits = "".join(ch for ch in c if ch.isdigit())
        sensitive.update(x for x in (c, digits if len(digits) >= 6 else "") if x)
    return edits, carriers, chunks, sorted(sensitive)


def _scrub_pairs(doc: Document, removals: list[Removal]) -> list[tuple[str, str]]:
    """(removed text, replacement) for the values outside the text walk; a text the
    reviewer kept elsewhere in the document is left alone (it is not secret there)."""
    kept = apply_to_text(doc.text, removals)
    out = []
    for r in removals:
        core = r.text.strip()
        if _distinctive(core) and core not in kept:
            out.append((core, r.replacement.strip() or "*"))
        for seg in hidden_segments(r):
            if _distinctive(seg) and seg not in kept:
                out.append((seg, "*" * len(seg)))
    return sorted(set(out), key=lambda p: -len(p[0]))


def doc_chunk(doc: Document, name: str) -> bool:
    return any(b.part == "alt_chunk" and b.location.get("xml_part") == name for b in doc.blocks)


def _looks_xml(data: bytes) -> bool:
    """XML in any encoding the parser reads: UTF-8 with or without BOM, UTF-16 either way."""
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:2] in (b"<\x00", b"\x00<"):
        return True
    return data.lstrip()[:1] == b"<"


def _distinctive(s: str) -> bool:
    """Long enough to replace in attribute values without hitting names by chance:
    2 characters with a non-ASCII one (张三), 6 otherwise (never "dp" of "wordprocessingml")."""
    return len(s) >= 6 or (len(s) >= 2 and not s.isascii())


def redact_docx(doc: Document, removals: list[Removal], strip_rsid: bool = True) -> tuple[bytes, dict]:
    edits, carrier_edits, chunks, sensitive_texts = _plan_edits(doc, removals)

    def sensitive(value: str) -> bool:
        c = compact(value)
        return any(t in c for t in sensitive_texts)

    read_parts = {b.location.get("xml_part") for b in doc.blocks if b.location.get("xml_part")}
    pairs = _scrub_pairs(doc, removals)
    zin = zipfile.ZipFile(io.BytesIO(doc.source))
    infos = zin.infolist()
    names = {i.filename for i in infos}
    dropped = {n: why for n in names if (why := clean.is_dropped_part(n) or docx_parts.always_dropped(n))}
    for n in chunks:
        if n not in names:
            continue
        if n.startswith("word/media/"):
            if not docx_media.strippable(zin.read(n)):  # a metafile drawing removed text
                dropped[n] = "含删除内容的图片"
        else:
            dropped[n] = "导入内容（altChunk）" if doc_chunk(doc, n) else "无法逐字处理的部件"
    for n in list(names):  # the relationships of a dropped part go with it
        src = n[:-5].replace("/_rels/", "/", 1) if n.endswith(".rels") and "/_rels/" in n else None
        if src in dropped and n not in dropped:
            dropped[n] = dropped[src]
    cleaned: list[str] = sorted({f"{why}（{n}）" for n, why in dropped.items() if not n.endswith(".rels")})
    out_parts: dict[str, bytes] = {}
    removed_ids: dict[str, set[str]] = {}
    stats = {"tracked_changes": 0, "comment_marks": 0, "paragraphs_edited": 0, "scrubbed": 0, "values_edited": 0,
             "references_removed": 0, "picture_metadata": 0}
    for info in infos:
        name = info.filename
        if name in dropped:
            continue
        data = zin.read(info)
        if name.startswith("word/media/") and docx_media.strippable(data):
            data, n = docx_media.strip_metadata(data)
            stats["picture_metadata"] += n
        is_xml = name.endswith((".xml", ".rels", ".vml")) and _looks_xml(data)
        if not is_xml or (name not in edits and name not in carrier_edits and name.startswith(_UNTOUCHED)):
            out_parts[name] = data
            continue
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError:
            raise RedactionError(f"Part {name!r} of the DOCX is not well-formed XML, so it cannot be cleaned or "
                                 "checked; nothing was written.", code="docx_unreadable_part",
                                 details={"part": name}) from None
        if isinstance(root.tag, str) and root.tag.startswith("{http://purl.oclc.org/ooxml/"):
            raise RedactionError("This DOCX is saved as Strict Open XML, which redaction does not write yet; "
                                 "save it as an ordinary Word document (.docx) and try again.",
                                 code="docx_strict_unsupported")
        if name in carrier_edits:
            found = part_carriers(name, root)
            for idx, items in carrier_edits[name].items():
                if idx >= len(found):
                    raise RedactionError("A DOCX block points at a value that does not exist.", code="docx_text_mismatch")
                docx_parts.edit_carrier(found[idx], items)
                stats["values_edited"] += 1
        if name in edits:
            paras = list(root.iter(w("p")))
            for idx, items in edits[name].items():
                if idx >= len(paras):
                    raise RedactionError("A DOCX block points at a paragraph that does not exist.",
                                         code="docx_text_mismatch")
                _edit_paragraph(paras[idx], items)
                stats["paragraphs_edited"] += 1
        # only the pairs this part can hold (a value with XML escapes is always tried);
        # never the package's own wiring (content types, relationship types)
        here = [p for p in pairs if p[0].encode() in data or any(c in p[0] for c in "&<>\"'")]
        if here and name != "[Content_Types].xml":
            rels = root.tag == f"{{{clean.PR}}}Relationships"
            stats["scrubbed"] += clean.scrub_values(root, here, text_nodes=name not in read_parts and not rels,
                                                    external_targets_only=rels)
        if root.tag.startswith(f"{{{W}}}"):
            stats["tracked_changes"] += clean.resolve_tracked_changes(root)
            stats["comment_marks"] += clean.remove_comment_marks(root)
            if strip_rsid:
                clean.strip_rsid(root)
            if root.tag == w("settings"):
                clean.clean_settings(root)
        elif root.tag == f"{{{clean.CP}}}coreProperties":
            cleaned += [f"核心属性：{x}" for x in clean.clean_core(root, sensitive)]
        elif root.tag == f"{{{clean.APP}}}Properties":
            cleaned += [f"扩展属性：{x}" for x in clean.clean_app(root)]
        elif root.tag == f"{{{clean.PR}}}Relationships":
            gone = clean.clean_rels(root, name, set(dropped))
            if gone:
                source = posixpath.join(clean.rels_source_dir(name), posixpath.basename(name)[:-5])
                removed_ids[source] = gone
        out_parts[name] = root  # serialised below, after content types know what is left
    roots = {n: v for n, v in out_parts.items() if not isinstance(v, bytes)}
    n_refs, orphans = docx_parts.remove_references(roots, removed_ids)
    stats["references_removed"] = n_refs
    for media in docx_parts.drop_orphans(roots, orphans, docx_parts.rels_name_of):
        if out_parts.pop(media, None) is not None:
            dropped[media] = "嵌入对象的预览图"
            cleaned.append(f"嵌入对象的预览图（{media}）")
    present = set(out_parts)
    ct_name = "[Content_Types].xml"
    if ct_name in out_parts and not isinstance(out_parts[ct_name], bytes):
        clean.clean_content_types(out_parts[ct_name], set(dropped), present)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in infos:
            if info.filename not in out_parts:
                continue
            value = out_parts[info.filename]
            if not isinstance(value, bytes):
                root = value
                value = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                if strip_rsid and root.tag.startswith(f"{{{W}}}"):
                    value = clean.strip_rsid_attrs(value, root)
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, value)
    if stats["tracked_changes"]:
        cleaned.append(f"修订记录 {stats['tracked_changes']} 处（接受插入，删除内容不保留）")
    if stats["comment_marks"]:
        cleaned.append(f"批注标记 {stats['comment_marks']} 处")
    if stats["scrubbed"]:
        cleaned.append(f"属性值、域代码等处的删除内容 {stats['scrubbed']} 处")
    if strip_rsid:
        cleaned.append("修订会话标识（rsid）")
    if stats["values_edited"]:
        cleaned.append(f"超链接、替代文字、域代码等处的删除内容 {stats['values_edited']} 处")
    if stats["picture_metadata"]:
        cleaned.append(f"图片元数据（说明、Exif、XMP 等）{stats['picture_metadata']} 处")
    if stats["references_removed"]:
        cleaned.append(f"指向已删除部件的对象 {stats['references_removed']} 处")
    warnings = []
    pictures = sum(1 for n in names if n.startswith("word/media/"))
    if pictures:
        warnings.append(f"文件含 {pictures} 张图片，图片中的文字未经审查")
    return buf.getvalue(), {"cleaned": cleaned, "warnings": warnings, "rasterised_pages": [], **stats}
