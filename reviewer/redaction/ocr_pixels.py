"""Redaction in pixels, for text that was read by OCR, and its check by reading again.

A removed character that came from OCR (an ``ocr`` block) has a box on a picture: a PDF
page rendered for OCR, a frame of a standalone image.  :func:`ocr_targets` gathers, per
page or frame, the boxes of the removed characters, one box per removed run and line,
with the line's OCR confidence.  :func:`paint` blacks them out in the picture itself,
with a margin, so nothing of the glyphs is left to read.

:func:`reocr_check` is the verification: the redacted pictures are read again by OCR
(the same engine, the picture as written, not the code that painted it) and every
removed string is searched in what it reads.  A picture that cannot be read again, or
one where a removed value is still read, fails closed (``VerificationError``).
"""

from __future__ import annotations

from reviewer.errors import VerificationError
from reviewer.redaction.plan import Removal

MARGIN_SHARE = 0.18      # of the box's height, added on every side
MIN_MARGIN_PX = 3


def ocr_targets(doc, removals: list[Removal]) -> dict:
    """``{page or picture member: [{"box": (x0, y0, x1, y1), "confidence": c, "line": i, "type": t}]}`` in the
    blocks' own coordinates (PDF user space for PDF, pixels for images)."""
    out: dict[int, list[dict]] = {}
    for r in removals:
        for s, e in r.hidden_ranges():
            for b in doc.blocks_in(s, e):
                if b.part != "ocr" or not b.boxes:
                    continue
                boxes = [bx for bx in b.boxes[max(s, b.start) - b.start:min(e, b.end) - b.start] if bx is not None]
                if not boxes:
                    continue
                union = (min(x[0] for x in boxes), min(x[1] for x in boxes),
                         max(x[2] for x in boxes), max(x[3] for x in boxes))
                key = b.location.get("image") or int(b.location.get("page", 1))   # a DOCX picture: its member
                out.setdefault(key, []).append(
                    {"box": union, "confidence": b.location.get("confidence"), "line": b.location.get("line"),
                     "type": r.type})
    return out


def add_drawn(targets: dict, boxes) -> dict:
    """Boxes a person drew on a page picture (``{"page": n, "bbox": [x0, y0, x1, y1]}`` in the
    page's block coordinates) join the targets of that page, as type ``manual_box``."""
    for b in boxes or ():
        try:
            page = int(b["page"])
            x0, y0, x1, y1 = (float(v) for v in b["bbox"])
        except (KeyError, TypeError, ValueError):
            from reviewer.errors import UsageError

            raise UsageError("A box drawn by hand needs a page and four numbers.", code="bad_manual_box") from None
        targets.setdefault(page, []).append({"box": (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
                                             "confidence": None, "line": None, "type": "manual_box"})
    return targets


def paint(img, px_boxes) -> list[list[int]]:
    """Black out each pixel box (with a margin) in ``img`` (Pillow, in place); return the
    painted rectangles as integers."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(img)
    fill = 0 if img.mode in ("1", "L", "P") else (0,) * len(img.getbands())
    done = []
    for x0, y0, x1, y1 in px_boxes:
        m = max(MIN_MARGIN_PX, MARGIN_SHARE * (y1 - y0))
        rect = [max(0, int(x0 - m)), max(0, int(y0 - m)), min(img.width - 1, int(x1 + m + 1)),
                min(img.height - 1, int(y1 + m + 1))]
        draw.rectangle(rect, fill=fill)
        done.append(rect)
    return done


def reocr_check(images: dict, needles, settings=None) -> dict:
    """Read each redacted picture again and search it for every removed string."""
    from reviewer.ocr.engine import DEFAULT_SETTINGS, OcrError, read_image
    from reviewer.redaction.verify import _check

    settings = settings or DEFAULT_SETTINGS
    sources, pages = {}, []
    for key, img in sorted(images.items(), key=lambda kv: str(kv[0])):
        try:
            page = read_image(img, settings)
        except OcrError as exc:
            raise VerificationError(
                f"The redacted picture {key} could not be read again by OCR ({exc.code}); the redaction "
                "cannot be confirmed and nothing was written.", code="verification_incomplete",
                details={"page": key, "ocr_error": exc.code}) from None
        text = page.text
        sources[f"ocr:{key}"] = text
        # lines joined without breaks too: a value the engine split into two segments
        sources[f"ocr-joined:{key}"] = "".join(text.split())
        pages.append({"page": key, "lines": len(page.lines), "confidence": round(page.confidence, 3),
                      "seconds": round(page.seconds, 2)})
    result = _check(needles, sources, "ocr:rapidocr")
    result["reocr_pages"] = pages
    return result
