"""Standalone pictures (PNG, JPEG, TIFF incl. multi-page, BMP, WebP): read by OCR.

The text is what OCR reads in each frame (``ocr`` blocks, boxes in pixels of the frame,
origin top-left); a redacted copy is a picture of the same type with the removed values
painted out, checked by reading it again (reviewer/redaction/image.py).
"""

from __future__ import annotations

from reviewer.formats import Format, register

def sniff(data: bytes) -> bool:
    """A picture's signature *and* its first header, so 8 bytes of PNG magic followed by
    junk stay a refusal (``unsupported_format``), not a picture to read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data[12:16] == b"IHDR"
    if data.startswith(b"\xff\xd8\xff"):
        return len(data) > 3 and (0xE0 <= data[3] <= 0xEF or data[3] in (0xDB, 0xC0, 0xC2, 0xC4, 0xFE))
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return len(data) >= 16
    if data.startswith(b"BM") and len(data) >= 26:
        return int.from_bytes(data[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.image_parser import parse_image

    return parse_image(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction.image import redact_image

    return redact_image(doc, removals, options.get("boxes", ()))


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.image import verify_image

    return verify_image(output, needles, doc=doc, engine=engine)


FORMAT = register(Format(
    name="image", label="图片（扫描件、照片）",
    extensions=(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"),
    mime_types=("image/png", "image/jpeg", "image/tiff", "image/bmp", "image/webp"),
    sniff=sniff, parse=parse, redact=redact, verify=verify, location_kinds=("ocr",), priority=20, accepts_boxes=True,
    notes="OCR (rapidocr); location page (frame), line, confidence, boxes in pixels; redacted in the pixels, same type",
))
