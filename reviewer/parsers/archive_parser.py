"""A zip archive uploaded as one document: every member scanned with the same rules.

The archive is opened with the package checks (zip bombs, member counts, encrypted members,
duplicate names).  Each member is recognised by its content and parsed by its own format;
the document's text is the members' texts one after the other (a blank line between), and
every block keeps its member's location plus ``member`` (the name in the archive) and
``member_format``.  A member no format reads (a picture without OCR, a program, a damaged
file) or an archive inside the archive is **not** scanned: the ``archive_member_skipped``
warning names it, and a redacted copy leaves it out, so nothing unreviewed is published.

``members(data, limits)`` is shared with the redactor (reviewer/redaction/archive.py), which
parses the members again the same way.
"""

from __future__ import annotations

from dataclasses import replace

from reviewer.document import Block, Document, Metadata, Notice
from reviewer.errors import ReviewerError

SEPARATOR = "\n\n"
SKIP_NAMES = ("__MACOSX/", ".DS_Store", "Thumbs.db")


def members(data: bytes, limits):
    """``(name, bytes, Document | None, error_code | None)`` for each member, in archive order."""
    from reviewer import formats
    from reviewer.parsers import parse_bytes
    from reviewer.parsers.ooxml_package import Package

    pkg = Package(data, limits)
    out = []
    for name in pkg.names:
        if name.endswith("/") or any(s in name for s in SKIP_NAMES):
            continue
        raw = pkg.read(name)
        if not raw:
            out.append((name, raw, None, "empty_file"))
            continue
        try:
            if formats.sniff(raw) == "zip":
                out.append((name, raw, None, "nested_archive"))
                continue
            doc = parse_bytes(raw, filename=name, limits=limits)
        except ReviewerError as exc:
            out.append((name, raw, None, exc.code))
            continue
        out.append((name, raw, doc, None))
    return out


def parse_archive(data: bytes, *, limits=None, deadline=None) -> Document:
    from reviewer.settings import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    parts: list[str] = []
    blocks: list[Block] = []
    warnings: list[Notice] = []
    offset = 0
    skipped = []
    names = []
    for name, _raw, doc, error in members(data, limits):
        if doc is None:
            skipped.append({"member": name, "code": error})
            continue
        names.append(name)
        if parts:
            parts.append(SEPARATOR)
            offset += len(SEPARATOR)
        parts.append(doc.text)
        for b in doc.blocks:
            blocks.append(replace(b, start=b.start + offset, end=b.end + offset,
                                  location={"member": name, "member_format": doc.metadata.format, **b.location}))
        for w in doc.warnings:
            warnings.append(Notice(w.code, f"{name}: {w.message}", {"member": name, **w.details}))
        offset += len(doc.text)
        if offset > limits.max_chars:
            break
        if deadline is not None:
            deadline.check()
    if not names:
        from reviewer.errors import UnsupportedFormatError

        raise UnsupportedFormatError("No member of the zip archive is a document that can be scanned.",
                                     details={"members": skipped[:20]})
    out = Document(text="".join(parts), blocks=blocks,
                   metadata=Metadata(format="zip", sha256="", size=len(data), properties={"members": names}))
    out.warnings = warnings
    if skipped:
        out.warnings.insert(0, Notice(
            "archive_member_skipped",
            f"{len(skipped)} member(s) of the archive could not be scanned and are left out of a redacted copy: "
            + ", ".join(s["member"] for s in skipped[:10]), {"members": skipped}))
    return out
