"""OCR of the pictures inside a DOCX (``word/media/*``: PNG, JPEG, TIFF, BMP, WebP).

Each picture is decoded by Pillow and read; its lines become ``ocr`` blocks after
everything the DOCX parser read::

    part="ocr", location={"xml_part": "word/media/image1.png", "image": "word/media/image1.png",
                          "page": 1, "line": i, "source": "ocr", "confidence": c, "image_format": "PNG"}

with boxes in pixels of the picture.  ``page`` numbers the pictures in package order.  The
parser's ``images`` notice (text in the pixels not read) is dropped when every picture was
read; a picture that could not be decoded or read is in the blocking ``ocr_unreadable``
notice (by member name).  Metafiles (EMF, WMF) and GIF are not read by OCR.
"""

from __future__ import annotations

import io
import time
import zipfile

from reviewer.document import Document
from reviewer.ocr.engine import DEFAULT_SETTINGS, OcrError, OcrSettings, read_image
from reviewer.ocr.notices import add_ocr_notices, unreadable
from reviewer.ocr.pdf_pages import append_lines


def media_members(data: bytes) -> list[str]:
    from reviewer.formats.image import sniff

    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if info.filename.startswith("word/media/") and not info.is_dir():
                with z.open(info) as fh:
                    head = fh.read(64)
                if sniff(head + b"\0" * 64):
                    out.append(info.filename)
    return out


def decode(blob: bytes):
    from reviewer.parsers.image_parser import frames, open_image

    img = open_image(blob)
    n, frame, error = next(frames(img))
    if error is not None:
        raise error
    return img.format, frame


def read_docx_media(doc: Document, data: bytes, settings: OcrSettings = DEFAULT_SETTINGS) -> Document:
    names = media_members(data)
    if not names:
        return doc
    results, failed, lines_by_key, extras = {}, {}, {}, {}
    t_end = time.monotonic() + settings.max_seconds
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for idx, name in enumerate(names, start=1):
            if time.monotonic() > t_end:
                failed[name] = "timeout"
                continue
            try:
                kind, frame = decode(z.read(name))
                page = read_image(frame, settings)
            except OcrError as exc:
                failed[name] = exc.code
                continue
            except Exception:
                failed[name] = "image_unreadable"
                continue
            results[idx] = page
            lines_by_key[idx] = [(ln, list(ln.char_boxes)) for ln in page.lines]
            reason = unreadable(page, settings)
            if reason:
                failed[name] = reason
            extras[idx] = {"xml_part": name, "image": name, "image_format": kind}
    for idx in sorted(lines_by_key):
        append_lines(doc, {idx: lines_by_key[idx]}, results, settings, extra=extras[idx])
    by_name = {names[i - 1]: p for i, p in results.items()}
    if not failed:
        doc.warnings[:] = [n for n in doc.warnings if n.code != "images"]
    add_ocr_notices(doc, by_name, failed, settings, unit="image")
    return doc

