"""CSV tables (the 名单 and 台账 exported from a system): cells by row and column."""

from __future__ import annotations

from reviewer.formats import Format, register


def sniff(data: bytes) -> bool:
    from reviewer.parsers.csv_parser import looks_like_csv

    return looks_like_csv(data)


def parse(data: bytes, *, limits=None, deadline=None):
    from reviewer.parsers.csv_parser import parse_csv

    return parse_csv(data, limits=limits, deadline=deadline)


def redact(doc, removals, options):
    from reviewer.errors import RedactionError
    from reviewer.redaction.txt import redact_txt

    for r in removals:          # a mask over a delimiter or a quote would shift the columns
        blocks = doc.blocks_in(r.start, r.end)
        if len(blocks) != 1 or blocks[0].start > r.start or blocks[0].end < r.end:
            raise RedactionError("A removal crosses the cells of the CSV table; nothing was written.",
                                 code="csv_span_crosses_cells", details={"start": r.start, "end": r.end})
    return redact_txt(doc, removals)


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.redaction.verify import verify_txt

    return verify_txt(output, engine["encoding"], needles)


FORMAT = register(Format(
    name="csv", label="CSV 表格", extensions=(".csv",), mime_types=("text/csv; charset=utf-8",),
    sniff=sniff, parse=parse, redact=redact, verify=verify, location_kinds=("table",),
    priority=90, notes="UTF-8/GB18030/UTF-16, comma or semicolon; location row, col, cell",
))
