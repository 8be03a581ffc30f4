"""Standalone pictures: PNG, JPEG, multi-page TIFF, BMP, WebP are read by OCR and redacted
in their pixels, written back as the same type."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import detect
from reviewer.synth.scan_render import Spoil, image_bytes
from tests.ocr.helpers import small_page


def _findings(doc, kind):
    return [f for f in detect(doc) if f.type == kind]


def test_png_id_is_found_redacted_and_still_a_png(ocr_engine, people):
    name, idn, mobile, _ = people[0]
    img = small_page([f"{name} 身份证号 {idn}", f"手机 {mobile}"], page_mm=(150, 30))
    png = image_bytes(img, "PNG", pnginfo=_text_chunk(f"备注 {idn}"))
    doc = parse_bytes(png, "名单.png")
    assert doc.metadata.format == "image" and doc.metadata.pages == 1
    (b0, *_), = [[b for b in doc.blocks if b.part == "ocr"]]
    assert b0.location["source"] == "ocr" and b0.location["image_format"] == "PNG"
    ids = _findings(doc, "id_card")
    assert [f.text for f in ids] == [idn]
    (bb,) = doc.location_of(ids[0].start, ids[0].end)["bboxes"]
    assert 0 < bb["bbox"][0] < bb["bbox"][2] <= img.width
    res = redact_document(doc, ids, decisions={ids[0].id: "accept"}, style="block")
    out = Image.open(io.BytesIO(res.output))
    assert out.format == "PNG" and out.size == img.size and "Comment" not in out.info
    assert idn.encode() not in res.output
    assert res.log["verification"]["reocr"]["passed"]
    again = "".join(parse_bytes(res.output, "out.png").text.split())
    assert idn not in again and mobile in again


def _text_chunk(text):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("Comment", text)
    return info


def test_multipage_tiff_every_frame_is_read_and_redacted(ocr_engine, people):
    pages = [small_page([f"{n} 身份证号 {idn}"], page_mm=(140, 20), spoil=Spoil(noise=8, rotate=0.8), seed=i)
             for i, (n, idn, _, _) in enumerate(people[:2])]
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    doc = parse_bytes(buf.getvalue(), "名单.tiff")
    assert doc.metadata.pages == 2
    ids = _findings(doc, "id_card")
    assert sorted((doc.block_at(f.start).location["page"], f.text) for f in ids) == [
        (1, people[0][1]), (2, people[1][1])]
    res = redact_document(doc, ids, accept_all=True, style="block")
    out = Image.open(io.BytesIO(res.output))
    assert out.format == "TIFF" and out.n_frames == 2
    assert [p["page"] for p in res.log["verification"]["reocr"]["pages"]] == [1, 2]


@pytest.mark.parametrize("fmt,name", [("JPEG", "a.jpg"), ("BMP", "a.bmp"), ("WEBP", "a.webp")])
def test_other_types_come_back_as_themselves(ocr_engine, people, fmt, name):
    n, idn, _, _ = people[3]
    data = image_bytes(small_page([f"{n} 身份证号 {idn}"], page_mm=(140, 18)), fmt)
    doc = parse_bytes(data, name)
    ids = _findings(doc, "id_card")
    assert [f.text for f in ids] == [idn]
    res = redact_document(doc, ids, accept_all=True, style="block")
    assert Image.open(io.BytesIO(res.output)).format == fmt


def test_png_magic_with_junk_is_still_refused():
    from reviewer.errors import ParseError

    with pytest.raises(ParseError) as exc:
        parse_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png")
    assert exc.value.code == "unsupported_format"


def test_a_frame_that_cannot_be_decoded_blocks(ocr_engine, people):
    """A truncated picture: the header reads, the pixels do not — a blocking notice, not a
    document that looks empty."""
    n, idn, _, _ = people[0]
    png = image_bytes(small_page([f"{n} 身份证号 {idn}"], page_mm=(140, 18)), "PNG")
    doc = parse_bytes(png[: len(png) // 2], "cut.png")
    (n_,) = [w for w in doc.warnings if w.code == "ocr_unreadable"]
    assert n_.details["reasons"] == {"1": "image_unreadable"} and n_.details["blocking"]
    assert "无法解码" in n_.message


def test_an_illegible_frame_is_a_blocking_notice(ocr_engine):
    """A photograph of nothing readable (noise, smudges): OCR reads little at low confidence,
    or nothing although there is ink; either way the frame blocks approval."""
    import numpy as np

    rng = np.random.default_rng(3)
    arr = (rng.random((160, 600)) * 255).astype("uint8")
    data = image_bytes(Image.fromarray(arr).convert("RGB"), "PNG")
    doc = parse_bytes(data, "noise.png")
    notices = {w.code: w for w in doc.warnings}
    assert "ocr_unreadable" in notices, [w.to_dict() for w in doc.warnings]
    n = notices["ocr_unreadable"]
    assert n.details["blocking"] and n.details["pages"] == [1] and "目视核对" in n.message
