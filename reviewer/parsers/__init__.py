"""Turn a file into a :class:`~reviewer.document.Document`.

The format is decided by the content, never by the name alone (``sniff``); a name
that disagrees with the content is reported as a warning.  Each format is declared once
in :mod:`reviewer.formats` (its sniffer, parser, redactor, verifier, extensions);
``parse_bytes`` picks it, then fills what every format shares: the sha256, the size, the
GB/T 9704 structure, the character bound.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from reviewer import formats
from reviewer.document import Document, Notice
from reviewer.errors import (
    LimitExceededError,
    ParseError,
    ReviewerError,
)
from reviewer.settings import DEFAULT_LIMITS, Limits

# The formats, their sniffers and parsers are declared in reviewer.formats (one module each).
OLE_MAGIC = formats.OLE_MAGIC


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
    """Replace the parser of a registered format with ``"package.module:function"``.
    A new format is declared with :func:`reviewer.formats.register` instead."""
    mod, func = target.split(":")
    base = formats.get(fmt)
    formats.register(replace(base, parse=lambda data, **kw: getattr(importlib.import_module(mod), func)(data, **kw)))


def _parser_for(fmt: str) -> Callable[..., Document]:
    return formats.get(fmt).parse


def sniff(data: bytes) -> str:
    """The format's name from the content (see :func:`reviewer.formats.sniff`), or raise a ParseError."""
    return formats.sniff(data)


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
        claimed = formats.format_for_name(filename)
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
    from reviewer.ocr import read_pictures  # local: the OCR engine loads only for pictures

    doc = read_pictures(doc, fmt, data)
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
