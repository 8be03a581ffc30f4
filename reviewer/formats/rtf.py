"""Rich Text Format (.rtf): converted to DOCX in a sandboxed LibreOffice, then the DOCX path."""

from __future__ import annotations

from reviewer.formats import Format, register
from reviewer.formats._converted import parse_via_docx, redact_via_docx, verify_docx
from reviewer.formats.docx import PARTS


def sniff(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf")


FORMAT = register(Format(
    name="rtf", label="RTF 文档", extensions=(".rtf",), mime_types=("application/rtf", "text/rtf"),
    sniff=sniff, parse=lambda data, limits=None, deadline=None: parse_via_docx(data, "rtf", ".rtf", limits, deadline),
    redact=lambda doc, removals, options: redact_via_docx(doc, removals, options, ".rtf"), verify=verify_docx,
    location_kinds=PARTS, output_format="docx", priority=35,
    dropped_parts=frozenset({"comment", "deletion", "properties", "custom_xml", "people", "variable", "embedded",
                             "macro", "alt_chunk", "image"}),
    notes="converted to DOCX by LibreOffice (sandboxed as for DOC); the redacted copy is DOCX",
))
