"""Plain text in UTF-8, GB18030 and the few other encodings Chinese offices produce.

Order of attempts (first that succeeds wins, and is recorded):
1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. UTF-16 without a byte-order mark (``utf-16-le`` / ``utf-16-be``): the NUL bytes of its
   ASCII characters (line breaks, digits) all fall on odd (LE) or all on even (BE)
   offsets, and the whole decodes strictly into text;
3. strict UTF-8;
4. strict GB18030, rejected if it yields private-use characters (a sign that the
   bytes were not GB18030 at all);
5. charset-normalizer restricted to utf_8 / gb18030 / big5 / utf_16 (left free it
   guesses Korean cp949 for short Chinese lines); over 1 MB it sees the first megabyte.
Binary data (NUL bytes, many control characters) is refused as not a text file.

``limits.max_chars`` is checked while the bytes are decoded, never after: every
encoding here needs at most four bytes a character, so a file longer than four bytes
per allowed character is refused before it is decoded, and the rest are decoded in
pieces that stop as soon as the count passes the limit.

One block per non-empty line: ``location={"line": n}`` (1-based) and character ``i``
of the block is column ``i`` of that line.  Line breaks (``\\n``, ``\\r\\n``, ``\\r``)
become ``\\n`` in the text; the file's own newline is kept in ``metadata.newline``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.errors import LimitExceededError, UnsupportedFormatError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_GUESSES = ["utf_8", "gb18030", "big5", "utf_16"]
_LINE_RE = re.compile(r"\r\n|\r|\n")
MAX_BYTES_PER_CHAR = 4           # UTF-8 and GB18030 at most; UTF-16 and Big5 fewer
DECODE_CHUNK = 1 << 20
GUESS_SAMPLE = 1 << 20           # bytes charset-normalizer sees of a large file


def _too_long(max_chars: int, where: str = "") -> LimitExceededError:
    return LimitExceededError(f"The document has more than {max_chars:,} characters of text{where}.",
                              details={"limit": "max_chars", "value": max_chars})


def _decode_bounded(data: bytes, encoding: str, max_chars: int | None) -> str:
    """``data.decode(encoding)`` (strict), in pieces, stopping once past ``max_chars``."""
    if max_chars is None or len(data) <= DECODE_CHUNK:
        text = data.decode(encoding)
        if max_chars is not None and len(text) - text.count("\r\n") > max_chars:
            raise _too_long(max_chars)
        return text
    dec = codecs.getincrementaldecoder(encoding)("strict")
    pieces: list[str] = []
    count = 0
    for pos in range(0, len(data), DECODE_CHUNK):
        piece = dec.decode(data[pos:pos + DECODE_CHUNK], final=pos + DECODE_CHUNK >= len(data))
        count += len(piece) - piece.count("\r\n")     # a CRLF is one character of the text
        if count > max_chars:
            raise _too_long(max_chars)
        pieces.append(piece)
    return "".join(pieces)


def _utf16_byte_order(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes say so, else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even + odd == 0:
        return None
    # ASCII characters put their NUL on one side; a CJK character whose code ends in 00
    # (开 U+5F00, about one in 256) puts one on the other now and then.
    if odd and even <= max(2, odd // 10):
        return "utf-16-le"
    if even and odd <= max(2, even // 10):
        return "utf-16-be"
    return None


def _plausible_text(text: str) -> bool:
    """Mostly ASCII, CJK and their punctuation: what a document in UTF-16 holds, and what
    bytes that only look like UTF-16 (a binary file) do not decode to."""
    sample = text[:65536]
    good = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f" or "\u3400" <= ch <= "\u4dbf")
    return good >= 0.9 * len(sample)


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


def decode(data: bytes, max_chars: int | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise UnsupportedFormatError for non-text;
    LimitExceededError as soon as the text is known to pass ``max_chars``."""
    if max_chars is not None and len(data) > MAX_BYTES_PER_CHAR * max_chars + 4:
        raise _too_long(max_chars)      # more bytes than any of these encodings needs
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = _decode_bounded(data[len(bom):], enc.replace("-sig", ""), max_chars)
            except UnicodeDecodeError:
                raise UnsupportedFormatError("The file starts with a Unicode byte-order mark but is not valid "
                                             f"{enc.upper()} text.", code="not_text") from None
            return text, {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16-be"}[enc]
    order = _utf16_byte_order(data)
    if order is not None:
        try:
            text = _decode_bounded(data, order, max_chars)
            if _control_ratio(text) < 0.01 and not _has_private_use(text) and _plausible_text(text):
                return text, order
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise UnsupportedFormatError("The file holds binary data, not text; upload a TXT, DOCX or PDF document.",
                                     code="not_text")
    try:
        return _decode_bounded(data, "utf-8", max_chars), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = _decode_bounded(data, "gb18030", max_chars)
        if not _has_private_use(text) and _control_ratio(text) < 0.01:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:GUESS_SAMPLE], cp_isolation=_ALLOWED_GUESSES).best()
    if best is not None:
        try:
            text = str(best) if len(data) <= GUESS_SAMPLE else _decode_bounded(data, best.encoding, max_chars)
        except (UnicodeDecodeError, LookupError):
            text = None
        if max_chars is not None and text is not None and len(text) > max_chars:
            raise _too_long(max_chars)
        if text is not None and _control_ratio(text) < 0.01 and not _has_private_use(text):
            return text, best.encoding
    raise UnsupportedFormatError(
        "The file is not text in a known encoding (UTF-8, GB18030, Big5, UTF-16).", code="not_text"
    )


def parse_txt(data: bytes, *, limits=None, deadline=None) -> Document:
    text, encoding = decode(data, limits.max_chars if limits is not None else None)
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
