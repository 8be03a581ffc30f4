"""The format registry: one declaration per format, read by everything else (house style 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reviewer import formats
from reviewer.errors import ReviewerError
from reviewer.parsers import parse_bytes, sniff

ROOT = Path(__file__).resolve().parents[2]


def test_every_format_declares_itself_completely():
    for f in formats.formats():
        assert f.extensions and all(e.startswith(".") for e in f.extensions), f.name
        assert f.mime_types and f.location_kinds and f.label, f.name
        assert callable(f.sniff) and callable(f.parse), f.name
    assert [f.name for f in formats.formats() if f.fallback] == ["txt"]


def test_registry_is_what_the_rest_reads():
    ext = formats.extensions()
    for f in formats.formats():
        for e in f.extensions:
            assert ext[e] == f.name
            assert e in formats.accept_list()
        assert (f.name.upper() if "." + f.name in f.extensions else f.label) in formats.labels()


def test_formats_documented():
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for f in formats.formats():
        assert re.search(rf"`{f.name}`", text), f"docs/formats.md does not describe {f.name}"
        for part in f.location_kinds:
            assert f"`{part}`" in text, f"docs/formats.md does not name the location kind {part} of {f.name}"


@pytest.mark.parametrize("data,code", [
    (b"", "empty_file"), (b"\x7fELF\x02\x01\x01", "unsupported_format"), (b"PK\x03\x04ppt/slides", "unsupported_format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "encrypted_file"),
])
def test_refusals_keep_their_codes(data, code):
    with pytest.raises(ReviewerError) as exc:
        sniff(data)
    assert exc.value.code == code


def test_extension_mismatch_names_the_registered_format():
    doc = parse_bytes("联系电话13812345678".encode(), "a.xlsx")
    w = [n for n in doc.warnings if n.code == "extension_mismatch"][0]
    assert w.details == {"extension_format": "xlsx", "content_format": "txt"}


def test_no_format_list_written_elsewhere():
    """The old hand-written lists are gone: a format is added in reviewer/formats only."""
    for rel in ("api/web/templates/upload.html", "api/web/templates/document.html", "api/routers/documents.py",
                "reviewer/redaction/__init__.py", "reviewer/parsers/__init__.py"):
        src = (ROOT / rel).read_text(encoding="utf-8")
        assert ".docx,.pdf,.txt" not in src and '"txt": "reviewer.parsers' not in src, rel
        assert 'if fmt == "docx"' not in src, rel
