"""Turn a file into a :class:`~reviewer.document.Document`.

The format is decided by the content, never by the name alone (``sniff``); a name
that disagrees with the content is reported as a warning.  Each parser registers the
format it reads; ``parse_bytes`` picks it, then fills what every format shares: the
sha256, the size, the GB/T 9704 structure, the character bound.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import time
from pathlib import Path
from typing import Callable

from reviewer.document import Document, Notice
from reviewer.errors import (
    EmptyFileError,
    EncryptedFileError,
    LimitExceededError,
    ParseError,
    ReviewerError,
    UnsupportedFormatError,
)
from reviewer.settings import DEFAULT_LIMITS, Limits

# format -> "module:function"; loaded on first use so that `reviewer scan a.txt`
# does not pay for importing the PDF engine.
_REGISTRY: dict[str, str] = {
    "txt": "reviewer.parsers.txt_parser:parse_txt",
    "docx": "reviewer.parsers.docx_parser:parse_docx",
    "pdf": "reviewer.parsers.pdf_parser:parse_pdf",
}

EXTENSIONS = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Deadline:
    """Wall-clock bound for one parse; parsers call ``check()`` between units of work."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._end:
            raise LimitExceededError(
                f"Parsing took longer than the limit of {self.seconds:g} s.",
                details={"limit": "parse_timeout_s", "value": self.seconds},
            )


def register(fmt: str, target: str) -> None:
    """Register (or replace) the parser for a format: ``"package.module:function"``."""
    _REGISTRY[fmt] = target


def _parser_for(fmt: str) -> Callable[..., Document]:
    target = _REGISTRY.get(fmt)
    if target is None:
        raise UnsupportedFormatError(f"No parser for format {fmt!r}.")
    mod, func = target.split(":")
    return getattr(importlib.import_module(mod), func)


def sniff(data: bytes) -> str:
    """Return ``txt``, ``docx`` or ``pdf`` from the content, or raise a ParseError."""
    if not data:
        raise EmptyFileError("The file is empty.")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        # An OOXML package names its main part in [Content_Types].xml; the names
        # of zip members are stored uncompressed, so a byte search is enough here.
        if b"word/" in data[:65536] or b"word/document" in data:
            return "docx"
        if b"xl/" in data[:65536] or b"ppt/" in data[:65536]:
            raise UnsupportedFormatError("This is a spreadsheet or presentation package; only DOCX is supported so far.")
        raise UnsupportedFormatError("This is a zip archive, not a DOCX document.")
    if data.startswith(OLE_MAGIC):
        # Password-protected OOXML files are stored in an OLE container.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedFileError("The document is password-protected; remove the password and upload it again.")
        raise UnsupportedFormatError("Legacy Word/Excel (.doc/.xls) files are not supported; save the file as DOCX.")
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormatError("RTF files are not supported; save the file as DOCX.")
    for magic, what in ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                        (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"),
                        (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7z archive"),
                        (b"\x7fELF", "a program"), (b"MZ", "a program")):
        if data.startswith(magic):
            raise UnsupportedFormatError(f"This file is {what}, not a document (TXT, DOCX or PDF).")
    return "txt"


def parse_bytes(data: bytes, filename: str | None = None, limits: Limits | None = None) -> Document:
    """Parse ``data``; raise a :class:`ReviewerError` subclass with a clear message on failure."""
    limits = limits or DEFAULT_LIMITS
    if len(data) > limits.max_file_bytes:
        raise LimitExceededError(
            f"The file is {len(data):,} bytes; the limit is {limits.max_file_bytes:,}.",
            details={"limit": "max_file_bytes", "value": limits.max_file_bytes},
        )
    fmt = sniff(data)
    warnings: list[Notice] = []
    if filename:
        claimed = EXTENSIONS.get(os.path.splitext(filename)[1].lower())
        if claimed and claimed != fmt:
            warnings.append(Notice(
                "extension_mismatch",
                f"The name says {claimed.upper()} but the content is {fmt.upper()}; read as {fmt.upper()}.",
                {"extension_format": claimed, "content_format": fmt},
            ))
    deadline = Deadline(limits.parse_timeout_s)
    parser = _parser_for(fmt)
    try:
        doc = parser(data, limits=limits, deadline=deadline)
    except ReviewerError:
        raise
    except MemoryError:
        raise LimitExceededError("The file needs more memory to read than is allowed.") from None
    except RecursionError:
        raise ParseError("The file is nested too deeply to read safely.", code="corrupt_file") from None
    except Exception as exc:  # a parser library's own error: never a traceback to the user
        raise ParseError(
            f"The {fmt.upper()} file could not be read ({type(exc).__name__}).",
            code="corrupt_file",
        ) from exc
    if len(doc.text) > limits.max_chars:
        raise LimitExceededError(
            f"The document has {len(doc.text):,} characters of text; the limit is {limits.max_chars:,}.",
            details={"limit": "max_chars", "value": limits.max_chars},
        )
    doc.metadata.sha256 = hashlib.sha256(data).hexdigest()
    doc.metadata.size = len(data)
    doc.metadata.filename = filename
    doc.source = data
    doc.warnings[:0] = warnings
    from reviewer.structure import extract_structure  # local: keeps import light

    doc.structure = extract_structure(doc.text)
    doc.reindex()
    return doc


def parse_file(path: str | os.PathLike, limits: Limits | None = None) -> Document:
    """Read ``path`` once and parse it."""
    limits = limits or DEFAULT_LIMITS
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise ParseError(f"{p.name} is not a regular file.", code="not_a_file")
        if size > limits.max_file_bytes:
            raise LimitExceededError(
                f"The file is {size:,} bytes; the limit is {limits.max_file_bytes:,}.",
                details={"limit": "max_file_bytes", "value": limits.max_file_bytes},
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{p.name}: no such file.", code="file_not_found") from None
    except PermissionError:
        raise ParseError(f"{p.name}: permission denied.", code="permission_denied") from None
    except IsADirectoryError:
        raise ParseError(f"{p.name} is a directory.", code="not_a_file") from None
    return parse_bytes(data, filename=p.name, limits=limits)


__all__ = ["parse_bytes", "parse_file", "sniff", "register", "Deadline"]
