"""Small builders shared by the detector tests."""

from __future__ import annotations

import hashlib

from reviewer.document import Document, Metadata, TextBuilder


def make_doc(text: str, part: str = "body") -> Document:
    """A TXT-like Document: one block per line."""
    tb = TextBuilder()
    for i, line in enumerate(text.split("\n")):
        if i:
            tb.sep("\n")
        tb.add(line, part, {"line": i + 1})
    data = text.encode("utf-8")
    meta = Metadata(format="txt", sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return Document(text=tb.text(), blocks=tb.blocks, metadata=meta)


def docx_table(rows: list[list[str]], title: str) -> Document:
    """A DOCX-like Document: a title paragraph, then one table whose cells are blocks with the
    ``table``/``row``/``col`` location the DOCX parser gives (what the column logic reads)."""
    tb = TextBuilder()
    tb.add(title, "body", {"xml_part": "word/document.xml", "paragraph": 0})
    tb.sep("\n")
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            tb.add(cell, "table", {"xml_part": "word/document.xml", "table": 0, "row": r, "col": c,
                                   "paragraph": 1 + r * 10 + c, "char_offset": 0})
            tb.sep("\t" if c < len(row) - 1 else "\n")
    text = tb.text()
    meta = Metadata(format="docx", sha256=hashlib.sha256(text.encode()).hexdigest(), size=len(text))
    return Document(text=text, blocks=tb.blocks, metadata=meta)


def found(findings, type_: str) -> list[str]:
    return [f.text for f in findings if f.type == type_]
