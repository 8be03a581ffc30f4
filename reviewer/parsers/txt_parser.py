"""Plain text in UTF-8, GB18030 and the few other encodings Chinese offices produce.

Order of attempts (first that succeeds wins, and is recorded):
1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. strict UTF-8;
3. strict GB18030, rejected if it yields private-use characters (a sign that the
   bytes were not GB18030 at all);
4. charset-normalizer restricted to utf_8 / gb18030 / big5 / utf_16 (left free it
   guesses Korean cp949 for short Chinese lines).
Binary data (NUL bytes, many control characters) is refused as not a text file.

One block per non-empty line: ``location={"line": n}`` (1-based) and character ``i``
of the block is column ``i`` of that line.  Line breaks (``\\n``, ``\\r\\n``, ``\\r``)
become ``\\n`` in the text; the file's own newline is kept in ``metadata.newline``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.errors import UnsupportedFormatError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_GUESSES = ["utf_8", "gb18030", "big5", "utf_16"]
_LINE_RE = re.compile(r"\r\n|\r|\n")


def _private_use_count(text: str) -> int:
    return sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch >= "\U000f0000")


def _has_private_use(text: str) -> bool:
    """Too many private-use characters for real text: the bytes were not in this encoding.

    A few are normal — offices map self-made rare characters (造字, e.g. in names) into
    the private-use area — so up to one in a thousand (at least two) is accepted.
    """
    return _private_use_count(text) > max(2, len(text) // 1000)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 100)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:65536] if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\t\n\r\f")
    return bad / min(len(text), 65536)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise UnsupportedFormatError for non-text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""), errors="strict")
            except UnicodeDecodeError:
                raise UnsupportedFormatError("The file starts with a Unicode byte-order mark but is not valid "
                                             f"{enc.upper()} text.", code="not_text") from None
            return text, {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16-be"}[enc]
    if _looks_binary(data):
        raise UnsupportedFormatError("The file holds binary data, not text; upload a TXT, DOCX or PDF document.",
                                     code="not_text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if not _has_private_use(text) and _control_ratio(text) < 0.01:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_ALLOWED_GUESSES).best()
    if best is not None:
        text = str(best)
        if _control_ratio(text) < 0.01 and not _has_private_use(text):
            return text, best.encoding
    raise UnsupportedFormatError(
        "The file is not text in a known encoding (UTF-8, GB18030, Big5, UTF-16).", code="not_text"
    )


def parse_txt(data: bytes, *, limits=None, deadline=None) -> Document:
    text, encoding = decode(data)
    newline = None
    m = _LINE_RE.search(text)
    if m:
        newline = m.group(0)
    tb = TextBuilder()
    pos = 0
    line_no = 1
    for m in _LINE_RE.finditer(text):
        tb.add(text[pos:m.start()], "body", {"line": line_no})
        tb.sep("\n")
        pos = m.end()
        line_no += 1
        if deadline is not None and line_no % 20000 == 0:
            deadline.check()
    tb.add(text[pos:], "body", {"line": line_no})
    meta = Metadata(format="txt", sha256="", size=len(data), pages=None, encoding=encoding, newline=newline)
    doc = Document(text=tb.text(), blocks=tb.blocks, metadata=meta)
    pua = _private_use_count(text)
    if pua:
        doc.warnings.append(Notice(
            "private_use_characters",
            f"The text holds {pua} private-use character(s), often self-made rare characters (造字); "
            "they may show differently on the website.", {"count": pua}))
    return doc
