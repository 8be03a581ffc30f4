"""DOCX verification: every member of the output package, read without the parser.

Called through :mod:`reviewer.redaction.verify` (``docx_sources``, ``verify_docx``).
Each member, whether the parser knows it or not, and each member of a package embedded
in it, becomes one or more *sources* searched for the removed strings:

* XML (by name, or by its first bytes: ``<?xml``, a BOM, UTF-16 ``<``): decoded in the
  encoding its BOM or first bytes say; the tags stripped, so text split over runs is
  joined; entities decoded; XML comments included.  ``@attributes``: every attribute
  value in either quotes, entities decoded, percent-decoded (``%E5%BC%A0``) and each
  compacted on its own.  ``@raw``: the XML as written.
* anything else: raw bytes in UTF-8, UTF-16 LE/BE at either alignment and GB18030
  (pictures: UTF-8 and aligned UTF-16 only, plus ``@png-text``: every PNG chunk but the
  pixels, inflated), plus ``@rtf`` (``\\'hh`` in the declared
  code page, ``\\uN``), ``@mime`` (MHT: base64 and quoted-printable parts) and
  ``@html`` decodings where they apply.

Then python-docx must open the package, and its text is checked too.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from urllib.parse import unquote

from reviewer.errors import VerificationError
from reviewer.redaction.verify import _TAG, Needles, _check, compact

_ATTR = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
_XML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_RTF_HEX = re.compile(rb"(?:\\'[0-9a-fA-F]{2})+")
_RTF_U = re.compile(rb"\\u(-?\d+)\??")
_MIME = re.compile(rb"(?im)^(mime-version|content-type)\s*:")
MAX_NESTING = 2


def _decode_xml(raw: bytes) -> str:
    """An XML member as text, in the encoding its BOM or first bytes say (UTF-8 or UTF-16)."""
    if raw[:3] == b"\xef\xbb\xbf":
        return raw[3:].decode("utf-8", "replace")
    if raw[:2] == b"\xff\xfe" or raw[:2] == b"<\x00":
        return raw.decode("utf-16-le", "replace").lstrip("\ufeff")
    if raw[:2] == b"\xfe\xff" or raw[:2] == b"\x00<":
        return raw.decode("utf-16-be", "replace").lstrip("\ufeff")
    return raw.decode("utf-8", "replace")


def _binary_texts(raw: bytes, picture: bool = False) -> str:
    """Raw bytes read every way text can hide in them: UTF-8, UTF-16 LE/BE at either
    alignment, GB18030.  Pictures (compressed pixels, where any two-character name turns
    up by chance once enough readings are tried) get UTF-8 and aligned UTF-16 only."""
    forms = [raw.decode("utf-8", "ignore"), raw.decode("utf-16-le", "ignore"), raw.decode("utf-16-be", "ignore")]
    if not picture:
        forms += [raw[1:].decode("utf-16-le", "ignore"), raw[1:].decode("utf-16-be", "ignore"),
                  raw.decode("gb18030", "ignore")]
    return "\n".join(forms)


def _rtf_text(raw: bytes) -> str:
    cp = re.search(rb"\\ansicpg(\d+)", raw)
    enc = {b"936": "gbk", b"950": "big5"}.get(cp.group(1), "cp" + cp.group(1).decode()) if cp else "gbk"

    def hexes(m):
        try:
            return bytes.fromhex(m.group(0).replace(b"\\'", b"").decode()).decode(enc, "replace").encode("utf-8")
        except (LookupError, ValueError):
            return m.group(0)
    out = _RTF_HEX.sub(hexes, raw)
    out = _RTF_U.sub(lambda m: chr(int(m.group(1)) % 65536).encode("utf-8"), out)
    out = re.sub(rb"\\[a-zA-Z]+-?\d* ?|[{}]", b"", out)
    return out.decode("utf-8", "replace")


def _png_text(raw: bytes) -> str:
    """Every compressed chunk of a PNG other than the pixels, inflated (zTXt, iTXt, iCCP)."""
    import zlib

    out, pos = [], 8
    while pos + 12 <= len(raw):
        n = int.from_bytes(raw[pos:pos + 4], "big")
        kind, body = raw[pos + 4:pos + 8], raw[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind in (b"IDAT", b"IEND"):
            continue
        for start in range(len(body)):
            if body[start:start + 1] == b"\x78":  # a zlib stream starts here (after the key and flags)
                try:
                    out.append(_binary_texts(zlib.decompressobj().decompress(body[start:], 1 << 20)))
                    break
                except zlib.error:
                    continue
        out.append(_binary_texts(body))
    return "\n".join(out)


def _mime_text(raw: bytes) -> str:
    import email

    out = []
    for part in email.message_from_bytes(raw).walk():
        if not part.is_multipart():
            payload = part.get_payload(decode=True) or b""
            out.append(html.unescape(_TAG.sub(b"", payload).decode(part.get_content_charset() or "utf-8", "replace")))
            out.append(_binary_texts(payload))
    return "\n".join(out)


def _member_sources(name: str, raw: bytes, sources: dict[str, str], depth: int) -> None:
    head = raw[:2048].lstrip()
    if raw[:4] == b"PK\x03\x04" and depth < MAX_NESTING:
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as inner:  # an embedded package: its members too
                for info in inner.infolist():
                    _member_sources(f"{name}!{info.filename}", inner.read(info), sources, depth + 1)
            return
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            pass
    xmlish = name.endswith((".xml", ".rels", ".vml")) or head[:5] == b"<?xml" or raw[:2] in (
        b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<") or raw[:3] == b"\xef\xbb\xbf"
    if xmlish:
        text = _decode_xml(raw)
        # text nodes joined across runs (tags stripped), entities decoded; comments too
        sources[name] = html.unescape(_TAG.sub(b"", text.encode("utf-8")).decode("utf-8", "replace")) + "\n" + \
            "\n".join(html.unescape(c) for c in _XML_COMMENT.findall(text))
        # attribute values can hold text too (alt text, tooltips, link targets): as written,
        # entities decoded, and percent-decoded (a URL's %E5%BC%A0)
        attrs = [html.unescape(a or b) for a, b in _ATTR.findall(_XML_COMMENT.sub("", text))]
        attrs += [unquote(a) for a in attrs if "%" in a]
        # each value also compacted on its own ("138 1234 5678" in a title); never joined
        # with its neighbours, so w:w="1234" w:h="5678" makes no digit string
        sources[name + "@attributes"] = "\x01".join(attrs + [compact(a) for a in attrs])
        sources[name + "@raw"] = text
        return
    sources[name] = _binary_texts(raw, picture="/media/" in name and "!" not in name)
    if raw[:8] == b"\x89PNG\r\n\x1a\n":
        sources[name + "@png-text"] = _png_text(raw)
    if head.startswith(b"{\\rtf"):
        sources[name + "@rtf"] = _rtf_text(raw)
    elif _MIME.search(head):
        sources[name + "@mime"] = _mime_text(raw)
    elif b"<" in head[:200]:
        sources[name + "@html"] = html.unescape(_TAG.sub(b"", raw).decode("utf-8", "replace"))


def docx_sources(data: bytes) -> dict[str, str]:
    """Every member of the package (and of any package inside it), read independently of
    the parser: XML with tags stripped, entities decoded, in UTF-8 or UTF-16; attribute
    values; everything else as raw bytes in UTF-8, UTF-16 and GB18030, plus RTF, MIME
    (MHT) and HTML decoded."""
    sources: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            _member_sources(info.filename, z.read(info), sources, 0)
    return sources


def verify_docx(data: bytes, needles: Needles) -> dict:
    try:
        sources = docx_sources(data)
    except zipfile.BadZipFile:
        raise VerificationError("The redacted DOCX is not a valid zip package.") from None
    result = _check(needles, sources, "zip-parts")
    try:
        import docx  # python-docx

        d = docx.Document(io.BytesIO(data))
        texts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                texts.extend(c.text for c in row.cells)
        for s in d.sections:
            for hf in (s.header, s.footer, s.first_page_header, s.first_page_footer,
                       s.even_page_header, s.even_page_footer):
                if hf.is_linked_to_previous:
                    continue
                texts.extend(p.text for p in hf.paragraphs)
        cp = d.core_properties
        texts.extend(str(getattr(cp, k) or "") for k in ("author", "last_modified_by", "title", "subject",
                                                          "comments", "keywords", "category"))
    except Exception as exc:
        raise VerificationError(f"python-docx cannot open the redacted DOCX ({type(exc).__name__}).") from None
    _check(needles, {"python-docx": "\n".join(texts)}, "python-docx")
    result["extractor"] = "zip-parts+python-docx"
    return result


