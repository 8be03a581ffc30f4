"""The format registry: one place where every file format the reviewer reads is declared.

A format is one module in this package that calls :func:`register` with a :class:`Format`
when it is imported: how its content is recognised (``sniff``), the parser that turns it
into a :class:`~reviewer.document.Document`, the redactor that writes a redacted copy, the
independent verifier that checks that copy, its MIME types and file extensions, the
location kinds (``part`` values) its blocks carry, and the parts redaction drops whole.
The modules are found by listing this package (``pkgutil``), so **adding a format is adding
one module** (plus its parser/redactor modules and tests); nothing else names the format.

Everything that needs a list of formats reads it here: ``reviewer.parsers`` (sniffing and
parsing), ``reviewer.redaction`` (the engine), the CLI (``reviewer formats``), the web
upload's ``accept=`` list, the service's download MIME types, the docs (docs/formats.md is
checked against the registry by a test).

Sniffing order: formats by ``priority`` (lower first; binary signatures before text), then
the refusals below (a picture, a program, an archive …), then the ``fallback`` format
(plain text).  A sniffer may raise a :class:`~reviewer.errors.ReviewerError` itself (an
encrypted OLE file, say); returning ``True`` claims the file.

A format module must import nothing heavy at module level: the registry is loaded by
``reviewer scan a.txt`` too.  Parser, redactor and verifier are callables that import their
engine when first called.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import threading
from dataclasses import dataclass
from typing import Any, Callable

from reviewer.errors import EmptyFileError, UnsupportedFormatError


@dataclass(frozen=True)
class Format:
    """One file format.

    ``parse(data, *, limits, deadline) -> Document``;
    ``redact(doc, removals, options) -> (output_bytes, engine_dict)`` where ``options`` is a
    dict (``keep_rsid`` …); ``verify(output, needles, *, doc, removals, engine) -> dict`` raises
    :class:`~reviewer.errors.VerificationError` when removed text survives.
    """

    name: str                                   # the ``format`` of the scan contract: "xlsx"
    label: str                                  # for people, Chinese: "Excel 工作簿"
    extensions: tuple[str, ...]                 # ".xlsx", ".xlsm" (first one = the usual one)
    mime_types: tuple[str, ...]                 # first one = what the service serves it as
    sniff: Callable[[bytes], bool]
    parse: Callable[..., Any]
    location_kinds: tuple[str, ...] = ()        # the ``part`` values its blocks carry
    redact: Callable[..., Any] | None = None
    verify: Callable[..., Any] | None = None
    dropped_parts: frozenset[str] = frozenset()  # parts redaction removes whole
    output_format: str | None = None            # the format redaction writes (None: the same)
    text_layer_only: bool = False               # the output text drops hidden characters (PDF boxes)
    accepts_boxes: bool = False                 # redact() paints boxes drawn by hand (options["boxes"])
    priority: int = 50
    fallback: bool = False
    notes: str = ""                             # one line for docs/formats.md and `reviewer formats`

    @property
    def out_format(self) -> str:
        return self.output_format or self.name

    @property
    def extension(self) -> str:
        return self.extensions[0] if self.extensions else "." + self.name


_FORMATS: dict[str, Format] = {}
_LOCK = threading.Lock()
_LOADED = False


def register(fmt: Format) -> Format:
    """Declare (or replace) a format; called by the format's own module on import."""
    _FORMATS[fmt.name] = fmt
    return fmt


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    with _LOCK:
        if _LOADED:
            return
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _LOADED = True


def formats() -> list[Format]:
    """Every registered format, in sniffing order."""
    _load()
    return sorted(_FORMATS.values(), key=lambda f: (f.fallback, f.priority, f.name))


def get(name: str) -> Format:
    _load()
    fmt = _FORMATS.get(name)
    if fmt is None:
        raise UnsupportedFormatError(f"No such format {name!r}.")
    return fmt


def names() -> list[str]:
    return [f.name for f in formats()]


def extensions() -> dict[str, str]:
    """``".xlsx" -> "xlsx"`` for every registered extension."""
    out: dict[str, str] = {}
    for f in formats():
        for ext in f.extensions:
            out.setdefault(ext.lower(), f.name)
    return out


def format_for_name(filename: str | None) -> str | None:
    """The format a file name claims (by its extension), or None."""
    if not filename:
        return None
    return extensions().get(os.path.splitext(filename)[1].lower())


def accept_list() -> str:
    """The ``accept=`` attribute of an upload field: every extension, comma-separated."""
    return ",".join(ext for f in formats() for ext in f.extensions)


def mime_type(name: str) -> str:
    fmt = _FORMATS.get(name) if _LOADED else None
    if fmt is None:
        try:
            fmt = get(name)
        except UnsupportedFormatError:
            return "application/octet-stream"
    return fmt.mime_types[0] if fmt.mime_types else "application/octet-stream"


def labels() -> str:
    """The formats for a sentence in Chinese: "PDF、DOCX、XLSX、CSV、TXT" (a format whose name is
    no extension, such as ``image``, by its label)."""
    return "、".join(f.name.upper() if "." + f.name in f.extensions else f.label for f in formats())


# --------------------------------------------------------------------------- sniffing
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Content that is recognised but read by no registered format: refused with a reason.
_REFUSALS: list[tuple[Callable[[bytes], bool], str]] = [
    (lambda d: zip_has(d, "ppt/"),
     "This is a presentation package (PPTX); only documents and spreadsheets are read."),
    (lambda d: d.startswith((b"PK\x03\x04", b"PK\x05\x06")),
     "This is a zip archive, not a document of a supported format."),
    (lambda d: d.startswith(OLE_MAGIC),
     "Legacy Word/Excel (.doc/.xls/.wps) files are not supported here; save the file as DOCX or XLSX."),
    (lambda d: d.startswith(b"{\\rtf"), "RTF files are not supported; save the file as DOCX."),
    (lambda d: d.startswith(b"\x89PNG"), "This file is a PNG image, not a document."),
    (lambda d: d.startswith(b"\xff\xd8\xff"), "This file is a JPEG image, not a document."),
    (lambda d: d.startswith(b"GIF8"), "This file is a GIF image, not a document."),
    (lambda d: d.startswith(b"\x1f\x8b"), "This file is a gzip archive, not a document."),
    (lambda d: d.startswith(b"Rar!"), "This file is a RAR archive, not a document."),
    (lambda d: d.startswith(b"7z\xbc\xaf"), "This file is a 7z archive, not a document."),
    (lambda d: d.startswith(b"\x7fELF") or d.startswith(b"MZ"), "This file is a program, not a document."),
]


def sniff(data: bytes) -> str:
    """The registered format that claims ``data`` by its content, or raise a ParseError
    (``empty_file``, ``unsupported_format``, ``encrypted_file`` …)."""
    if not data:
        raise EmptyFileError("The file is empty.")
    ordered = formats()
    for fmt in ordered:
        if not fmt.fallback and fmt.sniff(data):
            return fmt.name
    for test, message in _REFUSALS:
        if test(data):
            raise UnsupportedFormatError(f"{message} Supported: {', '.join(n.upper() for n in names())}.")
    for fmt in ordered:
        if fmt.fallback and fmt.sniff(data):
            return fmt.name
    raise UnsupportedFormatError("The file is not a document of a supported format.")


def is_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


_NAMES_CACHE: list = [None, None]      # (the bytes object, its member names): one sniff asks several formats


def zip_names(data: bytes) -> list[str] | None:
    """The member names from the zip's central directory, or None when it cannot be read (a
    truncated package: the sniffers then fall back to searching the bytes)."""
    if _NAMES_CACHE[0] is data:
        return _NAMES_CACHE[1]
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        names = None
    _NAMES_CACHE[0], _NAMES_CACHE[1] = data, names
    return names


def zip_has(data: bytes, prefix: str) -> bool:
    """Whether a zip member's name starts with ``prefix`` (a package of that kind), read from
    the central directory — a package stored inside another shows its names in the bytes too."""
    if not is_zip(data):
        return False
    names = zip_names(data)
    if names is None:
        return prefix.encode() in data[:65536] or prefix.encode() in data
    return any(n.startswith(prefix) for n in names)


def describe() -> list[dict]:
    """Every format as a JSON-able dict (``reviewer formats --json``, docs/formats.md)."""
    return [{"name": f.name, "label": f.label, "extensions": list(f.extensions), "mime_types": list(f.mime_types),
             "location_kinds": list(f.location_kinds), "redaction": f.redact is not None,
             "output_format": f.out_format, "notes": f.notes} for f in formats()]


__all__ = ["Format", "register", "formats", "get", "names", "extensions", "format_for_name", "accept_list",
           "mime_type", "labels", "sniff", "describe", "OLE_MAGIC", "is_zip", "zip_names", "zip_has"]
