"""Independent check that nothing removed survives in the output.

The output is read back by code that shares nothing with the code that wrote it:

* PDF  — (verify_pdf.py) the page text from *both* ``pdftotext`` (poppler) and pdfminer.six, page by
  page; each must read at least half of the characters the parser expects on every
  page (a check that sees nothing is a failure: pdftotext without poppler-data reads
  nothing of a non-embedded CJK font); pdfminer.six for the document information
  dictionary, XMP metadata, annotations, attachments, JavaScript and outlines.
* DOCX — (verify_docx.py) every member of the zip, whether the parser knows it or not (and the members
  of a package embedded in it): XML in UTF-8 or UTF-16 with its tags stripped (runs
  joined), entities decoded, XML comments, attribute values (percent-decoded too) and
  the raw XML; other members as raw bytes in UTF-8, UTF-16 (LE/BE, either alignment)
  and GB18030, RTF and MHT decoded; then python-docx must open the package.
* TXT  — the bytes decoded with the original encoding.

Every removed string is searched in several forms: as written, with white space and
hyphens removed, and (when it holds six digits or more) as digits only; the text read
back is compacted the same way.  A string that the reviewer chose to keep elsewhere
in the document (the same number in a rejected finding, say) cannot be checked and
is listed under ``skipped`` in the log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reviewer.errors import VerificationError

_COMPACT = re.compile(r"[\s\-‐‑‒–—―−﹣－_\u200b\u200c\u200d\u2060\ufeff]+")
_TAG = re.compile(rb"<[^>]*>")


def compact(text: str) -> str:
    return _COMPACT.sub("", text)


def _fold(text: str) -> str:
    """Compacted and NFKC-folded: a full-width １３８ is searched as 138."""
    return compact(unicodedata.normalize("NFKC", text))


@dataclass
class Needles:
    forms: dict[str, str] = field(default_factory=dict)   # compact form -> label for the log (masked)
    skipped: list[str] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)     # as written -> label, for raw PDF objects

# Raw PDF objects and streams, and DOCX attribute values, are searched without compaction
# (compacting "1 0 0 1 0 0 cm" would make digit strings out of numbers), and ASCII strings
# shorter than this are not searched there: ids and colours ("00190A3C") hold short digit
# runs by chance.  The text itself (pdftotext, DOCX text nodes) is searched for all.
RAW_SOURCES = ("objects", "streams")
RAW_MIN_ASCII = 6


def _label(s: str) -> str:
    """A masked label for a needle, so the log never repeats what was removed."""
    if len(s) <= 1:
        return "*"
    if len(s) <= 2:
        return s[0] + "*" * (len(s) - 1)
    return s[0] + "*" * (len(s) - 2) + s[-1]


def _checkable(form: str) -> bool:
    """Long enough to mean something when found: 2 characters with a CJK one, else 4.

    A shorter string ("三", "502", "ab") turns up by chance in any file; it is still
    removed, but its absence proves nothing, so it is listed as skipped."""
    if any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in form):
        return len(form) >= 2
    return len(form) >= 4


def build_needles(strings: list[str], expected_text: str) -> Needles:
    """The compact forms to look for; those present in the expected output are skipped."""
    expected = _fold(expected_text)
    out = Needles()
    for s in strings:
        c = _fold(s)
        forms = {c} if c else set()
        digits = re.sub(r"\D", "", c)
        if len(digits) >= 6:
            forms.add(digits)
        for form in forms:
            if form in expected or not _checkable(form):
                out.skipped.append(_label(form))
            else:
                out.forms[form] = _label(form)
                for raw in {form, s.strip()}:
                    if not raw.isascii() or len(raw) >= RAW_MIN_ASCII:
                        out.raw[raw] = _label(form)
    return out


# Text read back from a PDF by an extractor ("text:pdftotext", "text:pdfminer") comes in the
# extractor's own reading order, which is not the parser's: a page number can land between
# the two kept ends of a masked number, or after a number that runs on to the next page.
# Joined across such lines, digits make windows that were never next to each other.  A
# short ASCII needle (the four hidden digits of a masked mobile, "5678") is therefore
# searched within each extracted line only: among a thousand masked mobiles, a thousand
# 4-digit needles would otherwise match such a window by chance (a 200-page draft failed
# on every run).  Longer needles are searched across lines, so a number wrapped from one
# line to the next is still found.
LINE_LOCAL_PREFIX = "text:"


_ALNUM = re.compile(r"[0-9A-Za-z]+")


def _line_local(where: str, form: str) -> bool:
    return where.startswith(LINE_LOCAL_PREFIX) and form.isascii() and len(form) < RAW_MIN_ASCII


def _hits(needles: Needles, where: str, text: str, found: list[dict]) -> None:
    if not text:
        return
    if where in RAW_SOURCES or where.endswith(("@attributes", "@raw")):
        runs = None
        for form, label in needles.raw.items():
            hay = text
            if _ALNUM.fullmatch(form):
                # An all-ASCII-alphanumeric needle can only lie inside one run of such
                # characters: search those runs alone (a tenth of a PDF's decoded streams).
                if runs is None:
                    runs = "\x00".join(m for m in _ALNUM.findall(text) if len(m) >= RAW_MIN_ASCII)
                hay = runs if len(form) >= RAW_MIN_ASCII else text
            if form in hay:
                found.append({"where": where, "needle": label})
        return
    c = _fold(text)
    lines = None
    for form, label in needles.forms.items():
        if form not in c:
            continue
        if _line_local(where, form):
            if lines is None:
                lines = [_fold(line) for line in text.splitlines()]
            if not any(form in line for line in lines):
                continue
        found.append({"where": where, "needle": label})


def _check(needles: Needles, sources: dict[str, str], fmt: str) -> dict:
    found: list[dict] = []
    for where, text in sources.items():
        _hits(needles, where, text, found)
    result = {"passed": not found, "extractor": fmt, "needles": len(needles.forms),
              "skipped": needles.skipped, "sources": sorted(sources)}
    if found:
        result["found"] = found
        raise VerificationError(
            f"Verification failed: {len(found)} removed string(s) still found in the output "
            f"({', '.join(sorted({h['where'] for h in found})[:5])}); nothing was written.",
            details={"found": found})
    return result


# --------------------------------------------------------------------------- TXT
def verify_txt(data: bytes, encoding: str | None, needles: Needles) -> dict:
    enc = encoding or "utf-8"
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise VerificationError("The redacted text cannot be decoded in its own encoding.") from None
    return _check(needles, {"text": text}, f"decode:{enc}")


# --------------------------------------------------------------------------- DOCX
# The DOCX reading lives in verify_docx.py (every member of the package, every encoding).
def docx_sources(data: bytes) -> dict[str, str]:
    from reviewer.redaction.verify_docx import docx_sources as read

    return read(data)


def verify_docx(data: bytes, needles: Needles) -> dict:
    from reviewer.redaction.verify_docx import verify_docx as check

    return check(data, needles)


# --------------------------------------------------------------------------- PDF
# The PDF reading lives in verify_pdf.py (both extractors, page coverage, every object).
def verify_pdf(data: bytes, needles: Needles, expected_pages: dict[int, int] | None = None) -> dict:
    from reviewer.redaction.verify_pdf import verify_pdf as check

    return check(data, needles, expected_pages)
