"""Page pictures for people to look at: a PDF page or a frame of a picture, with the
findings' boxes drawn on it (the review page shows them beside the text).

``page_png(data, fmt, page, boxes)`` renders page ``page`` (1-based) of the original —
a PDF page by pypdfium2 with its rotation cleared (boxes in PDF user space, as the parser
gives them), a frame of a picture as it is (boxes in pixels) — scaled to ``width``
pixels, and outlines each ``(label, (x0, y0, x1, y1), colour)``; returns PNG bytes.
"""

from __future__ import annotations

import io

from reviewer.errors import UsageError

COLOURS = {"redact": (220, 30, 30), "review": (230, 140, 0), "block": (120, 0, 160), "manual": (0, 90, 200)}


def page_count(data: bytes, fmt: str) -> int:
    if fmt == "pdf":
        import pypdfium2 as pdfium

        from reviewer.parsers.pdf_parser import _LOCK

        with _LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                return len(pdf)
            finally:
                pdf.close()
    if fmt == "image":
        from reviewer.parsers.image_parser import open_image

        return getattr(open_image(data), "n_frames", 1)
    return 0


def page_png(data: bytes, fmt: str, page: int, boxes=(), width: int = 1000) -> bytes:
    from PIL import ImageDraw

    if not 1 <= page <= page_count(data, fmt):
        raise UsageError("没有这一页。", code="bad_page", details={"page": page})
    if fmt == "pdf":
        from reviewer.ocr.pdf_pages import render, to_pixels

        import pypdfium2 as pdfium

        from reviewer.parsers.pdf_parser import _LOCK

        with _LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                pg = pdf[page - 1]
                pg.set_rotation(0)
                pts = pg.get_width()
                pg.close()
            finally:
                pdf.close()
        dpi = max(36.0, min(200.0, width / pts * 72))
        ((_, img, crop),) = list(render(data, [page], dpi))
        scale = dpi / 72.0
        px = [(label, to_pixels(box, crop, scale), colour) for label, box, colour in boxes]
    else:
        from reviewer.parsers.image_parser import frames, open_image

        img = next(fr for n, fr, err in frames(open_image(data)) if n == page)
        if img is None:
            raise UsageError("这一页无法解码。", code="image_unreadable", details={"page": page})
        f = min(1.0, width / img.width)
        img = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))))
        px = [(label, tuple(v * f for v in box), colour) for label, box, colour in boxes]
    draw = ImageDraw.Draw(img)
    for label, (x0, y0, x1, y1), colour in px:
        draw.rectangle([x0 - 2, y0 - 2, x1 + 2, y1 + 2], outline=colour, width=3)
        if label:
            draw.text((x0, max(0, y0 - 14)), str(label), fill=colour)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def fraction_box_to_units(data: bytes, fmt: str, page: int, frac) -> list[float]:
    """A box drawn on the page picture, as fractions of its width and height (origin top-left),
    in the page's own units: PDF points (origin bottom-left, crop box, rotation cleared) for a
    PDF page, pixels for a picture."""
    fx0, fy0, fx1, fy1 = (min(max(float(v), 0.0), 1.0) for v in frac)
    fx0, fx1 = sorted((fx0, fx1))
    fy0, fy1 = sorted((fy0, fy1))
    if not 1 <= page <= page_count(data, fmt):
        raise UsageError("没有这一页。", code="bad_page", details={"page": page})
    if fmt == "pdf":
        import pypdfium2 as pdfium

        from reviewer.parsers.pdf_parser import _LOCK

        with _LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                pg = pdf[page - 1]
                pg.set_rotation(0)
                left, bottom, right, top = pg.get_cropbox()
                pg.close()
            finally:
                pdf.close()
        w, h = right - left, top - bottom
        return [left + fx0 * w, top - fy1 * h, left + fx1 * w, top - fy0 * h]
    from reviewer.parsers.image_parser import frames, open_image

    img = next(fr for n, fr, err in frames(open_image(data)) if n == page)
    if img is None:
        raise UsageError("这一页无法解码。", code="image_unreadable", details={"page": page})
    return [fx0 * img.width, fy0 * img.height, fx1 * img.width, fy1 * img.height]
