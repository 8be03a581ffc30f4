"""The one document model every parser returns and everything else works on.

``Document.text`` is the extracted text.  ``Document.blocks`` cover it with
non-overlapping ``[start, end)`` ranges, in order; each block says which part of the
source the characters came from and where (``part`` + ``location``).  Characters
between blocks (the ``\\n`` that separates paragraphs, for instance) were inserted by
the parser and belong to no source location.

Location kinds
--------------
* TXT:  ``part="body"``, ``location={"line": n}``; character ``i`` of the block is
  column ``i`` (0-based, in characters) of line ``n`` (1-based).
* DOCX: ``part`` is one of ``body, table, header, footer, footnote, endnote, textbox,
  comment, insertion, deletion, properties``; ``location`` carries ``xml_part``
  (e.g. ``word/document.xml``), ``paragraph`` (index of the ``w:p`` among all
  ``w:p`` elements of that XML part, document order), ``char_offset`` (offset of the
  block's first character within that paragraph's text as the parser joined it), and
  where relevant ``table``/``row``/``col``, ``kind`` (``default|first|even`` for
  headers and footers), ``comment_id``, ``author``, ``date``, ``field`` (property name).
* PDF:  ``part`` is ``page``, ``annotation``, ``metadata`` or ``attachment``;
  ``location={"page": n, "line": i}`` (1-based page); ``boxes`` holds one
  ``(x0, y0, x1, y1)`` box per character in PDF user-space units (origin bottom-left),
  or ``None`` for a character the parser inserted.
* XLSX / CSV: a cell is ``part="table"`` with ``sheet``, ``cell`` (``B7``), ``row``,
  ``col`` (0-based), ``table`` (the sheet's index) and ``kind`` (``value``, ``formula``,
  ``inline``, ``shared``); see reviewer/parsers/xlsx_parser.py for the other parts.
* OCR (PDF pages, standalone pictures, DOCX pictures; reviewer/ocr): ``part="ocr"``,
  ``location={"page": n, "line": i, "source": "ocr", "confidence": c, …}`` (a DOCX picture
  adds ``xml_part``/``image``); ``boxes`` per character in PDF user space for a PDF page, in
  pixels of the picture (origin top-left) otherwise.  See docs/ocr.md.
* Other formats: see the format's module in reviewer/formats/ and its parser.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any

Box = tuple[float, float, float, float]

# The formats and the location kinds each produces are declared in reviewer.formats
# (``reviewer.formats.names()``, ``Format.location_kinds``).


@dataclass
class Block:
    start: int
    end: int
    part: str
    location: dict[str, Any] = field(default_factory=dict)
    boxes: list[Box | None] | None = None

    def __len__(self) -> int:
        return self.end - self.start

    def to_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "part": self.part, **self.location}
        return out


@dataclass
class Notice:
    """A warning attached to a document: something was skipped or looks odd."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out = {"code": self.code, "message": self.message}
        if self.details:
            out["details"] = self.details
        return out


@dataclass
class Metadata:
    format: str
    sha256: str
    size: int
    filename: str | None = None
    pages: int | None = None
    encoding: str | None = None
    newline: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)


@dataclass
class Structure:
    """GB/T 9704 elements found in the text (see reviewer/structure.py).

    ``spans`` maps a field name to its ``[start, end)`` in ``Document.text``.
    """

    copy_number: str | None = None
    secrecy_line: str | None = None
    secrecy_level: str | None = None
    secrecy_period: str | None = None
    urgency: str | None = None
    issuer_mark: str | None = None
    doc_number: str | None = None
    doc_number_raw: str | None = None
    signer: str | None = None
    title: str | None = None
    doc_kind: str | None = None
    addressee: str | None = None
    date: str | None = None
    annotation: str | None = None
    declared_attribute: str | None = None
    declared_attribute_text: str | None = None
    cc: str | None = None
    printed_by: str | None = None
    printed_date: str | None = None
    spans: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    text: str
    blocks: list[Block]
    metadata: Metadata
    structure: Structure = field(default_factory=Structure)
    warnings: list[Notice] = field(default_factory=list)
    source: bytes = field(default=b"", repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = [b.start for b in self.blocks]

    # -- mapping back to the source -------------------------------------------------
    def reindex(self) -> None:
        """Call after changing ``blocks`` in place."""
        self._starts = [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block holding character ``offset``, or None for an inserted separator."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0:
            b = self.blocks[i]
            if b.start <= offset < b.end:
                return b
        return None

    def blocks_in(self, start: int, end: int) -> list[Block]:
        """Blocks overlapping ``[start, end)``, in order."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        for b in self.blocks[i:]:
            if b.start >= end:
                break
            if b.end > start:
                out.append(b)
        return out

    def location_of(self, start: int, end: int) -> dict[str, Any]:
        """A JSON-able description of where ``[start, end)`` lies in the source.

        The first block's part and location, the offset inside it, and for PDF the
        union of the character boxes per page; ``spans_blocks`` when the range
        crosses several blocks (a number wrapped across lines, say).
        """
        blocks = self.blocks_in(start, end)
        if not blocks:
            return {}
        first = blocks[0]
        loc: dict[str, Any] = {"part": first.part, **first.location}
        loc["offset_in_block"] = max(start - first.start, 0)
        if "line" in first.location and self.metadata.format == "txt":
            loc["column"] = loc["offset_in_block"]
        if len(blocks) > 1:
            loc["spans_blocks"] = len(blocks)
            last = blocks[-1]
            loc["end_location"] = {"part": last.part, **last.location}
        boxes_by_page: dict[int, list[float]] = {}
        for b in blocks:
            if not b.boxes:
                continue
            page = b.location.get("page")
            lo, hi = max(start, b.start) - b.start, min(end, b.end) - b.start
            for bx in b.boxes[lo:hi]:
                if bx is None:
                    continue
                cur = boxes_by_page.get(page)
                if cur is None:
                    boxes_by_page[page] = list(bx)
                else:
                    cur[0], cur[1] = min(cur[0], bx[0]), min(cur[1], bx[1])
                    cur[2], cur[3] = max(cur[2], bx[2]), max(cur[3], bx[3])
        if boxes_by_page:
            loc["bboxes"] = [
                {"page": p, "bbox": [round(v, 2) for v in bb]} for p, bb in sorted(boxes_by_page.items(), key=lambda kv: (kv[0] is None, kv[0]))
            ]
        return loc

    @property
    def pages(self) -> int | None:
        return self.metadata.pages

    def summary(self) -> dict:
        return {
            "format": self.metadata.format,
            "sha256": self.metadata.sha256,
            "encoding": self.metadata.encoding,
            "pages": self.metadata.pages,
            "chars": len(self.text),
        }


class TextBuilder:
    """Helps parsers build ``text`` and ``blocks`` together so offsets stay exact."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.blocks: list[Block] = []

    def __len__(self) -> int:
        return self._len

    def add(self, text: str, part: str, location: dict[str, Any] | None = None,
            boxes: list[Box | None] | None = None) -> Block | None:
        """Append source text as one block (nothing is added for empty text)."""
        if not text:
            return None
        if boxes is not None and len(boxes) != len(text):
            raise ValueError("boxes must have one entry per character")
        b = Block(self._len, self._len + len(text), part, dict(location or {}), boxes)
        self._parts.append(text)
        self._len += len(text)
        self.blocks.append(b)
        return b

    def sep(self, text: str = "\n") -> None:
        """Append parser-inserted text that maps to no source location."""
        if text:
            self._parts.append(text)
            self._len += len(text)

    def ends_with_newline(self) -> bool:
        return not self._parts or self._parts[-1].endswith("\n")

    def text(self) -> str:
        return "".join(self._parts)
