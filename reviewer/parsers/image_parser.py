"""A standalone picture → :class:`~reviewer.document.Document`, by OCR.

PNG, JPEG, TIFF (every frame of a multi-page TIFF), BMP and WebP are decoded by Pillow.
Each frame is read by :mod:`reviewer.ocr.engine`; its lines become blocks::

    part="ocr", location={"page": n, "line": i, "source": "ocr", "confidence": c,
                          "rotation": 0, "image_format": "TIFF", "width": w, "height": h}

with one box per character in pixels of the frame (origin top-left).  A frame that
cannot be decoded (an unsupported TIFF compression, a truncated file) or read (low
confidence, nothing legible on a frame with ink) is listed in the blocking notice
``ocr_unreadable``; a file that Pillow cannot open at all is ``image_unreadable``.
"""

from __future__ import annotations

import io

from reviewer.document import Document, Metadata
from reviewer.errors import LimitExceededError, ParseError

FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff", "BMP": "bmp", "WEBP": "webp"}


def open_image(data: bytes):
    from PIL import Image

    try:
        img = Image.open(io.BytesIO(data))
        img.size  # noqa: B018 - the header is read
    except Image.DecompressionBombError:
        raise LimitExceededError("The picture is too large to decode safely.",
                                 details={"limit": "max_pixels"}) from None
    except Exception:
        raise ParseError("The picture cannot be decoded (an unsupported codec or a damaged file).",
                         code="image_unreadable") from None
    if img.format not in FORMATS:
        raise ParseError(f"Pictures of type {img.format} are not read.", code="image_unreadable")
    return img


def frames(img):
    """Each frame as an RGB Pillow image, or the exception that stopped its decoding."""
    n = getattr(img, "n_frames", 1)
    for i in range(n):
        try:
            img.seek(i)
            img.load()
            frame = img.convert("RGB")
            yield i + 1, frame, None
        except Exception as exc:  # a codec Pillow lacks for this frame: that frame is unreadable
            yield i + 1, None, exc


def parse_image(data: bytes, *, limits=None, deadline=None) -> Document:
    from reviewer.ocr.engine import OcrError, OcrSettings, read_image
    from reviewer.ocr.notices import add_ocr_notices, unreadable
    from reviewer.ocr.pdf_pages import append_lines

    settings = OcrSettings.from_env()
    img = open_image(data)
    kind = img.format
    if limits is not None and getattr(img, "n_frames", 1) > limits.max_pages:
        raise LimitExceededError(f"The picture has {img.n_frames} frames; the limit is {limits.max_pages}.",
                                 details={"limit": "max_pages", "value": limits.max_pages})
    doc = Document(text="", blocks=[], metadata=Metadata(format="image", sha256="", size=len(data)))
    results, failed, lines_by_page, sizes = {}, {}, {}, []
    for n, frame, error in frames(img):
        if error is not None:
            failed[n] = "image_unreadable"
            sizes.append(None)
            continue
        sizes.append([frame.width, frame.height])
        try:
            page = read_image(frame, settings)
        except OcrError as exc:
            failed[n] = exc.code
            continue
        results[n] = page
        lines_by_page[n] = [(ln, list(ln.char_boxes)) for ln in page.lines]
        reason = unreadable(page, settings)
        if reason:
            failed[n] = reason
    append_lines(doc, lines_by_page, results, settings, extra={"image_format": kind})
    doc.metadata.pages = len(sizes)
    doc.metadata.properties = {"image_format": kind, "frames": sizes}
    add_ocr_notices(doc, results, failed, settings, unit="page")
    return doc
