"""Broken, hostile and mislabelled PDFs: a clear error code, quickly, never a traceback."""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.errors import ReviewerError
from reviewer.parsers import parse_bytes
from reviewer.synth.pdf_writer import Page, build_pdf, have_cjk_font

ROOT = Path(__file__).resolve().parents[1]
needs_font = pytest.mark.skipif(not have_cjk_font(), reason="no CJK TrueType font installed (fonts-droid-fallback)")


@pytest.fixture(scope="module")
def good_pdf() -> bytes:
    if not have_cjk_font():
        pytest.skip("no CJK TrueType font installed (fonts-droid-fallback)")
    return build_pdf([Page(["第一页：联系人王小明。"]), Page(["第二页：身份证号11010519491231002X。"])])


def _garbage(n: int, seed: int) -> bytes:
    return bytes(random.Random(seed).getrandbits(8) for _ in range(n))


def _bad_inputs(good: bytes) -> list[tuple[str, bytes, str]]:
    xref = good.rfind(b"xref")
    return [
        ("truncated in half", good[: len(good) // 2], "corrupt_file"),
        ("truncated before %%EOF", good[:-8], "corrupt_file"),
        ("garbage after header", b"%PDF-1.7\n" + _garbage(20000, 1), "corrupt_file"),
        ("garbage with %%EOF", b"%PDF-1.7\n" + _garbage(20000, 2) + b"\n%%EOF\n", "corrupt_file"),
        ("header only", b"%PDF-1.7\n%%EOF\n", "corrupt_file"),
        ("objects garbled", good[:200] + _garbage(len(good) - 400, 3) + good[-200:], "corrupt_file"),
        ("xref cut out", good[:xref] + b"%%EOF\n", None),  # pdfium may rebuild it: read or refuse
        ("encrypted with a user password", build_pdf([Page(["机密内容"])], user_password="s3cret"),
         "encrypted_file"),
    ]


@needs_font
def test_bad_pdf_inputs_give_their_error_code_quickly(good_pdf):
    for name, data, code in _bad_inputs(good_pdf):
        t0 = time.monotonic()
        try:
            doc = parse_bytes(data, "bad.pdf")
        except ReviewerError as exc:
            assert code is None or exc.code == code, f"{name}: {exc.code}"
            assert exc.message and "Traceback" not in exc.message
        else:
            assert code is None, f"{name}: parsed, expected {code}"
            assert doc.metadata.format == "pdf"
        assert time.monotonic() - t0 < 5, f"{name} took too long"


@needs_font
def test_bad_pdf_encrypted_message_says_password(good_pdf):
    data = build_pdf([Page(["机密内容"])], user_password="s3cret")
    with pytest.raises(ReviewerError) as e:
        parse_bytes(data, "secret.pdf")
    assert e.value.code == "encrypted_file" and "password" in e.value.message


@needs_font
def test_bad_pdf_named_txt_is_read_as_pdf_with_a_warning(good_pdf):
    doc = parse_bytes(good_pdf, "notes.txt")
    assert doc.metadata.format == "pdf" and doc.pages == 2
    assert "11010519491231002X" in doc.text
    mismatch = [w for w in doc.warnings if w.code == "extension_mismatch"]
    assert mismatch and mismatch[0].details == {"extension_format": "txt", "content_format": "pdf"}


@needs_font
def test_bad_pdf_junk_after_eof_is_tolerated(good_pdf):
    doc = parse_bytes(good_pdf + b"\r\n" + b"-- sent from the mail gateway --\n" * 200, "mail.pdf")
    assert "王小明" in doc.text


@needs_font
def test_bad_pdf_cli_scan_json_exits_3_with_the_error(good_pdf, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good_pdf[: len(good_pdf) // 2])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "scan", "--json", str(bad)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    out = json.loads(proc.stdout)
    assert out["errors"][0]["code"] == "corrupt_file"
    assert out["findings"] == []


def _bomb_pdf(inflated_mb: int) -> bytes:
    """One page whose content stream is ``inflated_mb`` MB of spaces, Flate-compressed."""
    import io
    import zlib

    import pikepdf

    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pdf.make_stream(b"")
    stream.write(packed, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def test_bad_pdf_decompression_bomb_is_refused_before_pdfium_inflates_it():
    from reviewer.settings import Limits

    data = _bomb_pdf(8)
    assert len(data) < 100_000
    t0 = time.monotonic()
    with pytest.raises(ReviewerError) as e:
        parse_bytes(data, "bomb.pdf", limits=Limits(max_decompressed_bytes=4 << 20))
    assert e.value.code == "limit_exceeded" and e.value.details["limit"] == "max_decompressed_bytes"
    assert time.monotonic() - t0 < 5
    doc = parse_bytes(data, "bomb.pdf", limits=Limits(max_decompressed_bytes=16 << 20))  # under the bound: read
    assert doc.pages == 1


@needs_font
def test_bad_pdf_xmp_with_entities_is_skipped_with_a_warning(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-FILE-CONTENT", encoding="utf-8")
    packet = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">'
              '<!ENTITY lol "lollollollollollollol">]>'
              '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
              '<dc:title>&xxe;&lol;</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>')
    doc = parse_bytes(build_pdf([Page(["正文照常读取。"])], xmp=packet), "xxe.pdf")
    assert "正文照常读取" in doc.text
    assert "TOPSECRET" not in doc.text and "lollol" not in doc.text
    assert "metadata_unreadable" in [w.code for w in doc.warnings]
