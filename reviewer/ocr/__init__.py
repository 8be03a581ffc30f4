"""OCR: text in pictures (scanned PDF pages, pictures on typed pages, standalone images).

``read_pictures(doc, fmt, data)`` is called by ``reviewer.parsers.parse_bytes`` on every
document; it adds the OCR text of what needs it as ``ocr`` blocks (pdf_pages.py) and the
notices ``ocr_read`` / ``ocr_unreadable`` (notices.py).  Standalone images are a format of
their own (reviewer/parsers/image_parser.py).  The engine (engine.py) runs rapidocr with the
models its wheel ships; nothing is downloaded.  ``REVIEWER_OCR=0`` switches OCR off (pages
are then only warned about, as before).  See docs/ocr.md.
"""

from __future__ import annotations

import os

from reviewer.document import Document


def enabled(environ=None) -> bool:
    env = os.environ if environ is None else environ
    return env.get("REVIEWER_OCR", "1").strip().lower() not in ("0", "false", "no", "off")


def read_pictures(doc: Document, fmt: str, data: bytes) -> Document:
    if fmt not in ("pdf", "docx") or not enabled():
        return doc
    from reviewer.ocr.engine import OcrSettings

    if not doc.source:
        doc.source = data
    if fmt == "docx":
        from reviewer.ocr.docx_media import read_docx_media

        return read_docx_media(doc, data, OcrSettings.from_env())
    from reviewer.ocr.pdf_pages import read_pdf_pages

    return read_pdf_pages(doc, OcrSettings.from_env())
