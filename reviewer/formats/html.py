"""HTML pages (what a CMS is about to publish): text, attributes, comments, scripts, meta tags."""

from __future__ import annotations

from reviewer.formats import Format, register


def sniff(data: bytes) -> bool:
    from reviewer.parsers.html_parser import looks_like_html

    return looks_like_html(data)


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.html_parser import parse_html

    return parse_html(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction.html import redact_html

    return redact_html(doc, removals)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify_html import verify_html

    return verify_html(output, engine["encoding"], needles)


FORMAT = register(Format(
    name="html", label="网页（HTML）", extensions=(".html", ".htm", ".shtml", ".xhtml"),
    mime_types=("text/html; charset=utf-8",), sniff=sniff, parse=parse, redact=redact, verify=verify,
    location_kinds=("body", "html_attribute", "link", "meta", "html_comment", "script"), priority=80,
    notes="visible text, content attributes, links (tel:/mailto:/queries), meta, comments, scripts; "
          "location tag, attribute, line, src offsets; redacted in the page source",
))
