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


def found(findings, type_: str) -> list[str]:
    return [f.text for f in findings if f.type == type_]
