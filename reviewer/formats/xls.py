"""Legacy Excel and WPS spreadsheets (.xls, .et): converted to XLSX in a sandboxed LibreOffice
(reviewer/parsers/office_convert.py; needs libreoffice-calc), then read and redacted as XLSX;
the published copy is XLSX."""

from __future__ import annotations

from reviewer.formats import OLE_MAGIC, Format, register
from reviewer.formats._converted import parse_via_xlsx, redact_via_xlsx, verify_xlsx
from reviewer.formats.xlsx import FORMAT as XLSX

_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_WORD = "WordDocument".encode("utf-16-le")


def sniff(data: bytes) -> bool:
    # An OLE compound file with a BIFF workbook stream (Excel 97-2003, WPS 表格) and no Word stream.
    return data.startswith(OLE_MAGIC) and _WORD not in data and any(s in data for s in _STREAMS)


FORMAT = register(Format(
    name="xls", label="Excel 97-2003 / WPS 表格", extensions=(".xls", ".et", ".ett", ".xlt"),
    mime_types=("application/vnd.ms-excel", "application/kset"),
    sniff=sniff, parse=lambda data, limits=None, deadline=None: parse_via_xlsx(data, "xls", ".xls", limits, deadline),
    redact=lambda doc, removals, options: redact_via_xlsx(doc, removals, options, ".xls"), verify=verify_xlsx,
    location_kinds=XLSX.location_kinds, output_format="xlsx", priority=31,
    notes="converted to XLSX by LibreOffice Calc (sandboxed as for DOC); locations as XLSX; the redacted copy is XLSX",
))
