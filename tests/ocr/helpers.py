from reviewer.synth.scan_render import Spoil, image_pdf, render_page

SMALL = (180, 70)      # mm: a strip of a page, a few lines, fast to read


def scan_pdf(lines, dpi=200, spoil=None, page_mm=SMALL, seed=0) -> bytes:
    return image_pdf([render_page(lines, dpi=dpi, page_mm=page_mm, spoil=spoil, seed=seed, margin_mm=8)], dpi=dpi)


def small_page(lines, dpi=200, spoil=None, page_mm=SMALL, seed=0):
    return render_page(lines, dpi=dpi, page_mm=page_mm, spoil=spoil or Spoil(), seed=seed, margin_mm=8)
