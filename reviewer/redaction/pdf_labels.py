"""Labels in the black boxes of a PDF: the reason (个人隐私, 商业秘密 …) in white.

Used for removals in ``label`` mode.  The labels are drawn by reportlab on a one-page
overlay with an embedded CJK TrueType font and laid over the page with pikepdf
(``Page.add_overlay``); a box too small for a legible label (under 4 pt) keeps just
its black.  Without a CJK TrueType font the boxes stay plain and the log says so.
Font: ``REVIEWER_CJK_FONT`` or the first installed of the usual Debian fonts.
"""

from __future__ import annotations

import io
import os

import pikepdf

_CANDIDATES = ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
               "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
               "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
               "/usr/share/fonts/truetype/arphic/uming.ttc")
FONT_NAME = "ReviewerRedactionLabel"
MIN_SIZE = 4.0
_registered: bool | None = None


def _font() -> bool:
    global _registered
    if _registered is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        paths = [os.environ.get("REVIEWER_CJK_FONT", "")] + list(_CANDIDATES)
        _registered = False
        for path in paths:
            if path and os.path.isfile(path):
                try:
                    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
                    _registered = True
                    break
                except Exception:
                    continue
    return _registered


def add_labels(pdf: pikepdf.Pdf, page: pikepdf.Page, mediabox, labels: list[tuple[tuple, str]]) -> int:
    """Draw ``labels`` ((box, text) in user space) over ``page``; return how many fit."""
    if not labels or not _font():
        return 0
    from reportlab.pdfgen import canvas

    x0, y0, x1, y1 = (float(v) for v in mediabox)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(x1 - x0, y1 - y0), invariant=1, pageCompression=1)
    c.setFillGray(1)
    drawn = 0
    for (bx0, by0, bx1, by1), text in labels:
        w, h = bx1 - bx0, by1 - by0
        size = min(h * 0.75, w / max(len(text), 1) * 0.95)
        if size < MIN_SIZE:
            continue
        c.setFont(FONT_NAME, size)
        tw = c.stringWidth(text, FONT_NAME, size)
        c.drawString(bx0 - x0 + (w - tw) / 2, by0 - y0 + (h - size * 0.8) / 2, text)
        drawn += 1
    if not drawn:
        return 0
    c.showPage()
    c.save()
    overlay = pikepdf.open(io.BytesIO(buf.getvalue()))
    page.add_overlay(overlay.pages[0], pikepdf.Rectangle(x0, y0, x1, y1))
    return drawn
