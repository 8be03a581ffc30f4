"""Plain text (UTF-8, UTF-16, GB18030, Big5): the fallback when nothing else claims a file."""

from __future__ import annotations

from reviewer.formats import Format, register


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.txt_parser import parse_txt

    return parse_txt(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction.txt import redact_txt

    return redact_txt(doc, removals)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify import verify_txt

    return verify_txt(output, engine["encoding"], needles)


FORMAT = register(Format(
    name="txt", label="纯文本", extensions=(".txt", ".text"), mime_types=("text/plain; charset=utf-8",),
    sniff=lambda data: True, parse=parse, redact=redact, verify=verify,
    location_kinds=("body",), priority=100, fallback=True,
    notes="UTF-8 (BOM or not), UTF-16, GB18030, Big5; location line, column",
))
