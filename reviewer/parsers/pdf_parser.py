"""PDF → :class:`~reviewer.document.Document`, with a box for every character.

Text comes from pdfium (pypdfium2, Apache-2.0/BSD): per page, the characters and
their loose boxes, grouped into lines and paragraphs by :mod:`pdf_text`.  Blocks:

* ``part="page"``, ``location={"page": n, "line": i}`` — one block per line of a page
  (both 1-based, lines top-down); ``boxes`` has one ``(x0, y0, x1, y1)`` per character
  in PDF user space, ``None`` for a space the parser inserted.  A soft-wrapped line
  is joined to the next with nothing in between; other line ends and page ends
  insert ``"\\n"`` (no block).
* ``part="annotation"``, ``location={"page": n, "subtype": "Text", "field":
  "Contents"|"T"|"Subj"|"V"|"URI", "index": k, "rect": [...]}`` — notes and their
  authors, form-field values, link targets; after all pages.
* ``part="attachment"``, ``location={"field": "name", "index": k}`` — the names of
  embedded files (their contents are not read: see ``attachments_present``).
* ``part="metadata"``, ``location={"field": "Title", "source": "info"}``,
  ``{"field": "dc:creator", "source": "xmp"}`` or ``{"field": "outline", "source":
  "bookmarks", "index": k}`` (bookmark titles).
* ``part="revision"``, ``location={"revision": r, "page": n, "line": i}`` or ``{"revision":
  r, "field": "Title", "source": "info"}`` — lines of earlier revisions (incremental
  updates) that the current version no longer holds (:mod:`pdf_revisions`) — last.

Warnings (``Document.warnings``): ``page_without_text`` (pages that draw something but
have no text layer: scans, outlined text; OCR is a separate step), ``garbled_text``
(fonts without a Unicode mapping: the text layer is noise), ``invisible_text`` (text
in render mode 3: an OCR layer, or hidden text — read like any other),
``attachments_present`` (embedded files are not read), ``owner_password_only``,
``metadata_unreadable``, ``earlier_revisions`` (incremental updates; their text that the
current version lacks is read as ``revision`` blocks).

Errors: a user password → EncryptedFileError; a damaged, truncated or non-PDF file →
CorruptFileError; more pages than ``limits.max_pages`` → LimitExceededError (nothing
is read: a partial review would look complete); page content that would inflate past
``limits.max_decompressed_bytes`` → LimitExceededError (see :mod:`pdf_guard`);
a page with more characters than ``limits.max_chars`` allows → LimitExceededError.
``deadline.check()`` runs between pages.  pdfium is not thread-safe, so parses are
serialised by a lock.
"""

from __future__ import annotations

import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.errors import CorruptFileError, EncryptedFileError, LimitExceededError, ReviewerError
from reviewer.parsers import pdf_objects
from reviewer.parsers.pdf_guard import check_content_size
from reviewer.parsers.pdf_revisions import earlier_revision_text
from reviewer.parsers.pdf_text import (PageLines, build_lines, continues_across_pages, font_sizer, layout_page,
                                       page_chars, text_rotation, turn, turn_back)
from reviewer.settings import DEFAULT_LIMITS

_LOCK = threading.Lock()
_INFO_PROPERTY = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
                  "Creator": "creator", "Producer": "producer", "CreationDate": "created",
                  "ModDate": "modified"}


def _looks_truncated(data: bytes) -> bool:
    """The file was cut off (a download, a copy): no ``%%EOF`` at all, or PDF objects
    after the last one (an incremental update that ends early).  Other bytes after
    ``%%EOF`` (mail or upload junk) are tolerated."""
    tail = data.rstrip(b"\x00\r\n\t \x0c")[-2048:]
    if b"%%EOF" in tail:
        return False
    last = data.rfind(b"%%EOF")
    if last < 0:
        return True
    after = data[last + 5:]
    return any(word in after for word in (b" obj", b"endobj", b"stream", b"xref", b"trailer"))


def _open(data: bytes) -> pdfium.PdfDocument:
    if _looks_truncated(data):
        raise CorruptFileError("The PDF file is incomplete (it ends before the end-of-file marker); "
                               "it may have been cut off while copying or downloading.")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError("The PDF is password-protected; remove the password and upload it again.") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError("The PDF uses an encryption scheme that cannot be opened.") from None
        raise CorruptFileError("The PDF file is damaged and cannot be read.") from None


def _open_objects(data: bytes):
    """The same file through pikepdf (for bounds and XMP), or None if qpdf cannot read it."""
    import io

    import pikepdf

    try:
        return pikepdf.open(io.BytesIO(data))
    except Exception:  # qpdf is stricter than pdfium here and there: read the text anyway
        return None


def parse_pdf(data: bytes, *, limits=None, deadline=None) -> Document:
    limits = limits or DEFAULT_LIMITS
    with _LOCK:
        doc = _open(data)
        objects = None
        try:
            n_pages = pdfium_c.FPDF_GetPageCount(doc.raw)
            if n_pages < 0:
                raise CorruptFileError("The PDF file is damaged: its page tree cannot be read.")
            if n_pages > limits.max_pages:
                raise LimitExceededError(
                    f"The PDF has {n_pages:,} pages; the limit is {limits.max_pages:,}. "
                    "Split the document and review the parts.",
                    details={"limit": "max_pages", "value": limits.max_pages, "pages": n_pages},
                )
            objects = _open_objects(data)
            if objects is not None:
                try:
                    check_content_size(objects, limits.max_decompressed_bytes, deadline, limits.max_pages)
                except ReviewerError:
                    raise
                except Exception:  # qpdf cannot follow this file's objects; pdfium may
                    objects.close()
                    objects = None
            return _read(doc, objects, n_pages, data, limits, deadline)
        finally:
            if objects is not None:
                objects.close()
            doc.close()


def _read(doc: pdfium.PdfDocument, objects, n_pages: int, data: bytes, limits, deadline) -> Document:
    raw = doc.raw
    tb = TextBuilder()
    warnings: list[Notice] = []
    annotations: list[tuple[int, dict]] = []
    no_text: list[int] = []
    garbled: list[int] = []
    invisible: list[int] = []
    held: PageLines | None = None   # the previous page, written once we know how it ends
    held_joined_in = False           # whether the page before ``held`` runs on into it
    for index in range(n_pages):
        if deadline is not None:
            deadline.check()
        page = pdfium_c.FPDF_LoadPage(raw, index)
        if not page:
            raise CorruptFileError(f"Page {index + 1} of the PDF is damaged and cannot be read.")
        try:
            lines = _page_lines(page, index + 1, limits, limits.max_chars - len(tb))
            if lines is None and pdf_objects.page_has_objects(page):
                no_text.append(index + 1)
            elif lines is not None:
                if lines.garbled:
                    garbled.append(index + 1)
                if pdf_objects.has_invisible_text(page):
                    invisible.append(index + 1)
            annotations.extend((index + 1, a) for a in pdf_objects.read_annotations(raw, page))
        finally:
            pdfium_c.FPDF_ClosePage(page)
        if held is not None:
            joiner = continues_across_pages(held, lines) if lines is not None else None
            held_joined_in = _write_page(tb, held, held_joined_in, joiner)
        else:
            held_joined_in = False
        held = lines
        if len(tb) > limits.max_chars:
            raise LimitExceededError(
                f"The document has more than {limits.max_chars:,} characters of text.",
                details={"limit": "max_chars", "value": limits.max_chars},
            )
    if held is not None:
        _write_page(tb, held, held_joined_in, None)
    if no_text:
        warnings.append(Notice(
            "page_without_text",
            f"{len(no_text)} page(s) have no text layer (scanned or drawn as images) and were not read: "
            f"{_page_list(no_text)}.",
            {"pages": no_text},
        ))
    if garbled:
        warnings.append(Notice(
            "garbled_text",
            f"{len(garbled)} page(s) use fonts without a Unicode mapping; their text layer is unreadable "
            f"and must be checked by eye or OCR: {_page_list(garbled)}.",
            {"pages": garbled},
        ))
    if invisible:
        warnings.append(Notice(
            "invisible_text",
            f"{len(invisible)} page(s) carry invisible text (an OCR layer over a scan, or hidden text); "
            f"it was read, and it must be removed together with what it covers: {_page_list(invisible)}.",
            {"pages": invisible},
        ))
    attachments = pdf_objects.read_attachment_names(raw)
    attachments += [a["values"].get("Contents", "") or "file attachment annotation"
                    for _, a in annotations if a["subtype"] == "FileAttachment"]
    if attachments:
        warnings.append(Notice(
            "attachments_present",
            f"The PDF carries {len(attachments)} embedded file(s) that were not reviewed; "
            "remove them before publishing or review them separately.",
            {"count": len(attachments), "names": attachments[:50]},
        ))
    security = pdfium_c.FPDF_GetSecurityHandlerRevision(raw)
    if security != -1:
        warnings.append(Notice(
            "owner_password_only",
            "The PDF is encrypted with an owner password only (copy/print restrictions); it was read anyway.",
            {"security_revision": security},
        ))
    _add_annotations(tb, annotations)
    for i, name in enumerate(pdf_objects.read_attachment_names(raw), start=1):
        if name != f"attachment {i}":   # a file name can name a person too
            tb.add(name, "attachment", {"field": "name", "index": i})
            tb.sep("\n")
    properties = _add_metadata(tb, raw, objects, warnings)
    for i, title in enumerate(pdf_objects.read_outline_titles(raw), start=1):
        tb.add(title, "metadata", {"field": "outline", "source": "bookmarks", "index": i})
        tb.sep("\n")
    _add_revisions(tb, data, limits, deadline, warnings)
    version = _pdf_version(raw)
    if version:
        properties["pdf_version"] = version
    meta = Metadata(format="pdf", sha256="", size=len(data), pages=n_pages, properties=properties)
    return Document(text=tb.text(), blocks=tb.blocks, metadata=meta, warnings=warnings)


def _page_lines(page, page_no: int, limits, budget: int) -> PageLines | None:
    """The page's lines, or None when it has no text layer.  A page with more than
    ``budget`` characters is refused before they are read."""
    textpage = pdfium_c.FPDFText_LoadPage(page)
    if not textpage:
        return None
    try:
        if pdfium_c.FPDFText_CountChars(textpage) > budget:
            raise LimitExceededError(
                f"The document has more than {limits.max_chars:,} characters of text (page {page_no}).",
                details={"limit": "max_chars", "value": limits.max_chars, "page": page_no},
            )
        chars, boxes, index = page_chars(textpage)
        if not any(not ch.isspace() for ch in chars):
            return None
        q = text_rotation(textpage, index)
        if q:  # lines are found in the text's own frame; boxes are turned back on output
            boxes = [turn(b, q) for b in boxes]
        lines = build_lines(chars, boxes, font_sizer(textpage, index))
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    width, height = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
    if pdfium_c.FPDFPage_GetRotation(page) % 2:
        width, height = height, width                 # user-space size, before /Rotate
    pl = layout_page(lines, width if q % 2 == 0 else height, page_no)
    if pl is not None:
        pl.rotation = q
    return pl


def _write_page(tb: TextBuilder, pl: PageLines, joined_in: bool, joiner: str | None) -> bool:
    """Append a page's lines.  ``joined_in``: the previous page runs on into this one;
    ``joiner``: this page's last line runs on into the next (None: it does not).

    Page numbers stay last unless the page runs on; then they go where a paragraph
    ends: the front of the page, else the first paragraph break, else the end (and
    the run-on is given up).  Returns whether the page runs on."""
    seps = [line.joiner if line.soft_wrap else "\n" for line in pl.body]
    seps[-1] = "\n" if joiner is None else joiner
    footer_at = len(pl.body)                 # index of the body line the footer follows
    if joiner is not None and pl.footer:
        if not joined_in:
            footer_at = -1
        else:
            breaks = [i for i, sep in enumerate(seps[:-1]) if sep == "\n"]
            if breaks:
                footer_at = breaks[0]
            else:
                footer_at, seps[-1] = len(pl.body) - 1, "\n"

    def add(line, sep: str) -> None:
        boxes = [turn_back(b, pl.rotation) for b in line.boxes] if pl.rotation else line.boxes
        tb.add(line.text, "page", {"page": pl.page, "line": line.number}, boxes)
        tb.sep(sep)

    if footer_at == -1:
        for line in pl.footer:
            add(line, "\n")
    for i, line in enumerate(pl.body):
        add(line, seps[i])
        if i == footer_at or (i == len(pl.body) - 1 and footer_at >= len(pl.body)):
            for f in pl.footer:
                add(f, "\n")
    return seps[-1] != "\n"


def _add_annotations(tb: TextBuilder, annotations: list[tuple[int, dict]]) -> None:
    for page_no, annot in annotations:
        for key, value in annot["values"].items():
            loc = {"page": page_no, "subtype": annot["subtype"], "field": key, "index": annot["index"]}
            if annot["rect"]:
                loc["rect"] = annot["rect"]
            if not tb.ends_with_newline():
                tb.sep("\n")
            tb.add(value, "annotation", loc)
            tb.sep("\n")


def _add_metadata(tb: TextBuilder, raw, objects, warnings: list[Notice]) -> dict:
    properties: dict = {}
    info = pdf_objects.read_info(raw)
    for key, value in info.items():
        properties[_INFO_PROPERTY[key]] = value
        if key in pdf_objects.INFO_TEXT_FIELDS:
            if not tb.ends_with_newline():
                tb.sep("\n")
            tb.add(value, "metadata", {"field": key, "source": "info"})
            tb.sep("\n")
    try:
        packet = pdf_objects.read_xmp_packet(objects) if objects is not None else None
        xmp = pdf_objects.parse_xmp(packet) if packet else []
    except Exception:  # damaged or hostile XMP: the page text is still good
        warnings.append(Notice("metadata_unreadable",
                               "The PDF's XMP metadata could not be read safely and was skipped."))
        xmp = []
    if xmp:
        properties["xmp"] = dict(xmp)
    for key, value in xmp:
        if not tb.ends_with_newline():
            tb.sep("\n")
        tb.add(value, "metadata", {"field": key, "source": "xmp"})
        tb.sep("\n")
    return properties


def _add_revisions(tb: TextBuilder, data: bytes, limits, deadline, warnings: list[Notice]) -> None:
    """Text of earlier revisions (incremental updates) that the current one no longer holds."""
    count, revisions = earlier_revision_text(data, tb.text(), limits, deadline, limits.max_chars - len(tb))
    if not count:
        return
    lines = 0
    for rev in revisions:
        for loc, text in rev.lines:
            if not tb.ends_with_newline():
                tb.sep("\n")
            tb.add(text, "revision", loc)
            tb.sep("\n")
            lines += 1
    pages = sorted({loc["page"] for rev in revisions for loc, _ in rev.lines if "page" in loc})
    warnings.append(Notice(
        "earlier_revisions",
        f"The PDF carries {count} earlier revision(s) (incremental updates); {lines} line(s) of their text "
        "are no longer in the current version and were read too (part 'revision'). A redacted copy is a "
        "fresh save without them, but the draft did carry them.",
        {"revisions": count, "lines": lines, "pages": pages[:50]},
    ))


def _pdf_version(raw) -> str | None:
    import ctypes

    v = ctypes.c_int(0)
    if pdfium_c.FPDF_GetFileVersion(raw, ctypes.byref(v)) and v.value > 0:
        return f"{v.value // 10}.{v.value % 10}"
    return None


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:20])
    return shown + (f" … ({len(pages)} in all)" if len(pages) > 20 else "")
