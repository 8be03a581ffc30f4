"""Hostile and broken DOCX files: each gives its error code quickly, never a traceback."""

import io
import json
import random
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reviewer.errors import ReviewerError
from reviewer.parsers import parse_bytes
from reviewer.settings import Limits
from reviewer.synth.docx_writer import DocxBuilder

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')


def _good() -> bytes:
    return DocxBuilder().paragraph("联系人：王小明，电话13812345678。").properties(author="张三").to_bytes()


def _replace(data: bytes, **parts: bytes) -> bytes:
    """The same package with some members replaced (names use / for __)."""
    parts = {k.replace("__", "/").replace("_xml", ".xml"): v for k, v in parts.items()}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, parts.pop(name, None) or src.read(name))
        for name, blob in parts.items():
            z.writestr(name, blob)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in members.items():
            z.writestr(name, blob)
    return out.getvalue()


def _error(data: bytes, name: str = "bad.docx", limits: Limits | None = None) -> ReviewerError:
    t0 = time.monotonic()
    with pytest.raises(ReviewerError) as info:
        parse_bytes(data, name, limits=limits)
    assert time.monotonic() - t0 < 3.0
    return info.value


def _zeros_member(name: str, megabytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        with z.open(name, "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
    return out.getvalue()


def _patch_central(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite a field of every central-directory entry (offset from the PK\\1\\2 signature)."""
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into(fmt, buf, pos + offset, value)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


def _zip_dup() -> bytes:
    import warnings

    data = _good()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as z:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate: that is the point
        for name in src.namelist():
            z.writestr(name, src.read(name))
        z.writestr("word/document.xml", src.read("word/document.xml").replace("王小明".encode(), "某某".encode()))
    return out.getvalue()


XXE = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
          + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')


@pytest.mark.parametrize("case,make,code", [
    ("truncated", lambda: _good()[: len(_good()) // 2], "corrupt_file"),
    ("random bytes after a PK header naming word/", lambda: b"PK\x03\x04" + b"word/document.xml"
     + random.Random(3).randbytes(5000), "corrupt_file"),
    ("random bytes after a PK header", lambda: b"PK\x03\x04" + random.Random(4).randbytes(5000), "unsupported_format"),
    # (a zip of documents is now an archive scanned member by member: tests/formats/test_archive.py)
    ("a zip that holds no document", lambda: _zip({"prog.bin": b"\x7fELF\x02\x01", "x.gz": b"\x1f\x8b\x08"}),
     "unsupported_format"),
    ("word/ folder but no document.xml", lambda: _zip({"[Content_Types].xml": CT.encode(),
                                                        "word/styles.xml": b"<x/>"}), "corrupt_file"),
    ("document.xml not well-formed", lambda: _replace(_good(), word__document_xml=b"<w:document><w:body>"),
     "corrupt_file"),
    ("XXE in document.xml", lambda: _replace(_good(), word__document_xml=XXE.encode()), "unsafe_content"),
    ("XXE in UTF-16", lambda: _replace(_good(), word__document_xml=XXE.replace('"1.0"?', '"1.0" encoding="UTF-16"?')
                                       .encode("utf-16")), "unsafe_content"),
    ("XXE in core properties", lambda: _replace(_good(), docProps__core_xml=XXE.encode()), "unsafe_content"),
    ("billion laughs", lambda: _replace(_good(), word__document_xml=LAUGHS.encode()), "unsafe_content"),
    ("zip bomb: 64 MB of zeros in one part", lambda: _zeros_member("word/document.xml", 64), "unsafe_content"),
    ("a header that understates the size", lambda: _patch_central(_zeros_member("word/document.xml", 8), 24, "<I", 100),
     "corrupt_file"),
    ("two parts with the same name", lambda: _zip_dup(), "unsafe_content"),
    ("main part is not a document", lambda: _replace(_good(), word__document_xml=f'<w:styles xmlns:w="{W}"/>'.encode()),
     "corrupt_file"),
    ("password-protected DOCX (OLE container)", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500, "encrypted_file"),
    ("encrypted members", lambda: _patch_central(_good(), 8, "<H", 0x1), "encrypted_file"),
])
def test_bad_docx_gives_its_error_code(case, make, code):
    err = _error(make())
    assert err.code == code, (case, err.code, err.message)
    assert err.message and "Traceback" not in err.message and "/etc/passwd" not in err.message


def test_bad_docx_xxe_never_reads_the_file():
    err = _error(_replace(_good(), word__document_xml=XXE.encode()))
    assert "root:" not in json.dumps(err.to_dict())


@pytest.mark.parametrize("limits,limit_name", [
    (Limits(max_zip_members=5), "max_zip_members"),
    (Limits(max_decompressed_bytes=20_000), "max_decompressed_bytes"),
    (Limits(max_chars=10), "max_chars"),
])
def test_bad_docx_small_limits_are_enforced(limits, limit_name):
    err = _error(_good(), limits=limits)
    assert err.code == "limit_exceeded" and err.details["limit"] == limit_name


def test_bad_docx_many_parts_each_under_the_ratio_floor_still_hit_the_total():
    data = _zip({"[Content_Types].xml": CT.encode(), **{f"word/media/z{i}.bin": b"\0" * 900_000 for i in range(12)}})
    err = _error(data, limits=Limits(max_decompressed_bytes=10_000_000))
    assert err.code == "limit_exceeded" and err.details["limit"] == "max_decompressed_bytes"


def test_bad_docx_ratio_limit_is_configurable():
    data = _zeros_member("word/document.xml", 4)  # ~1000:1 but small
    assert _error(data, limits=Limits(max_compression_ratio=2000)).code == "corrupt_file"  # zeros are not XML
    assert _error(data).code == "unsafe_content"


def test_bad_docx_timeout_is_checked_between_parts():
    err = _error(_good(), limits=Limits(parse_timeout_s=0.0))
    assert err.code == "limit_exceeded" and err.details["limit"] == "parse_timeout_s"


def test_docx_named_pdf_is_read_as_docx_with_a_warning():
    doc = parse_bytes(_good(), "report.pdf")
    assert doc.metadata.format == "docx" and "13812345678" in doc.text
    assert doc.warnings[0].code == "extension_mismatch"


def test_bad_docx_cli_scan_json_exits_3_with_the_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(_good()[: len(_good()) // 2])
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "scan", "--json", str(bad)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    result = json.loads(proc.stdout)
    assert result["errors"][0]["code"] == "corrupt_file"


def test_bad_docx_oversized_xml_part_is_refused_before_parsing(monkeypatch):
    from reviewer.parsers import ooxml_package

    monkeypatch.setattr(ooxml_package, "MAX_XML_PART_BYTES", 2000)
    b = DocxBuilder()
    for i in range(40):
        b.paragraph(f"第{i}段：联系人王小明，电话13812345678。")
    err = _error(b.to_bytes())
    assert err.code == "limit_exceeded" and err.details["limit"] == "xml_part_bytes"


@pytest.mark.parametrize("seed", range(4))
def test_bad_docx_random_damage_gives_a_deliberate_error_or_a_document(seed):
    """Flipped bytes and cuts anywhere: every failure is one the parser raised on purpose,
    not a library exception caught by the registry's last-resort wrapper."""
    data = DocxBuilder().paragraph("联系人：王小明").table([["甲", "乙"]]).comment("王", "注").header("页眉").to_bytes()
    rnd = random.Random(seed)
    for _ in range(25):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 6)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        if rnd.random() < 0.3:
            b = b[: rnd.randrange(1, len(b))]
        t0 = time.monotonic()
        try:
            parse_bytes(bytes(b), "damaged.docx")
        except ReviewerError as err:
            assert "could not be read (" not in err.message, err.__cause__
        assert time.monotonic() - t0 < 2.0
