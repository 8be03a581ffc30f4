"""Plain text: apply the removals and write the bytes back as the file came in.

The encoding (UTF-8, UTF-8 with BOM, UTF-16 with or without BOM, GB18030, Big5) and the newline
style come from the parser's metadata.  A replacement character the encoding cannot
hold (■ in Big5, say) is an error, never a silent '?'.
"""

from __future__ import annotations

import codecs

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.redaction.plan import Removal, apply_to_text

_BOM = {"utf-16": codecs.BOM_UTF16_LE, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def redact_txt(doc: Document, removals: list[Removal]) -> tuple[bytes, dict]:
    text = apply_to_text(doc.text, removals)
    newline = doc.metadata.newline or "\n"
    if newline != "\n":
        text = text.replace("\n", newline)
    enc = (doc.metadata.encoding or "utf-8").lower().replace("_", "-")
    try:
        if enc in _BOM and (enc == "utf-16" or doc.source[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # utf-16 as the parser names it means a BOM-marked file: keep the byte order.
            # utf-16-le / utf-16-be without a BOM in the source stay without one.
            bom = _BOM[enc]
            if doc.source[:2] == codecs.BOM_UTF16_BE:
                bom = codecs.BOM_UTF16_BE
            data = bom + text.encode("utf-16-be" if bom == codecs.BOM_UTF16_BE else "utf-16-le")
        else:
            data = text.encode(enc)  # "utf-8-sig" writes its BOM itself
    except UnicodeEncodeError as exc:
        raise RedactionError(
            f"The replacement text cannot be written in the file's encoding ({enc}); choose another mask style.",
            code="encoding_cannot_hold_mask", details={"encoding": enc, "char": exc.object[exc.start:exc.end]},
        ) from None
    except LookupError:
        raise RedactionError(f"Unknown text encoding {enc!r}.", code="unknown_encoding") from None
    # A trailing newline the file had is kept by apply_to_text (it is in doc.text).
    return data, {"encoding": enc, "newline": repr(newline), "cleaned": []}
