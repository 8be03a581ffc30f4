"""Rasterise a page with the redaction burned in, when its text cannot be edited safely.

pypdfium2 renders the page of the original file (rotation cleared, so PDF user
space maps to pixels by a plain scale and flip); black boxes are painted over the
removed characters' boxes; the page's content is replaced by that one picture
(JPEG) and its resources by the picture alone, so no text, font or annotation of the
old page survives.  The page keeps its size and rotation.
"""

from __future__ import annotations

import io
import threading

import pikepdf

DPI = 150


def _pdfium_lock() -> threading.Lock:
    """pdfium is not thread-safe: share the PDF parser's lock when it has one."""
    try:
        from reviewer.parsers import pdf_parser

        return getattr(pdf_parser, "_LOCK", None) or _LOCK
    except ImportError:
        return _LOCK


_LOCK = threading.Lock()


def render_pages(source: bytes, boxes_by_page: dict[int, list[tuple[float, float, float, float]]],
                 dpi: int = DPI) -> dict[int, tuple[bytes, int, int]]:
    """JPEG bytes (with black boxes) and pixel size for each 1-based page number."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    with _pdfium_lock():
        return _render(pdfium, ImageDraw, source, boxes_by_page, dpi)


def _render(pdfium, ImageDraw, source, boxes_by_page, dpi):
    out: dict[int, tuple[bytes, int, int]] = {}
    pdf = pdfium.PdfDocument(source)
    try:
        for pno, boxes in boxes_by_page.items():
            page = pdf[pno - 1]
            try:
                page.set_rotation(0)
                left, bottom, right, top = page.get_cropbox()
                scale = dpi / 72.0
                bitmap = page.render(scale=scale, draw_annots=False, may_draw_forms=False)
                img = bitmap.to_pil().convert("RGB")
                draw = ImageDraw.Draw(img)
                for x0, y0, x1, y1 in boxes:
                    px0, px1 = (x0 - left) * scale, (x1 - left) * scale
                    py0, py1 = (top - y1) * scale, (top - y0) * scale
                    draw.rectangle([px0 - 2, py0 - 2, px1 + 2, py1 + 2], fill=(0, 0, 0))
                buf = io.BytesIO()
                img.save(buf, format="JPEG", quality=85, optimize=True)
                out[pno] = (buf.getvalue(), img.width, img.height)
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def replace_with_image(pdf: pikepdf.Pdf, pno: int, jpeg: bytes, width: int, height: int,
                       cropbox: tuple[float, float, float, float]) -> None:
    """Make page ``pno`` (1-based) an image-only page showing ``jpeg`` over its crop box."""
    page = pdf.pages[pno - 1]
    image = pikepdf.Stream(pdf, jpeg)
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width, image.Height = width, height
    image.ColorSpace = pikepdf.Name.DeviceRGB
    image.BitsPerComponent = 8
    image.Filter = pikepdf.Name.DCTDecode
    x0, y0, x1, y1 = cropbox
    content = f"q {x1 - x0:.4f} 0 0 {y1 - y0:.4f} {x0:.4f} {y0:.4f} cm /RedactedPage Do Q\n".encode()
    obj = page.obj
    for key in ("/Annots", "/AA", "/Metadata", "/PieceInfo", "/Thumb", "/B", "/StructParents", "/Group"):
        if key in obj:
            del obj[key]
    obj.Contents = pdf.make_stream(content)
    obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(RedactedPage=image))
