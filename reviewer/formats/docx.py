"""Word documents (Office Open XML, .docx)."""

from __future__ import annotations

from reviewer.errors import EncryptedFileError
from reviewer.formats import OLE_MAGIC, Format, is_zip, register, zip_has

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PARTS = ("body", "table", "header", "footer", "footnote", "endnote", "textbox", "comment", "insertion", "deletion",
         "properties", "glossary", "link", "alt_text", "field", "equation", "watermark", "drawing", "chart",
         "diagram", "theme", "variable", "custom_xml", "people", "alt_chunk", "embedded", "macro", "image", "other",
         "ocr")


def sniff(data: bytes) -> bool:
    if is_zip(data):
        return zip_has(data, "word/")
    if data.startswith(OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        # Password-protected OOXML files are stored in an OLE container.
        raise EncryptedFileError("The document is password-protected; remove the password and upload it again.")
    return False


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.docx_parser import parse_docx

    return parse_docx(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction import ocr_docx
    from reviewer.redaction.docx import redact_docx

    if ocr_docx.has_ocr(doc):   # pictures read by OCR: removed text painted out in them
        return ocr_docx.redact(doc, removals, options)

    return redact_docx(doc, removals, strip_rsid=not options.get("keep_rsid", False))


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    if "ocr" in engine:         # and the pictures are read again
        from reviewer.redaction import ocr_docx

        return ocr_docx.verify(output, needles, doc=doc, removals=removals, engine=engine)
    from reviewer.redaction.verify import verify_docx

    return verify_docx(output, needles)


FORMAT = register(Format(
    name="docx", label="Word 文档", extensions=(".docx",), mime_types=(MIME,),
    sniff=sniff, parse=parse, redact=redact, verify=verify, location_kinds=PARTS,
    dropped_parts=frozenset({"comment", "deletion", "properties", "custom_xml", "people", "variable", "embedded",
                             "macro", "alt_chunk", "image"}),
    priority=20, notes="every XML part and member; location xml_part, paragraph, char_offset, table/row/col",
))
