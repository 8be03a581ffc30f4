"""Legacy Word and WPS documents (.doc, .dot, .wps): converted to DOCX in a sandboxed LibreOffice
(reviewer/parsers/office_convert.py), then read and redacted as DOCX; the published copy is DOCX."""

from __future__ import annotations

from reviewer.formats import OLE_MAGIC, Format, register
from reviewer.formats._converted import parse_via_docx, redact_via_docx, verify_docx
from reviewer.formats.docx import PARTS

_WORD_STREAM = "WordDocument".encode("utf-16-le")


def sniff(data: bytes) -> bool:
    # An OLE compound file whose directory names a WordDocument stream (Word 97-2003, WPS).
    return data.startswith(OLE_MAGIC) and _WORD_STREAM in data


FORMAT = register(Format(
    name="doc", label="Word 97-2003 / WPS 文字文档", extensions=(".doc", ".dot", ".wps"),
    mime_types=("application/msword", "application/vnd.ms-works", "application/kswps"),
    sniff=sniff, parse=lambda data, limits=None, deadline=None: parse_via_docx(data, "doc", ".doc", limits, deadline),
    redact=lambda doc, removals, options: redact_via_docx(doc, removals, options, ".doc"), verify=verify_docx,
    location_kinds=PARTS, output_format="docx", priority=30,
    dropped_parts=frozenset({"comment", "deletion", "properties", "custom_xml", "people", "variable", "embedded",
                             "macro", "alt_chunk", "image"}),
    notes="converted to DOCX by LibreOffice (own profile, no macros, no network, timeout, memory limit); "
          "locations as DOCX; the redacted copy is DOCX",
))
