"""Text of the DOCX members that are not WordprocessingML: embedded objects, macro
projects and imported chunks (altChunk).

* :func:`binary_text` — the strings of a binary member (an OLE object, ``vbaProject.bin``):
  runs of UTF-16LE text (what OLE and VBA store names and values in) and of UTF-8/ASCII
  text, 4 characters or more.  This is for *finding* what such a part holds; such a
  part cannot be edited faithfully, so redaction removes it whole.
* :func:`package_text` — an embedded OOXML package (``Microsoft_Excel_Worksheet.xlsx``
  and the like): every text node and attribute value of its XML members, opened under
  the same limits as the document itself.
* :func:`chunk_text` — an altChunk: HTML/XHTML, MHT (MIME, base64 or quoted-printable),
  RTF (``\\'hh`` in the declared code page, ``\\uN``) or plain text.
"""

from __future__ import annotations

import email
import email.policy
import html
import re

from reviewer.errors import ReviewerError

_UTF16 = re.compile(rb"(?:[\x20-\x7e\t][\x00]|[\x00-\xff][\x4e-\x9f]|[\x00-\xff][\x30\xff]){4,}")
_UTF8 = re.compile(rb"(?:[\x20-\x7e\t]|[\xe0-\xef][\x80-\xbf]{2}|[\xc2-\xdf][\x80-\xbf]){4,}")
_CJK2 = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2}")
_TAGS = re.compile(r"<[^>]*>")
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
MAX_STRINGS_CHARS = 2_000_000


def binary_text(data: bytes) -> str:
    """Readable strings in a binary blob, one per line (UTF-16LE first, then UTF-8).

    Random bytes (compressed streams, pictures) look like short strings by chance, so
    an ASCII string needs 6 characters, other text two CJK characters in a row, and
    UTF-16 text with CJK in it must end in a NUL character, as OLE and VBA write them."""
    out, total = [], 0
    for rx, enc in ((_UTF16, "utf-16-le"), (_UTF8, "utf-8")):
        for m in rx.finditer(data):
            raw = m.group(0)
            if enc == "utf-16-le":
                if len(raw) % 2:
                    raw = raw[:-1]
            s = raw.decode(enc, "ignore").strip()
            if s.isascii():
                if len(s) < 6 or sum(ch.isalnum() or ch in " .-_@:/=+" for ch in s) < 0.9 * len(s):
                    continue
            elif not _CJK2.search(s) or (enc == "utf-16-le" and data[m.end():m.end() + 2] != b"\x00\x00"):
                continue
            out.append(s)
            total += len(s)
            if total > MAX_STRINGS_CHARS:
                return "\n".join(out)
    return "\n".join(out)


def package_text(data: bytes, limits, depth: int = 0) -> str:
    """Text nodes and attribute values of every XML member of an embedded zip package."""
    from reviewer.parsers.ooxml_package import Package, make_parser

    pkg = Package(data, limits)
    parser = make_parser()
    out = []
    for name in pkg.names:
        if name.endswith("/"):
            continue
        raw = pkg.read(name)
        if name.endswith((".xml", ".rels")) or raw.lstrip()[:1] == b"<":
            try:
                from reviewer.parsers.ooxml_package import parse_xml

                root = parse_xml(raw, name, parser)
            except ReviewerError:
                out.append(binary_text(raw))
                continue
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                for piece in (el.text, el.tail, *el.attrib.values()):
                    if piece and piece.strip() and not piece.startswith("http://schemas."):
                        out.append(piece.strip())
        elif raw[:4] == b"PK\x03\x04" and depth < 2:
            try:
                out.append(package_text(raw, limits, depth + 1))
            except ReviewerError:
                out.append(binary_text(raw))
        else:
            out.append(binary_text(raw))
    return "\n".join(x for x in out if x)


def member_text(data: bytes, limits) -> str:
    """An embedded member: a package is read as one, anything else as strings."""
    if data[:4] == b"PK\x03\x04":
        try:
            return package_text(data, limits)
        except ReviewerError:
            pass
    return binary_text(data)


def _decode(data: bytes, charset: str | None = None) -> str:
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", "replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    m = _CHARSET.search(data[:2048])
    for enc in (charset, m.group(1).decode("ascii") if m else None, "utf-8", "gb18030"):
        if not enc:
            continue
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def html_text(s: str) -> str:
    s = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</li>|</h\d>", "\n", s)
    return html.unescape(_TAGS.sub("", s))


_RTF_TOKEN = re.compile(r"\\'([0-9a-fA-F]{2})|\\u(-?\d+) ?|\\([a-zA-Z]+)(-?\d+)? ?|\\([\\{}])|\\.|[{}\r\n]|[^\\{}\r\n]+")
_RTF_BREAKS = {"par": "\n", "line": "\n", "row": "\n", "cell": "\n", "sect": "\n", "page": "\n", "tab": "\t"}


def rtf_text(data: bytes) -> str:
    """Plain text of an RTF document: control words dropped, ``\\'hh`` bytes decoded in the
    declared code page (GBK for ``\\ansicpg936``), ``\\uN`` as the character it names (its
    one-character fallback skipped).  Tokenised by one regular expression, so a large
    chunk is read at C speed."""
    src = data.decode("latin-1")
    m = re.search(r"\\ansicpg(\d+)", src)
    codepage = {"936": "gbk", "950": "big5"}.get(m.group(1), f"cp{m.group(1)}") if m else "cp1252"
    out: list[str] = []
    pending = bytearray()
    skip = 0

    def flush():
        if pending:
            try:
                out.append(bytes(pending).decode(codepage, "replace"))
            except LookupError:
                out.append(bytes(pending).decode("gbk", "replace"))
            pending.clear()

    for tok in _RTF_TOKEN.finditer(src):
        hexbyte, uni, word, _arg, escaped = tok.groups()
        if hexbyte is not None:
            if skip:
                skip -= 1
            else:
                pending.append(int(hexbyte, 16))
            continue
        flush()
        if uni is not None:
            out.append(chr(int(uni) % 65536))
            skip = 1  # the \ucN fallback that follows (one character by default)
        elif word is not None:
            out.append(_RTF_BREAKS.get(word, ""))
        elif escaped is not None:
            out.append(escaped)
        else:
            text = tok.group(0)
            if text[0] in "{}\r\n\\":
                continue
            if skip:
                text, skip = text[skip:], 0
            out.append(text)
    flush()
    return "".join(out)


def mime_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    out = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        ctype = part.get_content_type()
        if ctype.startswith("text/"):
            text = _decode(payload, part.get_content_charset())
            out.append(html_text(text) if "html" in ctype or "xml" in ctype else text)
        else:
            out.append(binary_text(payload))
    return "\n".join(out)


def chunk_text(data: bytes, limits) -> str:
    """Text of an altChunk, whatever it is (HTML, MHT, RTF, plain text, a package)."""
    head = data[:2048].lstrip()
    if head.startswith(b"{\\rtf"):
        return rtf_text(data)
    if data[:4] == b"PK\x03\x04":
        return member_text(data, limits)
    if re.search(rb"(?im)^(mime-version|content-type)\s*:", head) and not head.startswith(b"<"):
        return mime_text(data)
    text = _decode(data)
    return html_text(text) if "<" in text else text


# --------------------------------------------------------------------------- pictures
PNG_SIG = b"\x89PNG\r\n\x1a\n"
PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt", b"eXIf")


def png_chunks(data: bytes):
    """(type, body, start, end) of each chunk; stops at the first damaged one."""
    pos = len(PNG_SIG)
    while pos + 12 <= len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + n
        if end > len(data):
            return
        yield kind, data[pos + 8:pos + 8 + n], pos, end
        pos = end


def jpeg_segments(data: bytes):
    """(marker, payload, start, end) of each segment before the image data (SOS)."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        n = int.from_bytes(data[pos + 2:pos + 4], "big")
        end = pos + 2 + n
        yield marker, data[pos + 4:end], pos, end
        if marker == 0xDA:  # start of scan: the compressed image follows
            return
        pos = end


def _png_text(kind: bytes, body: bytes) -> str:
    import zlib

    key, _, rest = body.partition(b"\0")
    try:
        if kind == b"tEXt":
            value = rest
        elif kind == b"zTXt":
            value = zlib.decompress(rest[1:])
        elif kind == b"iTXt":
            compressed, rest = rest[:1] == b"\1", rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _tkey, _, value = rest.partition(b"\0")
            value = zlib.decompress(value) if compressed else value
        else:
            return binary_text(body)
    except zlib.error:
        return binary_text(body)
    return key.decode("latin-1") + " " + _decode(value)


def image_text(name: str, data: bytes) -> str:
    """Text a picture carries besides its pixels: PNG text chunks and Exif, JPEG comments
    and APP segments (Exif, XMP, IPTC), and the strings of a metafile (EMF/WMF draw
    their text as UTF-16).  Text *in the pixels* needs OCR and is not read."""
    low = name.lower()
    if data[:8] == PNG_SIG:
        return "\n".join(_png_text(k, b) for k, b, _, _ in png_chunks(data) if k in PNG_TEXT_CHUNKS)
    if data[:2] == b"\xff\xd8":
        out = []
        for marker, payload, _, _ in jpeg_segments(data):
            if marker == 0xFE:
                out.append(_decode(payload))
            elif 0xE1 <= marker <= 0xEF:
                out.append(binary_text(payload))
        return "\n".join(x for x in out if x.strip())
    if low.endswith((".emf", ".wmf", ".emz", ".wmz")) or data[40:44] == b" EMF":
        return binary_text(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return binary_text(data) if b"\x21\xfe" in data or b"XMP Data" in data else ""
    return ""
