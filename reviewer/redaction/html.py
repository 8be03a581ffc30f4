"""HTML: the masked text written back into the page source where each block came from.

Each block names its span of the decoded source (``src``, ``src_end``) and its text is exactly
that span decoded; the engine checks it (``html_text_mismatch`` otherwise) and replaces the
span: visible text and attribute values HTML-escaped, comments and scripts as they are.  The
page is written back in its own encoding (a mask the encoding cannot hold is
``encoding_cannot_hold_mask``).
"""

from __future__ import annotations

import html

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.parsers.html_parser import pieces
from reviewer.parsers.txt_parser import decode
from reviewer.redaction.plan import Removal
from reviewer.redaction.xlsx import block_texts

RAW_PARTS = {"html_comment", "script"}


def redact_html(doc: Document, removals: list[Removal]) -> tuple[bytes, dict]:
    src, encoding = decode(doc.source)
    edits = []
    for i, new in block_texts(doc, removals).items():
        b = doc.blocks[i]
        s, e = b.location["src"], b.location["src_end"]
        got = src[s:e] if b.part in RAW_PARTS else "".join(t for t, _a, _b in pieces(src, s, e))
        if got != doc.text[b.start:b.end]:
            raise RedactionError("A block of the page does not hold the text the parser reported; nothing was written.",
                                 code="html_text_mismatch", details={"line": b.location.get("line")})
        if b.part in RAW_PARTS:
            new = new.replace("-->", "").replace("</", "<\\/")
        else:
            new = html.escape(new, quote=True)
        edits.append((s, e, new))
    out, pos = [], 0
    for s, e, new in sorted(edits):
        out.append(src[pos:s])
        out.append(new)
        pos = e
    out.append(src[pos:])
    text = "".join(out)
    enc = encoding or "utf-8"
    try:
        data = text.encode(enc)
    except UnicodeEncodeError as exc:
        raise RedactionError(f"The replacement text cannot be written in the page's encoding ({enc}).",
                             code="encoding_cannot_hold_mask", details={"encoding": enc,
                                                                        "char": exc.object[exc.start:exc.end]}) from None
    return data, {"encoding": enc, "spans_edited": len(edits), "cleaned": []}
