"""A DOCX with a photographed list pasted in: the picture is read by OCR, and the removed
number is painted out in the picture that the published DOCX carries."""

from __future__ import annotations

import io
import zipfile

import docx
from PIL import Image

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import detect
from reviewer.synth.scan_render import Spoil, image_bytes
from tests.ocr.helpers import small_page


def _docx_with_photo(people) -> tuple[bytes, bytes]:
    name, idn, mobile, _ = people[4]
    photo = small_page([f"{name} 身份证号 {idn}", f"联系电话 {mobile}"], page_mm=(150, 30),
                       spoil=Spoil(noise=8, rotate=1.0, jpeg=60, tint=True, blur=0.6))
    jpeg = image_bytes(photo, "JPEG", quality=80)
    d = docx.Document()
    d.add_paragraph("关于困难群众救助名单的说明")
    d.add_paragraph("名单照片如下：")
    d.add_picture(io.BytesIO(jpeg))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), jpeg


def test_docx_photo_of_a_list_is_read_and_redacted_in_the_picture(ocr_engine, people):
    name, idn, mobile, _ = people[4]
    data, _jpeg = _docx_with_photo(people)
    doc = parse_bytes(data, "说明.docx")
    blocks = [b for b in doc.blocks if b.part == "ocr"]
    assert blocks and {b.location["image"] for b in blocks} == {"word/media/image1.jpg"}
    assert "images" not in {w.code for w in doc.warnings}           # the pixels were read after all
    ids = [f for f in detect(doc) if f.type == "id_card"]
    assert [f.text for f in ids] == [idn]
    assert doc.location_of(ids[0].start, ids[0].end)["xml_part"] == "word/media/image1.jpg"
    res = redact_document(doc, ids, decisions={ids[0].id: "accept"}, style="block")
    painted = res.log["engine"]["ocr"]["painted"]
    assert [p["image"] for p in painted] == ["word/media/image1.jpg"] and painted[0]["confidence"] > 0.5
    assert res.log["verification"]["reocr"]["passed"]
    with zipfile.ZipFile(io.BytesIO(res.output)) as z:
        media = z.read("word/media/image1.jpg")
    assert Image.open(io.BytesIO(media)).format == "JPEG"
    docx.Document(io.BytesIO(res.output))                           # still opens
    again = parse_bytes(res.output, "out.docx")
    read = "".join("".join(again.text[b.start:b.end] for b in again.blocks if b.part == "ocr").split())
    assert idn not in read and mobile in read                       # only the removed value went
