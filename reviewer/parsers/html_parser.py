"""HTML pages on their way into the website's CMS: what a visitor sees and what the page source
carries besides.

Read, each mapped to its place in the source (``src``, ``src_end``: offsets in the decoded
source text, so redaction edits the page in place):

* visible text (``body``; ``tag`` = the enclosing element, ``line`` in the source); an
  inline element does not split a word (``张<b>三</b>`` reads 张三), a block element starts
  a new line, a table cell a new tab;
* attributes that carry content (``html_attribute``: ``alt``, ``title``, ``placeholder``,
  ``value``, ``aria-label``, ``data-*`` …; ``link``: ``href``/``src``/``action`` — ``tel:``,
  ``mailto:``, query strings; ``meta``: ``<meta content>``);
* comments (``html_comment``), scripts, inline JSON and styles (``script``: the raw source of
  each ``<script>`` and ``<style>`` element; CSS ``content:`` is shown on the page);
* ``<title>`` is body text.

Character references (``&#x5F20;``, ``&amp;``) are decoded: each one becomes a one-character
block of its own whose ``src`` span is the reference, so every block's text is exactly the
decoded slice of the source it names.  Linked attachments (``.doc``, ``.xls``, ``.pdf``,
``.zip`` …) are listed in the ``linked_attachments`` warning: they are files of their own and
are not read here.
"""

from __future__ import annotations

import re
from html.entities import html5

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.parsers.txt_parser import decode

_TOKEN = re.compile(r"<!--(?P<comment>.*?)(?:-->|\Z)|<(?P<raw>script|style)\b(?P<rawattrs>[^<>]*)>(?P<rawbody>.*?)"
                    r"(?:</(?P=raw)\s*>|\Z)|<!(?P<decl>[^<>]*)>|<\?[^<>]*>|</(?P<end>[A-Za-z][\w:-]*)[^<>]*>"
                    r"|<(?P<tag>[A-Za-z][\w:-]*)(?P<attrs>(?:\"[^\"<]*\"|'[^'<]*'|[^'\"<>])*)>", re.S | re.I)
# A tag cannot run past the next "<" (quoted values with "<" in them are read as text): each
# attempt is bounded by the distance to the next "<", so hostile pages stay linear.
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""", re.S)
_REF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
         "header", "footer", "nav", "aside", "title", "blockquote", "pre", "hr", "dd", "dt", "dl", "form", "option",
         "caption", "figcaption", "address", "main", "tbody", "thead", "body", "head", "html"}
CELL = {"td", "th"}
CONTENT_ATTRS = {"alt", "title", "placeholder", "value", "aria-label", "label", "summary", "abbr", "content",
                 "download", "srcdoc"}
LINK_ATTRS = {"href", "src", "action", "cite", "poster", "data", "formaction", "srcset"}
ATTACHMENT = re.compile(r"\.(docx?|xlsx?|xlsm|et|wps|pdf|ofd|zip|rar|7z|csv|pptx?|rtf|txt)(\?|#|$)", re.I)


def _ref_char(ref: str) -> str | None:
    body = ref[1:]
    if body.startswith("#"):
        num = body[1:].rstrip(";")
        try:
            cp = int(num[1:], 16) if num[:1] in "xX" else int(num)
            return chr(cp) if 0 < cp < 0x110000 else "\ufffd"
        except ValueError:
            return None
    return html5.get(body) or html5.get(body + ";")


def pieces(src: str, start: int, end: int):
    """``(text, src_start, src_end)`` of ``src[start:end]`` with character references decoded:
    plain runs and one piece per reference."""
    pos = start
    for m in _REF.finditer(src, start, end):
        ch = _ref_char(m.group(0))
        if ch is None:
            continue
        if m.start() > pos:
            yield src[pos:m.start()], pos, m.start()
        yield ch, m.start(), m.end()
        pos = m.end()
    if pos < end:
        yield src[pos:end], pos, end


def attributes(src: str, start: int, end: int):
    """``(name, value_start, value_end)`` of the attributes in ``src[start:end]``."""
    for m in _ATTR.finditer(src, start, end):
        for g in (2, 3, 4):
            if m.group(g) is not None:
                yield m.group(1).lower(), m.start(g), m.end(g)
                break


def _sniff_attr(name: str) -> str | None:
    if name in LINK_ATTRS:
        return "link"
    if name in CONTENT_ATTRS or name.startswith("data-"):
        return "html_attribute"
    return None


def parse_html(data: bytes, *, limits=None, deadline=None) -> Document:
    src, encoding = decode(data, limits.max_chars if limits is not None else None)
    tb = TextBuilder()
    extra: list[tuple[str, str, dict]] = []      # (part, [pieces], loc) read after the body text
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", src)]

    def line_of(pos: int) -> int:
        import bisect

        return bisect.bisect_right(line_starts, pos)

    stack: list[str] = []
    attachments: list[str] = []
    pos = 0

    def body_text(a: int, b: int):
        if a >= b or not src[a:b].strip():
            if a < b and src[a:b].strip() == "" and not tb.ends_with_newline() and re.search(r"\s", src[a:b]):
                tb.sep(" ")
            return
        tag = stack[-1] if stack else None
        for text, s, e in pieces(src, a, b):
            tb.add(text, "body", {"tag": tag, "line": line_of(s), "src": s, "src_end": e})

    def add_extra(part: str, a: int, b: int, loc: dict, decoded: bool = True) -> None:
        if a < b and src[a:b].strip():
            extra.append((part, list(pieces(src, a, b)) if decoded else [(src[a:b], a, b)], loc))

    for n_token, m in enumerate(_TOKEN.finditer(src)):
        if deadline is not None and n_token % 5000 == 4999:
            deadline.check()
        body_text(pos, m.start())
        pos = m.end()
        if m.group("comment") is not None:
            add_extra("html_comment", m.start("comment"), m.end("comment"), {"line": line_of(m.start())}, False)
        elif m.group("raw"):
            raw = m.group("raw").lower()
            for name, s, e in attributes(src, m.start("rawattrs"), m.end("rawattrs")):
                part = _sniff_attr(name)
                if part:
                    add_extra(part, s, e, {"tag": raw, "attribute": name, "line": line_of(s)})
            # scripts and inline JSON; styles too (CSS ``content: "…"`` is shown on the page)
            add_extra("script", m.start("rawbody"), m.end("rawbody"), {"tag": raw, "line": line_of(m.start())}, False)
        elif m.group("end"):
            name = m.group("end").lower()
            if name in stack:
                while stack and stack.pop() != name:
                    pass
            if name in BLOCK and not tb.ends_with_newline():
                tb.sep("\n")
        elif m.group("tag"):
            name = m.group("tag").lower()
            if name in BLOCK and len(tb) and not tb.ends_with_newline():
                tb.sep("\n")
            elif name in CELL and len(tb) and not tb.ends_with_newline():
                tb.sep("\t")
            attrs = list(attributes(src, m.start("attrs"), m.end("attrs")))
            is_meta = name == "meta"
            for attr, s, e in attrs:
                part = "meta" if is_meta and attr == "content" else _sniff_attr(attr)
                if part:
                    add_extra(part, s, e, {"tag": name, "attribute": attr, "line": line_of(s)})
                if attr == "href" and ATTACHMENT.search(src[s:e]):
                    attachments.append(src[s:e])
            if name not in ("br", "img", "meta", "link", "input", "hr") and not m.group("attrs").rstrip().endswith("/"):
                stack.append(name)
    body_text(pos, len(src))
    for part, ps, loc in extra:
        if not tb.ends_with_newline():
            tb.sep("\n")
        for text, s, e in ps:
            tb.add(text, part, {**loc, "src": s, "src_end": e})
    doc = Document(text=tb.text(), blocks=tb.blocks,
                   metadata=Metadata(format="html", sha256="", size=len(data), encoding=encoding))
    if attachments:
        doc.warnings.append(Notice("linked_attachments",
                                   f"The page links {len(attachments)} attachment(s); they are files of their own and "
                                   "were not read here — review them too.", {"links": attachments[:50]}))
    return doc


def looks_like_html(data: bytes) -> bool:
    head = data[:2048]
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    low = head.lstrip().lower()
    if not low.startswith(b"<"):
        return False
    return low.startswith((b"<!doctype html", b"<html")) or any(t in low for t in (b"<html", b"<head", b"<body"))
