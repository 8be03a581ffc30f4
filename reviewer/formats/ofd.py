"""OFD documents (GB/T 33190-2016, 版式文档): page text with boxes, annotations, attachments, tags."""

from __future__ import annotations

from reviewer.formats import Format, register, zip_has


def sniff(data: bytes) -> bool:
    return zip_has(data, "OFD.xml")


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.ofd_parser import parse_ofd

    return parse_ofd(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction.ofd import redact_ofd

    return redact_ofd(doc, removals)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify_ofd import verify_ofd

    return verify_ofd(output, needles)


FORMAT = register(Format(
    name="ofd", label="OFD 版式文档", extensions=(".ofd",), mime_types=("application/ofd",),
    sniff=sniff, parse=parse, redact=redact, verify=verify,
    location_kinds=("page", "annotation", "attachment", "metadata", "custom_tag"), text_layer_only=True,
    priority=22, notes="pages in reading order with a box per character (mm, top left); glyphs removed from "
                       "TextCode keeping the rest in place, black boxes; signatures invalidated and removed",
))
