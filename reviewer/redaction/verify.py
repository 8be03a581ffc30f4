"""Independent check that nothing removed survives in the output.

The output is read back by code that shares nothing with the code that wrote it:

* PDF  — the page text from *both* ``pdftotext`` (poppler) and pdfminer.six, page by
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

import io
import re
import shutil
import subprocess
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


def _line_local(where: str, form: str) -> bool:
    return where.startswith(LINE_LOCAL_PREFIX) and form.isascii() and len(form) < RAW_MIN_ASCII


def _hits(needles: Needles, where: str, text: str, found: list[dict]) -> None:
    if not text:
        return
    if where in RAW_SOURCES or where.endswith(("@attributes", "@raw")):
        for form, label in needles.raw.items():
            if form in text:
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
def _pdftotext(data: bytes) -> list[str]:
    """The text of each page, by poppler's pdftotext."""
    exe = shutil.which("pdftotext")
    if not exe:
        raise VerificationError("pdftotext (poppler-utils) is not installed, so the redacted PDF cannot be "
                                "checked by a second extractor; nothing was written.",
                                code="verification_incomplete", details={"extractor": "pdftotext"})
    proc = subprocess.run([exe, "-q", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=300)
    if proc.returncode != 0:
        raise VerificationError("pdftotext cannot read the redacted PDF.", details={"rc": proc.returncode})
    pages = proc.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()              # pdftotext ends every page with a form feed
    return pages


def _pdfminer_page_texts(doc) -> list[str]:
    """The text of each page, by pdfminer.six (its own content-stream interpreter)."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    buf = io.StringIO()
    rsrc = PDFResourceManager()
    device = TextConverter(rsrc, buf, laparams=LAParams())
    interpreter = PDFPageInterpreter(rsrc, device)
    pages = []
    for page in PDFPage.create_pages(doc):
        interpreter.process_page(page)
        pages.append(buf.getvalue())
        buf.seek(0)
        buf.truncate()
    device.close()
    return pages


def _pdfminer_parts(data: bytes) -> tuple[dict[str, str], list[str]]:
    """Everything pdfminer.six reads outside the page text, and the text of each page."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1, stream_value

    out: dict[str, str] = {}
    parser = PDFParser(io.BytesIO(data))
    doc = PDFDocument(parser)
    info = []
    for d in doc.info:
        for k, v in d.items():
            info.append(f"{k}: {_pdf_str(resolve1(v))}")
    out["info"] = "\n".join(info)
    cat = doc.catalog
    meta = resolve1(cat.get("Metadata"))
    if meta is not None:
        out["xmp"] = stream_value(meta).get_data().decode("utf-8", "replace")
    names = resolve1(cat.get("Names")) or {}
    if names:
        out["names"] = repr(names)
        if "EmbeddedFiles" in names:
            out["attachments"] = "EmbeddedFiles present"
    out["outlines"] = _outline_titles(resolve1(cat.get("Outlines")), resolve1)
    for key in ("OpenAction", "AA", "AcroForm"):
        if cat.get(key) is not None:
            out[f"catalog:{key}"] = _deep_str(resolve1(cat.get(key)), resolve1)
    annots = []
    for i, page in enumerate(PDFPage.create_pages(doc), 1):
        for a in resolve1(page.annots) or []:
            annots.append(f"page {i}: {_deep_str(resolve1(a), resolve1)}")
    out["annotations"] = "\n".join(annots)
    out.update(_pdfminer_objects(doc, resolve1, stream_value))
    return out, _pdfminer_page_texts(doc)


def _outline_titles(root, resolve1) -> str:
    """Every bookmark title, walked without recursion (a long list is a long /Next chain)."""
    if not isinstance(root, dict):
        return ""
    titles, stack, seen = [], [root.get("First")], set()
    while stack and len(seen) < 50000:
        ref = stack.pop()
        item = resolve1(ref)
        if not isinstance(item, dict) or id(item) in seen:
            continue
        seen.add(id(item))
        if item.get("Title") is not None:
            titles.append(_pdf_str(resolve1(item.get("Title"))))
        action = resolve1(item.get("A"))
        if isinstance(action, dict):
            titles.append(_deep_str(action, resolve1, 4))
        stack.extend([item.get("Next"), item.get("First")])
    return "\n".join(titles)


_BINARY_KEYS = ("Length1", "Length2", "Length3")


def _pdfminer_objects(doc, resolve1, stream_value) -> dict[str, str]:
    """Every object in the file: strings, and decoded streams other than images and font
    programs; embedded files and JavaScript are reported by kind."""
    from pdfminer.pdftypes import PDFStream

    strings, streams, kinds = [], [], []
    seen = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = doc.getobj(objid)
            except Exception:
                continue
            if isinstance(obj, PDFStream):
                attrs = obj.attrs
                t, st = str(attrs.get("Type", "")), str(attrs.get("Subtype", ""))
                if "EmbeddedFile" in t:
                    kinds.append("embedded file")
                if "Image" in st or any(k in attrs for k in _BINARY_KEYS) or st.endswith(("Type1C", "0C", "OpenType")):
                    continue
                try:
                    data = obj.get_data()
                except Exception:
                    continue
                streams.append(data.decode("latin-1") + "\n" + data.decode("utf-8", "ignore"))
                strings.extend(_stream_strings(data))
            else:
                if isinstance(obj, dict):
                    t = str(obj.get("Type", "")) + str(obj.get("S", ""))
                    if "Filespec" in t or "JavaScript" in t:
                        kinds.append("file specification" if "Filespec" in t else "JavaScript")
                strings.append(_deep_str(obj, resolve1, 5))
    out = {"objects": "\n".join(strings), "streams": "\n".join(streams)}
    if kinds:
        out["embedded"] = ", ".join(sorted(set(kinds)))
    return out


_HEXSTR = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")
_LITSTR = re.compile(rb"\(((?:\\.|[^\\()])*)\)", re.S)
_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _stream_strings(data: bytes) -> list[str]:
    """Text strings inside a stream (marked-content ActualText/Alt, form fields):
    hex and literal strings, decoded as UTF-16 when they carry its byte-order mark."""
    out = []
    for m in _HEXSTR.finditer(data):
        raw = re.sub(rb"\s", b"", m.group(1))
        if len(raw) % 2:
            raw += b"0"
        b = bytes.fromhex(raw.decode())
        if b.startswith(b"\xfe\xff"):
            out.append(b[2:].decode("utf-16-be", "replace"))
    for m in _LITSTR.finditer(data):
        b = re.sub(rb"\\([0-7]{1,3}|.)", lambda e: bytes([int(e.group(1), 8) & 255]) if e.group(1)[:1].isdigit()
                   else _ESC.get(e.group(1), e.group(1)), m.group(1), flags=re.S)
        out.append(b[2:].decode("utf-16-be", "replace") if b.startswith(b"\xfe\xff") else b.decode("latin-1"))
    return out


def _pdf_str(v) -> str:
    if isinstance(v, bytes):
        if v.startswith(b"\xfe\xff"):
            return v[2:].decode("utf-16-be", "replace")
        return v.decode("latin-1")
    return str(v)


def _deep_str(v, resolve1, depth: int = 0) -> str:
    if depth > 6:
        return ""
    v = resolve1(v)
    if isinstance(v, dict):
        return " ".join(f"{k}={_deep_str(x, resolve1, depth + 1)}" for k, x in v.items() if k not in ("Parent", "P"))
    if isinstance(v, list):
        return " ".join(_deep_str(x, resolve1, depth + 1) for x in v)
    return _pdf_str(v)


# An extractor must read at least this share of the characters the parser expects on a
# page (white space not counted); a page expecting fewer than MIN_PAGE_CHARS is not
# judged.  Extractors differ a little (a fake-bold glyph drawn twice, a ligature), never
# by half; reading nothing is what pdftotext does with a non-embedded CJK font
# (STSong-Light, 宋体 named but not embedded) when Debian's poppler-data is missing.
MIN_PAGE_SHARE = 0.5
MIN_PAGE_CHARS = 8


def _visible_count(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace() and ch != "\ufffd")


def _coverage(extracted: dict[str, list[str]], expected: dict[int, int] | None) -> dict:
    """Per extractor, the characters it read and the pages where it read materially less
    than expected (without parser figures, the extractors are held to each other)."""
    counts = {name: [_visible_count(p) for p in pages] for name, pages in extracted.items()}
    if expected is None:
        n_pages = max((len(c) for c in counts.values()), default=0)
        expected = {p: max((c[p - 1] for c in counts.values() if len(c) >= p), default=0)
                    for p in range(1, n_pages + 1)}
    short: dict[str, list[int]] = {}
    for name, c in counts.items():
        for page, want in sorted(expected.items()):
            got = c[page - 1] if 0 < page <= len(c) else 0
            if want >= MIN_PAGE_CHARS and got < MIN_PAGE_SHARE * want:
                short.setdefault(name, []).append(page)
    return {"chars": {name: sum(c) for name, c in counts.items()},
            "expected_chars": sum(expected.values()), "short_pages": short}


def verify_pdf(data: bytes, needles: Needles, expected_pages: dict[int, int] | None = None) -> dict:
    """Check a redacted PDF with pdftotext *and* pdfminer.six.

    ``expected_pages`` maps a page number to the count of non-space characters the
    parser expects there once the removed ones are gone (0 for a rasterised page).  An
    extractor that reads less than half of that on a page fails the check
    (``verification_incomplete``): a search that saw nothing proves nothing."""
    pages_pt = _pdftotext(data)
    try:
        parts, pages_pm = _pdfminer_parts(data)
    except VerificationError:
        raise
    except Exception as exc:
        raise VerificationError(f"pdfminer cannot read the redacted PDF ({type(exc).__name__}).") from None
    problems = [k for k in ("xmp", "attachments", "embedded", "catalog:OpenAction", "catalog:AA") if parts.get(k)]
    if problems or parts.get("annotations") or parts.get("info"):
        problems += [k for k in ("annotations", "info") if parts.get(k)]
        raise VerificationError(f"The redacted PDF still carries {', '.join(problems)}; nothing was written.",
                                details={"left": problems})
    coverage = _coverage({"pdftotext": pages_pt, "pdfminer": pages_pm}, expected_pages)
    if coverage["short_pages"]:
        where = "; ".join(f"{name} on page(s) {', '.join(map(str, pages[:10]))}"
                          for name, pages in sorted(coverage["short_pages"].items()))
        raise VerificationError(
            f"An independent extractor read much less text than the document holds ({where}), so the "
            "redaction cannot be confirmed; nothing was written. (pdftotext needs Debian's poppler-data "
            "for CJK fonts that are not embedded.)",
            code="verification_incomplete", details={"short_pages": coverage["short_pages"]})
    parts["text:pdftotext"] = "\f".join(pages_pt)
    parts["text:pdfminer"] = "\f".join(pages_pm)
    result = _check(needles, parts, "pdftotext+pdfminer")
    result["coverage"] = {k: v for k, v in coverage.items() if k != "short_pages"}
    return result
