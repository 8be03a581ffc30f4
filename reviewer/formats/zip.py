"""A zip archive uploaded as one document (a draft with its attachments): every member is
scanned with the same rules and redacted by its own format (reviewer/parsers/archive_parser.py)."""

from __future__ import annotations

from reviewer.formats import Format, is_zip, register, zip_names

_PACKAGE_MARKERS = ("[Content_Types].xml", "mimetype", "OFD.xml", "META-INF/manifest.xml")


def sniff(data: bytes) -> bool:
    """A readable zip that is no document package itself (OOXML, ODF, OFD, EPUB)."""
    names = zip_names(data) if is_zip(data) else None
    return bool(names) and not any(n in _PACKAGE_MARKERS for n in names)


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.archive_parser import parse_archive

    return parse_archive(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.redaction.archive import redact_archive

    return redact_archive(doc, removals, options)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.archive import verify_archive

    return verify_archive(output, needles, engine)


FORMAT = register(Format(
    name="zip", label="ZIP 压缩包（草稿及附件）", extensions=(".zip",), mime_types=("application/zip",),
    sniff=sniff, parse=parse, redact=redact, verify=verify, location_kinds=("member",), priority=95,
    dropped_parts=frozenset({"comment", "deletion", "properties", "custom_xml", "people", "variable", "embedded",
                             "macro", "alt_chunk", "image", "annotation", "metadata", "attachment", "revision"}),
    notes="every member by its own format, location member + the member's own; unscanned members left out of "
          "the redacted copy",
))
