"""Shared by the formats LibreOffice converts first: DOC/WPS/RTF to DOCX (doc.py, rtf.py),
XLS/ET to XLSX (xls.py).  The DOCX or XLSX path does the rest, and the published copy is in
that format (the log says the format changed)."""

from __future__ import annotations

from dataclasses import replace

from reviewer.document import Notice


def _timeout(limits) -> float:
    from reviewer.settings import DEFAULT_LIMITS

    return (limits or DEFAULT_LIMITS).conversion_timeout_s


def parse_via_docx(data: bytes, name: str, ext: str, limits=None, deadline=None):
    from reviewer.parsers.docx_parser import parse_docx
    from reviewer.parsers.office_convert import convert

    converted = convert(data, ext, timeout_s=_timeout(limits))
    if deadline is not None:
        deadline.check()
    doc = parse_docx(converted, limits=limits, deadline=deadline)
    doc.metadata.format = name
    doc.warnings.append(Notice(
        "converted_format",
        f"The {name.upper()} file was converted to DOCX by LibreOffice to be read; a redacted copy is written as DOCX.",
        {"from": name, "to": "docx", "converter": "libreoffice"}))
    return doc


def redact_via_docx(doc, removals, options, ext: str):
    from reviewer.parsers.office_convert import convert
    from reviewer.redaction.docx import redact_docx

    converted = convert(doc.source, ext)
    as_docx = replace(doc, source=converted, metadata=replace(doc.metadata, format="docx"))
    output, engine = redact_docx(as_docx, removals, strip_rsid=not options.get("keep_rsid", False))
    engine = dict(engine)
    engine["converted_from"] = doc.metadata.format
    engine["cleaned"] = [f"格式由 {doc.metadata.format.upper()} 转换为 DOCX（LibreOffice）"] + list(engine.get("cleaned", []))
    return output, engine


def verify_docx(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify import verify_docx as check

    return check(output, needles)


def parse_via_xlsx(data: bytes, name: str, ext: str, limits=None, deadline=None):
    from reviewer.parsers.office_convert import convert
    from reviewer.parsers.xlsx_parser import parse_xlsx

    converted = convert(data, ext, target="xlsx", timeout_s=_timeout(limits))
    if deadline is not None:
        deadline.check()
    doc = parse_xlsx(converted, limits=limits, deadline=deadline)
    doc.metadata.format = name
    doc.warnings.append(Notice(
        "converted_format",
        f"The {name.upper()} file was converted to XLSX by LibreOffice to be read; a redacted copy is written as XLSX.",
        {"from": name, "to": "xlsx", "converter": "libreoffice"}))
    return doc


def redact_via_xlsx(doc, removals, options, ext: str):
    from reviewer.parsers.office_convert import convert
    from reviewer.redaction.xlsx import redact_xlsx

    converted = convert(doc.source, ext, target="xlsx")
    as_xlsx = replace(doc, source=converted, metadata=replace(doc.metadata, format="xlsx"))
    output, engine = redact_xlsx(as_xlsx, removals)
    engine = dict(engine)
    engine["converted_from"] = doc.metadata.format
    engine["cleaned"] = [f"格式由 {doc.metadata.format.upper()} 转换为 XLSX（LibreOffice）"] + list(engine.get("cleaned", []))
    return output, engine


def verify_xlsx(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify_xlsx import verify_xlsx as check

    return check(output, needles)
