"""OFD: pages read in page order with boxes; glyphs removed in place; annotations, attachments,
metadata and signatures handled; verified by re-extraction of every part."""

from __future__ import annotations

import io
import zipfile

import pytest

from reviewer.errors import ReviewerError
from reviewer.parsers import parse_bytes
from reviewer.parsers.ofd_walk import numbers
from reviewer.redaction import redact_document
from reviewer.scan import scan_document
from tests.formats.ofd_build import build_ofd

ID1 = "11010519491231002X"
LINES = [(20, 60, "联系电话：13812345678。"), (20, 40, f"申请人张建国，身份证号码{ID1}。"), (20, 20, "关于低保申请的公示")]


def _ofd(**kw):
    return build_ofd([LINES], annotations=["审核人李秀英 13987654321"], attachments={"名单.txt": "赵铁柱 13512345678"},
                     custom_tag="某某市民政局", signed=True, **kw)


def test_ofd_reading_order_follows_the_page_and_boxes_are_per_character():
    doc = parse_bytes(_ofd(), "公示.zip")
    assert doc.metadata.format == "ofd" and doc.metadata.pages == 1
    assert doc.text.splitlines()[:3] == ["关于低保申请的公示", f"申请人张建国，身份证号码{ID1}。", "联系电话：13812345678。"]
    i = doc.text.index("13812345678")
    loc = doc.location_of(i, i + 11)
    assert (loc["part"], loc["page"], loc["line"]) == ("page", 1, 3)
    assert loc["bboxes"] == [{"page": 1, "bbox": [40.5, 60.0, 84.5, 64.0]}]   # 5 glyphs of 4 mm after X 20.5
    parts = {b.part for b in doc.blocks}
    assert {"annotation", "attachment", "metadata", "custom_tag"} <= parts
    assert {w.code for w in doc.warnings} >= {"signed", "attachments_present"}


def test_ofd_redaction_removes_glyphs_keeps_the_rest_in_place_and_drops_the_signature():
    doc = parse_bytes(_ofd(), "a.ofd")
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert result.verified and result.format == "ofd"
    assert result.log["engine"]["signature_removed"] is True
    z = zipfile.ZipFile(io.BytesIO(result.output))
    assert not any(n.startswith("Doc_0/Signs/") for n in z.namelist())
    assert b"Signatures" not in z.read("OFD.xml")
    assert not any(n.startswith("Doc_0/Attachs/files/") for n in z.namelist())
    out = parse_bytes(result.output, "b.ofd")
    for value in (ID1, "13812345678", "13987654321", "13512345678", "张建国"):
        assert value not in out.text
    # the kept glyphs are where they were: 5678 still starts 8 glyphs (32 mm) after 138's end
    before = {b.location["line"]: b for b in doc.blocks if b.part == "page"}
    after = {b.location["line"]: b for b in out.blocks if b.part == "page"}
    old, new = before[3], after[3]
    assert doc.text[old.start:old.end].endswith("5678。") and out.text[new.start:new.end] == "联系电话：1385678。"
    origin = [b[:2] for b in old.boxes]
    assert [b[:2] for b in new.boxes] == origin[:8] + origin[-5:]      # every kept glyph at its own place
    content = z.read("Doc_0/Pages/Page_0/Content.xml").decode()
    assert content.count("<ofd:PathObject") == 3 and 'Fill="true"' in content


def test_deltax_g_runs():
    assert numbers("g 3 4.5 1 g 2 2") == [4.5, 4.5, 4.5, 1.0, 2.0, 2.0]


@pytest.mark.parametrize("make,code", [
    (lambda: _ofd()[:200], "corrupt_file"),
    (lambda: _patch("OFD.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>'), "unsafe_content"),
    (lambda: _patch("Doc_0/Document.xml", b"<ofd:Document"), "corrupt_file"),
])
def test_ofd_hostile_input_gets_a_coded_error(make, code):
    with pytest.raises(ReviewerError) as exc:
        parse_bytes(make(), "h.ofd")
    assert exc.value.code == code


def _patch(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_ofd())) as src, zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            z.writestr(info.filename, data if info.filename == name else src.read(info))
    return buf.getvalue()


def test_ofd_ctm_scales_the_glyph_boxes():
    data = build_ofd([[(10, 10, "电话13812345678")]])
    scaled = _patch_content(data, lambda x: x.replace('Font="2" Size="4.0"', 'Font="2" Size="4.0" CTM="2 0 0 2 0 0"'))
    doc = parse_bytes(scaled, "s.ofd")
    box = [b for b in doc.blocks if b.part == "page"][0].boxes[0]
    assert box == (11.0, 10.0, 19.0, 18.0)        # X 0.5 → 1 mm, size 4 → 8 mm, baseline 4 → 8 mm


def _patch_content(data: bytes, fn) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            raw = src.read(info)
            z.writestr(info.filename, fn(raw.decode()).encode() if info.filename.endswith("Content.xml") else raw)
    return buf.getvalue()


def test_deltax_runs_are_bounded():
    assert len(numbers("g 1000000000 1 " * 50, 12)) == 12
    assert len(numbers("g 1000000000 1")) == 1_000_000
