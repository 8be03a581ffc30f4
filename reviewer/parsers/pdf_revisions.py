"""Earlier revisions of a PDF: the text an incremental update replaced.

An incremental update appends new objects and a new cross-reference section after the
first ``%%EOF``; a reader shows only the last revision, but the earlier ones stay in
the bytes, and any tool that opens the file at an earlier ``%%EOF`` sees them again
(a name, an ID number typed in the first draft and corrected later).  For each earlier
revision (the file cut just after its ``%%EOF``; the first ``%%EOF`` of a linearised
file ends no revision) this module reads the text of every page and the document
information, and returns the lines that the current revision no longer holds.  The
parser adds them to the document as ``part="revision"`` blocks so the detectors see
them, and warns ``earlier_revisions``.  The redacted copy is a fresh full save, so none
of it survives there.

Bounds: at most ``MAX_REVISIONS`` (the latest ones), the page content of each earlier
revision is held to ``max_decompressed_bytes`` (pdf_guard) like the current one, the
added text counts towards ``max_chars`` (past it the file is refused, never read in
part), and the deadline is checked between pages.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reviewer.errors import LimitExceededError, ReviewerError
from reviewer.parsers import pdf_objects
from reviewer.parsers.pdf_guard import check_content_size
from reviewer.parsers.pdf_text import page_chars

MAX_REVISIONS = 16
_EOF = re.compile(rb"%%EOF[ \t]*(?:\r\n|\r|\n)?")
_SPACE = re.compile(r"\s+")


@dataclass
class RevisionText:
    revision: int                  # 1 = the first (oldest) revision
    # (location, text): a run of neighbouring lines the current version lacks, joined
    lines: list[tuple[dict, str]] = field(default_factory=list)


def revision_ends(data: bytes) -> list[int]:
    """Byte offsets where the earlier revisions end (just past their ``%%EOF``)."""
    ends = [m.end() for m in _EOF.finditer(data)]
    tail = data.rstrip(b"\x00\r\n\t \x0c")
    if ends and ends[-1] >= len(tail):
        ends.pop()                 # the current revision
    else:
        ends = ends[:-1]           # junk after the last %%EOF: it is still the current one
    if ends and b"/Linearized" in data[:2048]:
        ends.pop(0)                # a linearised file's first-page section is no revision
    return ends


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def _page_lines(page) -> list[str]:
    textpage = pdfium_c.FPDFText_LoadPage(page)
    if not textpage:
        return []
    try:
        chars, _boxes, _index = page_chars(textpage)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    lines, cur = [], []
    for ch, box in zip(chars, _boxes):
        if cur and cur[-1][1] is not None and box[3] < cur[-1][1][1]:   # dropped below the last one: a new line
            lines.append("".join(c for c, _ in cur))
            cur = []
        cur.append((ch, box))
    if cur:
        lines.append("".join(c for c, _ in cur))
    return [line.strip() for line in lines if line.strip()]


def _read_revision(prefix: bytes, number: int, current: str, limits, deadline, budget: int) -> RevisionText:
    out = RevisionText(number)
    try:
        import pikepdf

        with pikepdf.open(io.BytesIO(prefix)) as objects:
            check_content_size(objects, limits.max_decompressed_bytes, deadline, limits.max_pages)
    except ReviewerError:
        raise
    except Exception:
        pass                       # qpdf cannot follow this revision; pdfium may
    try:
        doc = pdfium.PdfDocument(prefix)
    except pdfium.PdfiumError:
        return out                 # not a readable revision (a damaged update): nothing to add
    try:
        raw = doc.raw
        used = 0
        for key, value in pdf_objects.read_info(raw).items():
            if key in pdf_objects.INFO_TEXT_FIELDS and _compact(value) not in current:
                out.lines.append(({"revision": number, "field": key, "source": "info"}, value))
        n_pages = min(pdfium_c.FPDF_GetPageCount(raw), limits.max_pages)
        for index in range(max(n_pages, 0)):
            if deadline is not None:
                deadline.check()
            page = pdfium_c.FPDF_LoadPage(raw, index)
            if not page:
                continue
            try:
                lines = _page_lines(page)
            finally:
                pdfium_c.FPDF_ClosePage(page)
            last = None            # changed lines next to each other are joined (a wrapped number)
            for i, line in enumerate(lines, 1):
                c = _compact(line)
                if len(c) < 2 or c in current:
                    continue
                used += len(line) + 1
                if used > budget:       # never a partial review: the whole file is refused
                    raise LimitExceededError(
                        f"The document has more than {limits.max_chars:,} characters of text "
                        "(with the text of its earlier revisions).",
                        details={"limit": "max_chars", "value": limits.max_chars})
                if last is not None and last[0] == index and last[1] == i - 1:
                    loc, text = out.lines[-1]
                    out.lines[-1] = (loc, text + line)
                else:
                    out.lines.append(({"revision": number, "page": index + 1, "line": i}, line))
                last = (index, i)
    finally:
        doc.close()
    return out


def earlier_revision_text(data: bytes, current_text: str, limits, deadline, budget: int) -> tuple[int, list[RevisionText]]:
    """``(number of earlier revisions, what each holds that the current text does not)``.

    Must run under the PDF parser's lock (pdfium is not thread-safe)."""
    ends = revision_ends(data)
    if not ends:
        return 0, []
    current = _compact(current_text)
    found: list[RevisionText] = []
    first = max(len(ends) - MAX_REVISIONS, 0)
    for k in range(first, len(ends)):
        rev = _read_revision(data[:ends[k]], k + 1, current, limits, deadline,
                             budget - sum(len(t) + 1 for r in found for _, t in r.lines))
        if rev.lines:
            found.append(rev)
    return len(ends), found
