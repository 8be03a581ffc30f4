"""HTML verification: the redacted page read back by readers that share nothing with the parser.

Sources: the raw page as written; the standard library's ``html.parser`` (text, every
attribute value, comments, declarations, script and style content, references decoded);
attribute values percent-decoded (``?name=%E5%BC%A0``); the page with tags stripped and
references decoded.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import unquote

from reviewer.errors import VerificationError
from reviewer.redaction.verify import Needles, _check


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attrs.extend(v for _k, v in attrs if v)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.text.append(data)

    def handle_decl(self, decl):
        self.text.append(decl)


def verify_html(data: bytes, encoding: str | None, needles: Needles) -> dict:
    try:
        page = data.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise VerificationError("The redacted page cannot be decoded in its own encoding.") from None
    reader = _Reader()
    reader.feed(page)
    reader.close()
    attrs = reader.attrs + [unquote(a) for a in reader.attrs if "%" in a]
    sources = {"raw": page, "html.parser": "".join(reader.text),
               "html.parser@attributes": "\x01".join(attrs),
               "stripped": html.unescape(re.sub(r"<[^>]*>", "", page))}
    result = _check(needles, sources, "html.parser")
    return result
