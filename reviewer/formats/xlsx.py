"""Excel workbooks (.xlsx, .xlsm: macros never run, always removed on redaction)."""

from __future__ import annotations

from reviewer.formats import Format, register, zip_has

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sniff(data: bytes) -> bool:
    return zip_has(data, "xl/")


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.xlsx_parser import parse_xlsx

    return parse_xlsx(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction.xlsx import redact_xlsx

    return redact_xlsx(doc, removals)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify_xlsx import verify_xlsx

    return verify_xlsx(output, needles)


FORMAT = register(Format(
    name="xlsx", label="Excel 工作簿", extensions=(".xlsx", ".xlsm"),
    mime_types=(MIME, "application/vnd.ms-excel.sheet.macroEnabled.12"),
    sniff=sniff, parse=parse, redact=redact, verify=verify,
    location_kinds=("table", "formula", "sheet_name", "defined_name", "header", "footer", "data_validation", "link",
                    "comment", "properties", "pivot_cache", "external_link", "chart", "drawing", "other"),
    priority=25, notes="every cell (shared/inline strings, cached values), formulas, comments, headers/footers, "
                       "names, validation lists, pivot caches, external links; location sheet!cell",
))
