"""DOCX: every piece of text a reader could see or recover, mapped back to its XML.

The package is opened under the limits first (:mod:`ooxml_package`: zip bombs,
member counts, encryption, XXE); then the main document, its headers and footers,
footnotes, endnotes and comments are read with lxml — not with python-docx, whose
``paragraph.text`` drops tracked insertions — and the document properties last.

Text order: body (paragraphs and table cells in document order, one line each),
headers, footers, footnotes, endnotes, text boxes, comments, glossary, deleted text,
properties, then the values outside the paragraphs (in package order).
Location schema: see :mod:`reviewer.document` and :mod:`ooxml_text`; DOCX blocks carry
``xml_part``, ``paragraph`` (index in ``root.iter(w:p)`` order) and ``char_offset``
(into the paragraph's joined text; for ``deletion`` blocks, into the concatenation of
the paragraph's ``w:delText``), plus ``table/row/col``, ``kind``, ``comment_id``,
``note_id``, ``author``/``date`` where they apply.  A text box that Word also wrote
as a VML fallback copy is read once; ``mirror_paragraph`` gives the copy's index.

Everything else that carries text (attributes, field codes, the glossary, charts,
altChunks, embedded objects, macro projects, any other part) is read by
:mod:`ooxml_extra` and comes last, one block per value.

Warnings (``Document.warnings``): ``tracked_changes``, ``comments``, ``macros``,
``embedded_objects``, ``images``, ``alt_chunk``, ``external_relationships``,
``custom_xml``, ``hidden_text``, ``charts_diagrams``, ``unreadable_part``; tracked changes and comments list
their authors in ``details`` (names that ship with the file).
"""

from __future__ import annotations

import posixpath
import re

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.errors import CorruptFileError, LimitExceededError, ReviewerError
from reviewer.parsers import ooxml_props as props
from reviewer.parsers.ooxml_extra import read_extra
from reviewer.parsers.ooxml_package import Package, make_parser
from reviewer.parsers.ooxml_text import (
    W_DEL, W_INS, Para, deleted_segments, read_part, segments, w,
)
from reviewer.settings import DEFAULT_LIMITS, Limits

_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CUSTOM_XML_ITEM = re.compile(r"^customXml/item\d+\.xml$", re.IGNORECASE)
_ORPHAN = re.compile(r"^(header|footer)\d*\.xml$|^(footnotes|endnotes|comments)\.xml$")


class _Part:
    """One parsed XML part and what the text walk needs to know about it."""

    def __init__(self, name: str, part: str, root, paras: list[Para], extra: dict | None = None):
        self.name, self.part, self.root, self.paras, self.extra = name, part, root, paras, extra or {}


def _main_part_name(pkg: Package, pkg_rels) -> str:
    for rel in pkg_rels:
        if rel.type.endswith("/officeDocument") and not rel.external and pkg.has(rel.target):
            return rel.target
    if pkg.has("word/document.xml"):
        return "word/document.xml"
    raise CorruptFileError("The package has no word/document.xml, so it is not a readable Word document.")


def _hf_kinds(root) -> dict[str, str]:
    """rId of each header/footer reference → its kind (first reference wins)."""
    kinds: dict[str, str] = {}
    for tag in (w("headerReference"), w("footerReference")):
        for ref in root.iter(tag):
            rid = ref.get(_R_ID)
            if rid and rid not in kinds:
                kinds[rid] = ref.get(w("type")) or "default"
    return kinds


class _Reader:
    def __init__(self, data: bytes, limits: Limits, deadline):
        self.limits = limits
        self.check = deadline.check if deadline is not None else (lambda: None)
        self.pkg = Package(data, limits)
        self.parser = make_parser()
        self.external: list[str] = []
        self.rel_types: list[str] = []

    def load(self, name: str, part: str, extra: dict | None = None) -> _Part:
        self.check()
        root = self.pkg.xml(name, self.parser)
        return _Part(name, part, root, read_part(root, check=self.check), extra)

    def rels(self, name: str):
        rels = self.pkg.rels(name, self.parser)
        for rel in rels:
            self.rel_types.append(rel.short_type)
            if rel.external and rel.target not in self.external:
                self.external.append(rel.target)
        return rels

    def read(self) -> tuple[list[_Part], dict[str, list[_Part]], list, dict]:
        pkg_rels = self.rels("")
        main_name = _main_part_name(self.pkg, pkg_rels)
        main = self.load(main_name, "body")
        if main.root.tag != w("document"):
            raise CorruptFileError("The main part of the package is not a Word document body.",
                                   details={"part": main_name})
        groups: dict[str, list[_Part]] = {"header": [], "footer": [], "footnote": [], "endnote": [], "comment": [],
                                          "glossary": []}
        kinds = _hf_kinds(main.root)
        order = {rid: i for i, rid in enumerate(kinds)}
        main_rels = self.rels(main_name)
        loaded = {main_name}
        for rel in sorted(main_rels, key=lambda r: (order.get(r.id, len(order)), r.target)):
            if rel.external or not self.pkg.has(rel.target) or rel.target in loaded:
                continue
            kind = rel.short_type
            if kind in ("header", "footer"):
                extra = {"kind": kinds[rel.id]} if rel.id in kinds else {}
                groups[kind].append(self.load(rel.target, kind, extra))
            elif kind in ("footnotes", "endnotes", "comments"):
                groups[kind[:-1]].append(self.load(rel.target, kind[:-1]))
            elif kind == "glossaryDocument":
                groups["glossary"].append(self.load(rel.target, "glossary"))
            elif kind == "settings":
                self.rels(rel.target)  # an attached template is an external relationship here
            loaded.add(rel.target)
        # Parts nobody references are not shown by Word but still ship with the file.
        folder = posixpath.dirname(main_name)
        for name in self.pkg.names:
            m = _ORPHAN.match(posixpath.relpath(name, folder) if folder else name)
            if m and name not in loaded and posixpath.dirname(name) == folder:
                group = m[1] or m[2][:-1]
                groups[group].append(self.load(name, group, {"unreferenced": True}))
                loaded.add(name)
        glossary = "word/glossary/document.xml"
        if not groups["glossary"] and self.pkg.has(glossary) and glossary not in loaded:
            groups["glossary"].append(self.load(glossary, "glossary", {"unreferenced": True}))
        for part in (p for g in groups.values() for p in g):
            self.rels(part.name)
        fields: list = []
        meta: dict = {}
        by_type: dict[str, str] = {}
        for rel in pkg_rels:
            if not rel.external:
                by_type.setdefault(rel.short_type, rel.target)
        for short, default, reader in (("core-properties", props.CORE, props.read_core),
                                       ("extended-properties", props.APP, props.read_app),
                                       ("custom-properties", props.CUSTOM, props.read_custom)):
            target = by_type.get(short, default)
            if not self.pkg.has(target):
                target = default  # unreferenced properties still ship with the file
            if self.pkg.has(target):
                self.check()
                reader(self.pkg.xml(target, self.parser), fields, meta)
        return [main], groups, fields, meta


def _emit(tb: TextBuilder, part: _Part, para: Para, name: str, deletions: list) -> None:
    base = {"xml_part": part.name, "paragraph": para.index}
    ctx = {**part.extra, **para.context}
    for text, ins, off in segments(para):
        loc = {**base, "char_offset": off, **ctx}
        if ins is None:
            tb.add(text, name, loc)
        else:
            loc["author"] = ins[0]
            if ins[1]:
                loc["date"] = ins[1]
            tb.add(text, "insertion", loc)
    if para.deleted:
        deletions.append((part, para, {**base, **ctx}))


def _body_part(part: _Part, para: Para) -> str:
    if part.part == "body":
        return "table" if "table" in para.context else "body"
    return part.part


def _build_text(main: list[_Part], groups: dict[str, list[_Part]], fields: list, extra: list, limits: Limits,
                check) -> TextBuilder:
    tb = TextBuilder()
    deletions: list = []
    textboxes: list = []
    ordered = main + groups["header"] + groups["footer"] + groups["footnote"] + groups["endnote"]
    for part in ordered:
        for para in part.paras:
            if para.skip:
                continue
            if para.in_textbox:
                textboxes.append((part, para))
                continue
            _emit(tb, part, para, _body_part(part, para), deletions)
            if para.pieces or part.part == "body":
                tb.sep("\n")
        check()
        _bound(tb, limits)
    for part, para in textboxes:
        _emit(tb, part, para, "textbox", deletions)
        if para.pieces:
            tb.sep("\n")
    for part in groups["comment"]:
        for para in part.paras:
            if para.skip:
                continue
            _emit(tb, part, para, "textbox" if para.in_textbox else "comment", deletions)
            if para.pieces:
                tb.sep("\n")
    for part in groups["glossary"]:
        for para in part.paras:
            if not para.skip:
                _emit(tb, part, para, "glossary", deletions)
                if para.pieces:
                    tb.sep("\n")
    _bound(tb, limits)
    for part, para, base in deletions:
        for text, (author, date), off in deleted_segments(para):
            loc = {**base, "char_offset": off, "author": author}
            if date:
                loc["date"] = date
            tb.add(text, "deletion", loc)
            tb.sep("\n")
    for xml_part, field, value in fields:
        tb.add(value, "properties", {"xml_part": xml_part, "field": field})
        tb.sep("\n")
    _bound(tb, limits)
    for part, loc, value in extra:
        tb.add(value, part, loc)
        tb.sep("\n")
        if len(tb) > limits.max_chars:
            _bound(tb, limits)
    return tb


def _bound(tb: TextBuilder, limits: Limits) -> None:
    if len(tb) > limits.max_chars:
        raise LimitExceededError(
            f"The document has more than {limits.max_chars:,} characters of text.",
            details={"limit": "max_chars", "value": limits.max_chars},
        )


def _count(parts: list[_Part], *tags: str) -> int:
    return sum(1 for p in parts for tag in tags for _ in p.root.iter(tag))


def _authors(parts: list[_Part], *tags: str) -> list[str]:
    """Names in ``w:author`` of the given elements: they ship with the file too."""
    names = {el.get(w("author")) for p in parts for tag in tags for el in p.root.iter(tag)}
    return sorted(n for n in names if n)[:20]


def _hidden_runs(parts: list[_Part]) -> int:
    vanish, rpr, run = w("vanish"), w("rPr"), w("r")
    n = 0
    for p in parts:
        for v in p.root.iter(vanish):
            parent = v.getparent()
            if parent is not None and parent.tag == rpr and parent.getparent() is not None \
                    and parent.getparent().tag == run:
                n += 1
    return n


def _custom_xml_items(reader: _Reader) -> int:
    n = 0
    for name in reader.pkg.names:
        if not _CUSTOM_XML_ITEM.match(name):
            continue
        try:
            root = reader.pkg.xml(name, reader.parser)
        except ReviewerError:
            n += 1
            continue
        if not (isinstance(root.tag, str) and root.tag.endswith("}Sources") and len(root) == 0):
            n += 1  # an empty bibliography list is what Word adds to every file
    return n


def _warnings(reader: _Reader, parts: list[_Part], groups: dict[str, list[_Part]]) -> list[Notice]:
    out: list[Notice] = []
    names = reader.pkg.names
    ins, dels = _count(parts, W_INS, w("moveTo")), _count(parts, W_DEL, w("moveFrom"))
    if ins or dels:
        authors = _authors(parts, W_INS, W_DEL, w("moveTo"), w("moveFrom"))
        out.append(Notice("tracked_changes", f"The document has tracked changes ({ins} insertions, {dels} "
                          "deletions) by " + ("、".join(authors) or "unnamed authors") + "; deleted text is "
                          "included in the review.", {"insertions": ins, "deletions": dels, "authors": authors}))
    comments = _count(groups["comment"], w("comment"))
    if comments:
        authors = _authors(groups["comment"], w("comment"))
        out.append(Notice("comments", f"The document has {comments} comment(s) by "
                          + ("、".join(authors) or "unnamed authors") + "; they are included in the review.",
                          {"count": comments, "authors": authors}))
    macros = [n for n in names if posixpath.basename(n).lower() in ("vbaproject.bin", "vbadata.xml")]
    if macros:
        out.append(Notice("macros", "The document contains macros (VBA); they were not run, their names and "
                          "strings are included in the review, and redaction removes them.",
                          {"parts": macros[:10]}))
    embedded = [n for n in names if n.startswith("word/embeddings/")]
    if embedded:
        out.append(Notice("embedded_objects", f"The document has {len(embedded)} embedded object(s); their "
                          "strings were read as far as they can be, and redaction removes them.", {"count": len(embedded)}))
    media = [n for n in names if n.startswith("word/media/")]
    if media:
        out.append(Notice("images", f"The document has {len(media)} image(s); their metadata is read, "
                          "text in the pixels is not (no OCR).",
                          {"count": len(media)}))
    chunks = _count(parts, w("altChunk")) or reader.rel_types.count("aFChunk")
    if chunks:
        out.append(Notice("alt_chunk", f"The document imports {chunks} external chunk(s) (altChunk); their "
                          "text is included in the review, and redaction removes a chunk that holds removed text.", {"count": chunks}))
    if reader.external:
        out.append(Notice("external_relationships", f"The document links to {len(reader.external)} external "
                          "target(s) (links, templates or images outside the file).",
                          {"targets": reader.external[:20]}))
    drawings = [n for n in names if n.startswith(("word/charts/", "word/diagrams/")) and n.endswith(".xml")
                and "/_rels/" not in n]
    if drawings:
        out.append(Notice("charts_diagrams", f"The document has {len(drawings)} chart or SmartArt part(s); their "
                          "text is included in the review.", {"parts": drawings[:20]}))
    custom = _custom_xml_items(reader)
    if custom:
        out.append(Notice("custom_xml", f"The package has {custom} custom XML part(s); their data is included "
                          "in the review, and redaction removes them.",
                          {"count": custom}))
    hidden = _hidden_runs(parts)
    if hidden:
        out.append(Notice("hidden_text", f"{hidden} run(s) of text are formatted as hidden; they are included "
                          "in the review.", {"count": hidden}))
    return out


def parse_docx(data: bytes, *, limits: Limits | None = None, deadline=None) -> Document:
    """Read a DOCX package into a :class:`Document` (see the module docstring)."""
    limits = limits or DEFAULT_LIMITS
    reader = _Reader(data, limits, deadline)
    main, groups, fields, meta = reader.read()
    parts = main + [p for g in groups.values() for p in g]
    extra = read_extra(reader.pkg, reader.parser, {p.name: p.root for p in parts}, limits, reader.check)
    tb = _build_text(main, groups, fields, extra.blocks, limits, reader.check)
    metadata = Metadata(format="docx", sha256="", size=len(data), pages=props.page_count(meta),
                        encoding=None, properties=meta)
    return Document(text=tb.text(), blocks=tb.blocks, metadata=metadata,
                    warnings=_warnings(reader, parts, groups) + extra.warnings)
