"""PDF: page text with a box per character, annotations, metadata, attachments, revisions."""

from __future__ import annotations

from reviewer.formats import Format, register


def sniff(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.pdf_parser import parse_pdf

    return parse_pdf(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction import ocr_pdf
    from reviewer.redaction.pdf import redact_pdf

    if ocr_pdf.has_ocr(doc) or options.get("boxes"):   # scanned pages: painted out in the pixels
        return ocr_pdf.redact(doc, removals, options.get("boxes", ()))
    return redact_pdf(doc, removals)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    if "ocr" in engine:        # and the redacted pages are read again by OCR
        from reviewer.redaction import ocr_pdf

        return ocr_pdf.verify(output, needles, doc=doc, removals=removals, engine=engine)
    from reviewer.redaction.pdf import expected_page_chars
    from reviewer.redaction.verify import verify_pdf

    return verify_pdf(output, needles, expected_page_chars(doc, removals, engine))


FORMAT = register(Format(
    name="pdf", label="PDF 文档", extensions=(".pdf",), mime_types=("application/pdf",),
    sniff=sniff, parse=parse, redact=redact, verify=verify,
    location_kinds=("page", "annotation", "metadata", "attachment", "revision", "ocr"),
    dropped_parts=frozenset({"annotation", "metadata", "attachment", "revision"}), text_layer_only=True,
    accepts_boxes=True,
    priority=10, notes="glyphs removed from the content stream, black boxes; location page, line, bboxes",
))
