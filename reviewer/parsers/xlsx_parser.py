"""XLSX / XLSM workbooks: every cell and every other place text hides, mapped to sheet!cell.

The package is opened by ooxml_package.Package (zip bombs, member counts, encrypted members,
DTDs and entities refused) and walked by xlsx_walk (the same walk the redactor uses).
Macros are never run: ``vbaProject.bin`` is not executed, only reported (and always removed
on redaction).

Text layout: each sheet starts with its name on a line of its own (``sheet_name``); then its
cells row by row, the cells of a row separated by a tab and rows by a line break, so the
table reads as a table (``part="table"`` with ``sheet``, ``cell``, ``row``, ``col``, ``table``
= the sheet's index, ``kind``; ``hidden: true`` for a cell in a hidden row, column or sheet);
then the sheet's formulas, headers/footers, validation lists, links and comments, one per
line; then the rest of the package.  Every block also carries ``xml_part`` and ``node`` (the
carrier's number within that member) for the redactor.

Warnings: ``hidden_cells`` (hidden sheets, rows or columns: read and scanned, and hiding is
not removing), ``macro_present``, ``pictures_not_read``.
"""

from __future__ import annotations

from reviewer.document import Document, Metadata, Notice, TextBuilder
from reviewer.parsers.ooxml_package import Package, make_parser
from reviewer.parsers.xlsx_walk import walk


def parse_xlsx(data: bytes, *, limits=None, deadline=None) -> Document:
    from reviewer.settings import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    pkg = Package(data, limits)
    w = walk(pkg, make_parser(), deadline)
    tb = TextBuilder()
    nodes: dict[str, int] = {}
    last_row: tuple | None = None
    for car in w.carriers:
        text = car.get()
        node = nodes.get(car.xml_part, 0)
        nodes[car.xml_part] = node + 1
        if not text:
            continue
        loc = {"xml_part": car.xml_part, "node": node, **car.loc}
        if car.part == "table":
            row = (loc["table"], loc["row"])
            if last_row == row:
                tb.sep("\t")
            elif not tb.ends_with_newline():
                tb.sep("\n")
            last_row = row
        else:
            last_row = None
            if not tb.ends_with_newline():
                tb.sep("\n")
        tb.add(text, car.part, loc)
        if len(tb) > limits.max_chars:
            break
    props = {}
    for car in w.carriers:
        if car.part == "properties" and car.loc.get("element") in ("creator", "lastModifiedBy", "title", "subject",
                                                                     "Company", "Manager", "description", "keywords"):
            props.setdefault(car.loc["element"], car.get())
    meta = Metadata(format="xlsx", sha256="", size=len(data), pages=None, properties=props)
    doc = Document(text=tb.text(), blocks=tb.blocks, metadata=meta)
    hidden_sheets = [s["name"] for s in w.sheets if s["state"] != "visible"]
    if hidden_sheets or w.hidden:
        doc.warnings.append(Notice(
            "hidden_cells",
            "The workbook hides sheets, rows or columns; they were read and scanned, and hiding them does not "
            "remove them from the file.",
            {"hidden_sheets": hidden_sheets, "hidden_rows_cols": w.hidden}))
    macros = [n for n in w.binaries if n.lower().endswith("vbaproject.bin")]
    if macros:
        doc.warnings.append(Notice("macro_present", "The workbook carries a macro project; it was not run, and "
                                   "redaction removes it.", {"members": macros}))
    pictures = [n for n in w.binaries if "/media/" in n]
    if pictures:
        doc.warnings.append(Notice("pictures_not_read", "The workbook holds pictures; text inside them is not read.",
                                   {"count": len(pictures)}))
    return doc
