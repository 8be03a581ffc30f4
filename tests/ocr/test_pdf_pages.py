"""Image-only and mixed PDF pages are read by OCR into the document model."""

from __future__ import annotations

import io
import socket

from reviewer.parsers import parse_bytes
from reviewer.scan import detect
from reviewer.synth.scan_render import Spoil
from tests.ocr.helpers import scan_pdf


def _ocr_blocks(doc):
    return [b for b in doc.blocks if b.part == "ocr"]


def test_image_only_pdf_ids_are_found_with_page_boxes_and_source_tag(ocr_engine, people):
    lines = ["拟录用人员公示"] + [f"{n} 身份证号 {idn}" for n, idn, _, _ in people[:3]]
    doc = parse_bytes(scan_pdf(lines), "公示.pdf")
    blocks = _ocr_blocks(doc)
    assert blocks and all(b.location["source"] == "ocr" and 0 < b.location["confidence"] <= 1 for b in blocks)
    assert all(b.location["page"] == 1 and len(b.boxes) == len(b) for b in blocks)
    codes = {w.code for w in doc.warnings}
    assert "ocr_read" in codes and "page_without_text" not in codes and "ocr_unreadable" not in codes
    ids = [f for f in detect(doc) if f.type == "id_card"]
    assert sorted(f.text for f in ids) == sorted(idn for _, idn, _, _ in people[:3])
    # the finding's box lies on the page, in PDF user space, left part of the strip
    for f in ids:
        (bb,) = doc.location_of(f.start, f.end)["bboxes"]
        x0, y0, x1, y1 = bb["bbox"]
        assert bb["page"] == 1 and 0 < x0 < x1 < 180 / 25.4 * 72 and 0 < y0 < y1 < 70 / 25.4 * 72


def test_ocr_opens_no_socket(monkeypatch, people):
    from reviewer.ocr import engine

    def refuse(*a, **k):
        raise AssertionError("network touched during OCR")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(engine, "_ENGINES", {})          # a fresh load, under the guard
    name, idn, _, _ = people[0]
    doc = parse_bytes(scan_pdf([f"{name} 身份证号 {idn}"]), "a.pdf")
    assert idn in doc.text


def test_model_files_are_the_bundled_ones():
    from reviewer.ocr.engine import model_dir, model_paths

    paths = model_paths()
    assert set(paths) == {"Det.model_path", "Cls.model_path", "Rec.model_path"}
    assert all(p.startswith(str(model_dir())) for p in paths.values())


def test_turned_and_spoiled_scan_is_read(ocr_engine, people):
    name, idn, mobile, _ = people[1]
    from reviewer.synth.scan_render import image_pdf, render_page

    img = render_page([f"{name} 身份证号 {idn}", f"联系电话 {mobile}"], dpi=200, page_mm=(150, 40), margin_mm=8,
                      spoil=Spoil(noise=10, rotate=1.2, jpeg=45, seal=True))
    doc = parse_bytes(image_pdf([img.rotate(90, expand=True)]), "turned.pdf")
    (rot,) = {b.location["rotation"] for b in _ocr_blocks(doc)}
    assert rot == 270
    assert idn in doc.text.replace(" ", "") and mobile in doc.text.replace(" ", "")


def test_mixed_page_reads_the_picture_not_the_text_twice(ocr_engine, people):
    """A typed page with a scanned list pasted in: the text layer is read as text, the
    picture by OCR, and nothing the text layer holds is added again."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.ocr.helpers import small_page

    name, idn, _, _ = people[2]
    pdfmetrics.registerFont(TTFont("DroidOCR", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("DroidOCR", 14)
    c.drawString(72, 780, "关于补充材料的说明，附件为扫描件。")
    pic = small_page([f"{name} 身份证号 {idn}"], page_mm=(150, 25))
    c.drawImage(ImageReader(pic), 72, 500, width=150 / 25.4 * 72, height=25 / 25.4 * 72)
    c.showPage()
    c.save()
    doc = parse_bytes(buf.getvalue(), "mixed.pdf")
    blocks = _ocr_blocks(doc)
    assert blocks and all(b.location.get("mixed") for b in blocks)
    ocr_text = "".join(doc.text[b.start:b.end] for b in blocks)
    assert idn in ocr_text.replace(" ", "") and "补充材料" not in ocr_text
    assert [f.text for f in detect(doc) if f.type == "id_card"] == [idn]
    assert all(500 < y for b in blocks for (_, y, _, _) in filter(None, b.boxes))
