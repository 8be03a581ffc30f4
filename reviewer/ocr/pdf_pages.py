"""OCR of the PDF pages whose text the text layer does not hold.

Which pages: every page with no text layer (the parser's ``page_without_text``), and
every *mixed* page — one that has text, but also pictures with no text-layer character
over them (a scanned attachment pasted into a typed page).  A page whose pictures are
covered by text (an OCR layer over a scan) is not read again.

Each page is rendered by pypdfium2 at ``settings.dpi`` with its rotation cleared (so a
pixel maps to PDF user space by a scale and a flip, as in redaction/pdf_raster.py) and
read by :mod:`reviewer.ocr.engine`.  On a mixed page only the lines that lie on a picture
and touch no text-layer character are kept.  Each line becomes a block::

    part="ocr", location={"page": n, "line": i, "source": "ocr", "confidence": 0.97,
                          "dpi": 200, "rotation": 0, "mixed": False}

with one box per character in PDF user space (origin bottom-left), like the text layer.
The blocks follow everything the parser read.  Pages that could not be read (the engine
failed, the mean confidence is under ``settings.min_confidence``, the time for OCR ran
out) are listed in the blocking warning ``ocr_unreadable`` (see reviewer/ocr/notices.py).
"""

from __future__ import annotations

import time

from reviewer.document import Block, Document
from reviewer.ocr.engine import DEFAULT_SETTINGS, OcrError, OcrPage, OcrSettings, read_image
from reviewer.ocr.notices import add_ocr_notices, unreadable

MIN_PICTURE_SHARE = 0.02      # a picture smaller than this share of the page is an ornament


def _text_boxes(doc: Document) -> dict[int, list]:
    out: dict[int, list] = {}
    for b in doc.blocks:
        if b.part == "page" and b.boxes:
            out.setdefault(int(b.location.get("page", 0)), []).extend(x for x in b.boxes if x is not None)
    return out


def _inside(pt, box) -> bool:
    return box[0] <= pt[0] <= box[2] and box[1] <= pt[1] <= box[3]


def _uncovered_pictures(page, pdfium_c, text_boxes: list) -> list[tuple[float, float, float, float]]:
    """Pictures on the page (in user space) with no text-layer character on them."""
    w, h = page.get_width(), page.get_height()
    out = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:
            continue
        if (x1 - x0) * (y1 - y0) < MIN_PICTURE_SHARE * w * h:
            continue
        centres = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in text_boxes]
        if sum(1 for c in centres if _inside(c, (x0, y0, x1, y1))) < 5:
            out.append((x0, y0, x1, y1))
    return out


def pages_to_read(doc: Document, data: bytes) -> dict[int, list | None]:
    """Page number → None (read all of it) or the pictures of a mixed page to read."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from reviewer.parsers.pdf_parser import _LOCK

    blank = set()
    for n in doc.warnings:
        if n.code == "page_without_text":
            blank.update(int(p) for p in n.details.get("pages", []))
    text = _text_boxes(doc)
    out: dict[int, list | None] = {p: None for p in blank}
    with _LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            for index in range(len(pdf)):
                pno = index + 1
                if pno in blank or pno not in text:
                    continue
                page = pdf[index]
                try:
                    pictures = _uncovered_pictures(page, pdfium_c, text[pno])
                finally:
                    page.close()
                if pictures:
                    out[pno] = pictures
        finally:
            pdf.close()
    return dict(sorted(out.items()))


def render(data: bytes, pages: list[int], dpi: int):
    """Yield (page number, Pillow image, crop box) for each page, rendered with rotation cleared."""
    import pypdfium2 as pdfium

    from reviewer.parsers.pdf_parser import _LOCK

    for pno in pages:
        with _LOCK:
            pdf = pdfium.PdfDocument(data)
            try:
                page = pdf[pno - 1]
                try:
                    page.set_rotation(0)
                    crop = page.get_cropbox()
                    img = page.render(scale=dpi / 72.0, draw_annots=False, may_draw_forms=False).to_pil().convert("RGB")
                finally:
                    page.close()
            finally:
                pdf.close()
        yield pno, img, crop


def to_user(box, crop, scale: float):
    left, _bottom, _right, top = crop
    x0, y0, x1, y1 = box
    return (left + x0 / scale, top - y1 / scale, left + x1 / scale, top - y0 / scale)


def to_pixels(box, crop, scale: float):
    left, _bottom, _right, top = crop
    x0, y0, x1, y1 = box
    return ((x0 - left) * scale, (top - y1) * scale, (x1 - left) * scale, (top - y0) * scale)


def _overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def read_pdf_pages(doc: Document, settings: OcrSettings = DEFAULT_SETTINGS) -> Document:
    """Add the OCR text of the pages that need it to ``doc`` (in place) and return it."""
    wanted = pages_to_read(doc, doc.source)
    if not wanted:
        return doc
    scale = settings.dpi / 72.0
    results: dict[int, OcrPage] = {}
    failed: dict[int, str] = {}
    t_end = time.monotonic() + settings.max_seconds
    lines_by_page: dict[int, list[tuple]] = {}
    for pno, img, crop in render(doc.source, list(wanted), settings.dpi):
        if time.monotonic() > t_end:
            failed[pno] = "timeout"
            continue
        try:
            page = read_image(img, settings)
        except OcrError as exc:
            failed[pno] = exc.code
            continue
        results[pno] = page
        pictures, text = wanted[pno], _text_boxes(doc).get(pno, [])
        kept = []
        for ln in page.lines:
            ubox = to_user(ln.box, crop, scale)
            if pictures is not None:
                centre = ((ubox[0] + ubox[2]) / 2, (ubox[1] + ubox[3]) / 2)
                if not any(_inside(centre, p) for p in pictures) or any(_overlaps(ubox, t) for t in text):
                    continue
            kept.append((ln, [None if b is None else to_user(b, crop, scale) for b in ln.char_boxes]))
        lines_by_page[pno] = kept
        reason = unreadable(page, settings)
        if reason and (pictures is None or reason == "low_confidence"):
            failed[pno] = reason
    append_lines(doc, lines_by_page, results, settings, mixed={p for p, v in wanted.items() if v is not None})
    add_ocr_notices(doc, results, failed, settings, mixed={p for p, v in wanted.items() if v is not None})
    return doc


def append_lines(doc: Document, lines_by_page, results, settings: OcrSettings, mixed=frozenset(),
                 extra: dict | None = None) -> None:
    """Append OCR lines as ``ocr`` blocks after everything else: a row of segments is one
    line of text (segments joined by a space), rows end with a newline."""
    parts = [doc.text]
    pos = len(doc.text)
    if doc.text and not doc.text.endswith("\n") and lines_by_page:
        parts.append("\n")
        pos += 1
    for pno in sorted(lines_by_page):
        page = results[pno]
        prev_row = None
        for i, (ln, boxes) in enumerate(lines_by_page[pno], start=1):
            row = _row_of(ln)
            if prev_row is not None:
                sep = " " if _same_row(prev_row, row) else "\n"
                parts.append(sep)
                pos += 1
            loc = {"page": pno, "line": i, "source": "ocr", "confidence": round(ln.confidence, 4),
                   "dpi": settings.dpi, "rotation": page.rotation, **(extra or {})}
            if pno in mixed:
                loc["mixed"] = True
            doc.blocks.append(Block(pos, pos + len(ln.text), "ocr", loc, boxes))
            parts.append(ln.text)
            pos += len(ln.text)
            prev_row = row
        if lines_by_page[pno]:
            parts.append("\n")
            pos += 1
    doc.text = "".join(parts)
    doc.reindex()


def _row_of(ln):
    return ln.row


def _same_row(a, b) -> bool:
    return a is not None and a == b
