"""OFD (GB/T 33190) documents: page text with a page and a box per character, in page order.

Blocks: one per line of a page (``part="page"``, ``page``, ``line``; ``boxes`` in millimetres,
origin top left, ``(x0, y0, x1, y1)`` with y growing downwards), then ``annotation`` (each
annotation's remark, parameters and appearance text; ``page``, ``annot``, ``field``),
``attachment`` (the name, and the content of a text attachment), ``metadata`` (DocInfo:
title, author, abstract, keywords, custom data), ``custom_tag`` (text of the custom tag
files).  Each non-page block carries ``member`` and ``node`` for the redactor.

Warnings: ``signed`` (the document carries signatures: any redaction invalidates them),
``attachments_present``.  The package is opened like a DOCX (zip bombs, member counts,
encrypted members, DTDs and entities refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.parsers import ofd_walk as W
from reviewer.parsers.ooxml_package import Package, make_parser

DOCINFO_FIELDS = ("Title", "Author", "Subject", "Abstract", "Keyword", "Creator", "CustomData", "DocUsage")
TEXT_ATTACHMENT = (".txt", ".xml", ".csv", ".htm", ".html", ".json")


@dataclass
class Extra:
    part: str
    member: str
    loc: dict[str, Any]
    text: str
    remove: Callable[[], None]        # what redaction does when the carrier holds removed text
    set: Callable[[str], None] | None = None


def extras(pkg, parser, st: W.Package, trees: dict) -> list[Extra]:
    out: list[Extra] = []

    def tree(name):
        if name not in trees:
            trees[name] = pkg.xml(name, parser)
        return trees[name]

    for page_no, member in st.annotations:
        if not pkg.has(member):
            continue
        root = tree(member)
        for k, annot in enumerate(W.findall(root, "Annot")):
            texts = [("remark", W.text_of(annot, "Remark"))]
            texts += [(f"parameter:{p.get('Name')}", (p.text or "").strip()) for p in W.findall(annot, "Parameter")]
            texts += [("appearance", c.text or "") for c in W.findall(annot, "TextCode")]

            def drop(annot=annot):
                parent = annot.getparent()
                if parent is not None:
                    parent.remove(annot)
            for fld, t in texts:
                if t:
                    out.append(Extra("annotation", member, {"page": page_no, "annot": k, "field": fld,
                                                            "subtype": annot.get("Type")}, t, drop))
    if st.attachments and pkg.has(st.attachments):
        root = tree(st.attachments)
        for k, att in enumerate(W.findall(root, "Attachment")):
            loc = W.text_of(att, "FileLoc")
            member = W.resolve(st.attachments, loc) if loc else None

            def drop(att=att, member=member):
                parent = att.getparent()
                if parent is not None:
                    parent.remove(att)
                if member:
                    trees.setdefault("__drop__", set()).add(member)
            name = att.get("Name") or ""
            if name:
                out.append(Extra("attachment", st.attachments, {"attachment": k, "field": "name", "name": name},
                                 name, drop))
            if member and pkg.has(member) and member.lower().endswith(TEXT_ATTACHMENT):
                body = pkg.read(member).decode("utf-8", "replace")
                if body.strip():
                    out.append(Extra("attachment", st.attachments, {"attachment": k, "field": "content",
                                                                    "name": name}, body, drop))
    info = W.find(W.find(st.ofd_root, "DocBody"), "DocInfo")
    if info is not None:
        for el in info.iter():
            tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if tag in DOCINFO_FIELDS and (el.text or "").strip():
                def blank(el=el):
                    el.text = ""
                out.append(Extra("metadata", "OFD.xml", {"field": tag if tag != "CustomData" else
                                                         f"CustomData:{el.get('Name')}"}, el.text, blank))
    if st.custom_tags and pkg.has(st.custom_tags):
        for tag in W.findall(tree(st.custom_tags), "CustomTag"):
            loc = W.text_of(tag, "FileLoc")
            member = W.resolve(st.custom_tags, loc) if loc else None
            if not member or not pkg.has(member):
                continue
            for k, el in enumerate(tree(member).iter()):
                if isinstance(el.tag, str) and (el.text or "").strip():
                    def put(v, el=el):
                        el.text = v

                    def blank(el=el):
                        el.text = ""
                    out.append(Extra("custom_tag", member, {"node": k}, el.text, blank, put))
    return out


def read(data: bytes, limits, deadline=None):
    pkg = Package(data, limits)
    parser = make_parser()
    st = W.structure(pkg, parser)
    trees: dict = {"OFD.xml": st.ofd_root, st.doc_xml: st.doc_root}
    pages = []
    for number, member in st.pages:
        if not pkg.has(member):
            from reviewer.errors import CorruptFileError

            raise CorruptFileError(f"Page {number} of the OFD document ({member}) is missing.")
        if number > limits.max_pages:
            from reviewer.errors import LimitExceededError

            raise LimitExceededError(f"The OFD document has more than {limits.max_pages:,} pages.",
                                     details={"limit": "max_pages", "value": limits.max_pages})
        trees[member] = pkg.xml(member, parser)
        pages.append(W.page_glyphs(trees[member], number, member))
        if deadline is not None:
            deadline.check()
    return pkg, parser, st, trees, pages, extras(pkg, parser, st, trees)


def parse_ofd(data: bytes, *, limits=None, deadline=None) -> Document:
    from reviewer.settings import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    pkg, _parser, st, _trees, pages, extra = read(data, limits, deadline)
    tb = TextBuilder()
    for page in pages:
        if len(tb) and not tb.ends_with_newline():
            tb.sep("\n")
        for i, line in enumerate(page.lines, 1):
            if not tb.ends_with_newline():
                tb.sep("\n")
            tb.add("".join(g.ch for g in line), "page", {"page": page.number, "line": i},
                   [g.box for g in line])
    for k, ex in enumerate(extra):
        if not tb.ends_with_newline():
            tb.sep("\n")
        tb.add(ex.text, ex.part, {"member": ex.member, "node": k, **ex.loc})
    props = {ex.loc["field"]: ex.text for ex in extra if ex.part == "metadata"}
    doc = Document(text=tb.text(), blocks=tb.blocks,
                   metadata=Metadata(format="ofd", sha256="", size=len(data), pages=len(pages), properties=props))
    if st.signatures:
        doc.warnings.append(Notice("signed", "The OFD document is signed (电子签章/签名); any redaction invalidates "
                                   "the signature, and the redacted copy is written without it.",
                                   {"signatures": st.signatures}))
    names = sorted({ex.loc["name"] for ex in extra if ex.part == "attachment" and ex.loc.get("name")})
    if names:
        doc.warnings.append(Notice("attachments_present", f"The OFD document carries {len(names)} attachment(s).",
                                   {"names": names}))
    return doc
