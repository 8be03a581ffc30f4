"""PDF verification: the redacted file read back without the parser or the engine.

Called through :mod:`reviewer.redaction.verify` (``verify_pdf``).

* The page text from *both* ``pdftotext`` (poppler) and pdfminer.six, page by page.  Each
  must read at least half of the characters the parser expects on every page
  (``expected_pages``), or the check fails with ``verification_incomplete``: a search of
  an empty string proves nothing, and that is what pdftotext returns for a CJK font that
  is not embedded (STSong-Light) when Debian's poppler-data is missing.  pdftotext not
  installed fails the same way; it is never a fallback.
* pdfminer.six for the document information dictionary, XMP metadata, annotations,
  attachments, ``OpenAction``/``AA``, forms, outlines, and every object in the file:
  strings, decoded streams other than images and font programs, and the text strings
  inside those streams.  Any XMP, Info, annotation or embedded file left fails by itself.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

from reviewer.errors import VerificationError
from reviewer.redaction.verify import Needles, _check


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
