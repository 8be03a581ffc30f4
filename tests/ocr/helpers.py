from reviewer.synth.scan_render import Spoil, image_pdf, render_page

SMALL = (180, 70)      # mm: a strip of a page, a few lines, fast to read


def scan_pdf(lines, dpi=200, spoil=None, page_mm=SMALL, seed=0) -> bytes:
    return image_pdf([render_page(lines, dpi=dpi, page_mm=page_mm, spoil=spoil, seed=seed, margin_mm=8)], dpi=dpi)


def small_page(lines, dpi=200, spoil=None, page_mm=SMALL, seed=0):
    return render_page(lines, dpi=dpi, page_mm=page_mm, spoil=spoil or Spoil(), seed=seed, margin_mm=8)


def mixed_pdf(typed: str, picture_lines, picture_mm=(150, 25)) -> bytes:
    """A typed page (text layer) with a scanned strip pasted in below the text."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))    # digits too (Droid Sans Fallback has none)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 780, typed)
    pic = small_page(picture_lines, page_mm=picture_mm)
    c.drawImage(ImageReader(pic), 72, 500, width=picture_mm[0] / 25.4 * 72, height=picture_mm[1] / 25.4 * 72)
    c.showPage()
    c.save()
    return buf.getvalue()
