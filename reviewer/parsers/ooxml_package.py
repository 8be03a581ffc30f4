"""Open an OOXML package (a zip) without trusting anything it says about itself.

Checked before any XML is parsed: the zip directory is readable, the member count,
the declared total uncompressed size, each member's compression ratio (zip bombs),
encryption flags.  Members are then read in chunks with a hard cap, so a header that
lies about sizes cannot make us allocate more than the limits allow.  XML is parsed
by lxml with entities, DTDs and network access switched off, and any part that
declares a DOCTYPE or ENTITY is refused outright (XXE, billion laughs).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from reviewer.errors import CorruptFileError, EncryptedFileError, LimitExceededError, UnsafeContentError
from reviewer.settings import Limits

# Small parts of repetitive XML compress far better than 200:1 without being bombs;
# the ratio test applies to members that would inflate past this many bytes.
RATIO_FLOOR = 1024 * 1024
CHUNK = 64 * 1024
# lxml needs roughly 8× a part's size in memory; no real Word part comes near this
# (64 MB of WordprocessingML is ~300,000 paragraphs), so it bounds memory to ~0.6 GB.
MAX_XML_PART_BYTES = 64 * 1024 * 1024

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = f"{{{REL_NS}}}Relationship"
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
# "Strict Open XML" (ISO/IEC 29500 strict) names the same elements in other
# namespaces; they are mapped to the transitional ones so no text is silently missed.
_STRICT = b"http://purl.oclc.org/ooxml/"
_STRICT_NS = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
     b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
)
_STRICT_REL_TYPES = {"extendedProperties": "extended-properties", "customProperties": "custom-properties"}


class Rel:
    __slots__ = ("id", "type", "target", "external")

    def __init__(self, rid: str, rtype: str, target: str, external: bool):
        self.id, self.type, self.target, self.external = rid, rtype, target, external

    @property
    def short_type(self) -> str:
        short = self.type.rsplit("/", 1)[-1]
        return _STRICT_REL_TYPES.get(short, short)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


class Package:
    """The zip members of one document, read under ``limits``."""

    def __init__(self, data: bytes, limits: Limits):
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
            raise CorruptFileError("The DOCX file is damaged or truncated: its zip directory cannot be read.",
                                   details={"reason": type(exc).__name__}) from None
        if len(infos) > limits.max_zip_members:
            raise LimitExceededError(
                f"The DOCX package has {len(infos):,} parts; the limit is {limits.max_zip_members:,}.",
                details={"limit": "max_zip_members", "value": limits.max_zip_members},
            )
        seen: set[str] = set()
        total = 0
        for info in infos:
            if info.filename in seen:
                raise UnsafeContentError(f"The DOCX package holds two parts named {info.filename!r}; "
                                         "it was refused as ambiguous (a way to hide content).")
            seen.add(info.filename)
            if info.flag_bits & 0x1:
                raise EncryptedFileError("Parts of the DOCX package are encrypted; remove the password and upload it again.")
            if info.file_size > RATIO_FLOOR and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1):
                raise UnsafeContentError(
                    f"The DOCX package looks like a zip bomb: part {info.filename!r} would inflate "
                    f"{info.file_size // max(info.compress_size, 1):,} times (limit {limits.max_compression_ratio}).",
                    details={"limit": "max_compression_ratio", "value": limits.max_compression_ratio},
                )
            total += info.file_size
        if total > limits.max_decompressed_bytes:
            raise LimitExceededError(
                f"The DOCX package would inflate to {_mb(total)}; the limit is {_mb(limits.max_decompressed_bytes)}.",
                details={"limit": "max_decompressed_bytes", "value": limits.max_decompressed_bytes},
            )
        self.infos = {i.filename: i for i in infos}
        self.names = list(self.infos)
        self._budget = limits.max_decompressed_bytes

    def has(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        """The member's bytes, read in chunks and cut off past the limits."""
        info = self.infos[name]
        cap = min(self._budget, max(RATIO_FLOOR, self.limits.max_compression_ratio * max(info.compress_size, 1)))
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > cap:
                        if got > self._budget:
                            raise LimitExceededError(
                                f"The DOCX package inflates past the limit of {_mb(self.limits.max_decompressed_bytes)}.",
                                details={"limit": "max_decompressed_bytes", "value": self.limits.max_decompressed_bytes},
                            )
                        raise UnsafeContentError(
                            f"The DOCX package looks like a zip bomb: part {name!r} inflates far more than declared.",
                            details={"limit": "max_compression_ratio", "value": self.limits.max_compression_ratio},
                        )
                    chunks.append(chunk)
        except RuntimeError:  # zipfile: "File is encrypted, password required"
            raise EncryptedFileError("Parts of the DOCX package are encrypted; remove the password and upload it again.") from None
        except NotImplementedError:
            raise CorruptFileError(f"Part {name!r} uses a compression method that is not supported.") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise CorruptFileError(f"The DOCX file is damaged: part {name!r} cannot be decompressed.",
                                   details={"part": name, "reason": type(exc).__name__}) from None
        self._budget -= got
        return b"".join(chunks)

    def xml(self, name: str, parser: etree.XMLParser):
        """Parse a member as XML safely; returns the root element."""
        if self.infos[name].file_size > MAX_XML_PART_BYTES:
            raise LimitExceededError(
                f"Part {name!r} of the DOCX package is larger than {_mb(MAX_XML_PART_BYTES)} of XML.",
                details={"limit": "xml_part_bytes", "value": MAX_XML_PART_BYTES, "part": name},
            )
        data = self.read(name)
        if len(data) > MAX_XML_PART_BYTES:  # the header understated it
            raise LimitExceededError(f"Part {name!r} of the DOCX package is too large to read safely.",
                                     details={"limit": "xml_part_bytes", "value": MAX_XML_PART_BYTES, "part": name})
        if _STRICT in data:
            for strict, transitional in _STRICT_NS:
                data = data.replace(strict, transitional)
        return parse_xml(data, name, parser)

    def rels(self, part: str, parser: etree.XMLParser) -> list[Rel]:
        """Relationships of ``part`` (``""`` for the package), targets resolved to member names."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return []
        out = []
        for el in self.xml(rels_name, parser).iter(_REL):
            target = el.get("Target") or ""
            external = (el.get("TargetMode") or "").lower() == "external"
            if not external:
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append(Rel(el.get("Id") or "", el.get("Type") or "", target, external))
        return out


def make_parser() -> etree.XMLParser:
    """An lxml parser that never loads a DTD, resolves an entity or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True, dtd_validation=False)


def _head_text(data: bytes) -> bytes:
    """The start of an XML document as ASCII-compatible bytes (UTF-16 is decoded)."""
    head = data[:4096]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 1 and (head[0] == 0 or head[1] == 0)):
        enc = "utf-16-be" if head[:2] == b"\xfe\xff" or head[0] == 0 else "utf-16-le"
        return data.decode(enc, errors="ignore").encode("utf-8", errors="ignore")
    return data


def parse_xml(data: bytes, name: str, parser: etree.XMLParser):
    text = _head_text(data)
    if any(m in text for m in _DTD_MARKERS):
        raise UnsafeContentError(
            f"Part {name!r} declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which a Word document never "
            "needs; it was refused as possibly hostile (XXE or entity expansion).",
            details={"part": name},
        )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"Part {name!r} of the DOCX package is not well-formed XML.",
                               details={"part": name, "line": getattr(exc, "lineno", None)}) from None
    if root is None:
        raise CorruptFileError(f"Part {name!r} of the DOCX package is empty.", details={"part": name})
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeContentError(f"Part {name!r} declares a DTD, which a Word document never needs.",
                                 details={"part": name})
    return root
