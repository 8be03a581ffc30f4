"""Scanned PDF pages: removed values are painted out in the pixels and checked by OCR again."""

from __future__ import annotations

import io
import shutil
import subprocess

import pikepdf
import pytest

from reviewer.errors import VerificationError
from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import detect
from tests.ocr.helpers import scan_pdf


def _scan(people, n=3):
    lines = ["拟录用人员公示"] + [f"{name} 身份证号 {idn}" for name, idn, _, _ in people[:n]]
    doc = parse_bytes(scan_pdf(lines), "公示.pdf")
    ids = [f for f in detect(doc) if f.type == "id_card"]
    assert len(ids) == n
    return doc, ids


def _text_layer(pdf_bytes: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout
    return out.decode("utf-8", "replace")


def test_scanned_ids_are_painted_out_and_verified_by_reading_again(ocr_engine, people):
    doc, ids = _scan(people)
    res = redact_document(doc, ids, decisions={f.id: "accept" for f in ids}, style="block")
    assert res.verified
    v = res.log["verification"]
    assert v["passed"] and v["reocr"]["passed"] and [p["page"] for p in v["reocr"]["pages"]] == [1]
    painted = res.log["engine"]["ocr"]["painted"]
    assert len(painted) == 3 and all(p["page"] == 1 and 0 < p["confidence"] <= 1 and len(p["bbox"]) == 4
                                     for p in painted)
    assert [p["page"] for p in res.log["rasterised_pages"]] == [1]
    # the output page is one picture: no text layer, no font, nothing that still says the number
    assert _text_layer(res.output).strip() == ""
    with pikepdf.open(io.BytesIO(res.output)) as pdf:
        res_ = pdf.pages[0].obj.Resources
        assert "/Font" not in res_ and list(res_.XObject.keys()) == ["/RedactedPage"]
    raw = res.output
    for _, idn, _, _ in people[:3]:
        assert idn.encode() not in raw
    # the names that were not removed are still read on the redacted page
    again = parse_bytes(res.output, "out.pdf")
    assert people[0][0] in again.text.replace(" ", "")
    assert not any(idn in again.text.replace(" ", "") for _, idn, _, _ in people[:3])


def test_partial_mask_keeps_the_ends_readable(ocr_engine, people):
    doc, ids = _scan(people, 1)
    res = redact_document(doc, ids, decisions={ids[0].id: "accept"})      # partial: 6 + 4 kept
    again = "".join(parse_bytes(res.output, "out.pdf").text.split())
    idn = people[0][1]
    assert idn not in again and idn[:6] in again


def test_a_box_that_misses_fails_closed(ocr_engine, people, monkeypatch):
    """If the paint misses the value (here: it paints nothing), reading again finds it and
    nothing is returned."""
    from reviewer.redaction import ocr_pdf

    doc, ids = _scan(people, 1)
    monkeypatch.setattr(ocr_pdf, "paint", lambda img, boxes: [[0, 0, 1, 1] for _ in boxes])
    with pytest.raises(VerificationError) as exc:
        redact_document(doc, ids, decisions={ids[0].id: "accept"}, style="block")
    assert any(h["where"].startswith("ocr") for h in exc.value.details["found"])


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (scripts/system-deps.sh)")
def test_independent_ocr_finds_no_removed_id(ocr_engine, people, tmp_path):
    """tesseract (Debian's tesseract-ocr, chi_sim + eng), nothing shared with rapidocr, reads
    the redacted page: none of the removed numbers; and it does read them on the original."""
    doc, ids = _scan(people)
    res = redact_document(doc, ids, decisions={f.id: "accept" for f in ids}, style="block")

    def tesseract(pdf_bytes: bytes, name: str) -> str:
        (tmp_path / f"{name}.pdf").write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-r", "200", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True)
        text = ""
        for png in sorted(tmp_path.glob(f"{name}*.png")):
            text += subprocess.run(["tesseract", str(png), "-", "-l", "eng", "--psm", "6"], capture_output=True,
                                   text=True, check=True).stdout
        return "".join(text.split())

    before = tesseract(doc.source, "orig")
    assert sum(idn in before for _, idn, _, _ in people[:3]) >= 2       # tesseract can read these pages
    after = tesseract(res.output, "red")
    assert not any(idn in after or idn[6:14] in after for _, idn, _, _ in people[:3])


def test_mixed_page_text_layer_and_picture_values_both_go(ocr_engine, people):
    from tests.ocr.helpers import mixed_pdf

    name, idn, mobile, _ = people[5]
    data = mixed_pdf(f"申请人手机号码{mobile}，附件为扫描件。", [f"{name} 身份证号 {idn}"])
    doc = parse_bytes(data, "mixed.pdf")
    from reviewer.scan import detect

    fs = [f for f in detect(doc) if f.type in ("id_card", "mobile")]
    assert sorted(f.type for f in fs) == ["id_card", "mobile"]
    assert {doc.block_at(f.start).part for f in fs} == {"page", "ocr"}
    res = redact_document(doc, fs, accept_all=True, style="block")
    assert res.log["verification"]["reocr"]["passed"] and [p["page"] for p in res.log["rasterised_pages"]] == [1]
    assert _text_layer(res.output).strip() == ""          # the page is one picture now
    again = "".join(parse_bytes(res.output, "out.pdf").text.split())
    assert idn not in again and mobile not in again and "附件为扫描件" in again
