"""CSV (UTF-8 with or without BOM, GB18030, UTF-16 …): every cell located by row and column.

The text is the file's text exactly as the TXT parser decodes it (line breaks normalised to
``\\n``), so redaction writes the masks into the same places and the file back in its own
encoding and newline style (reviewer/redaction/txt.py).  Each non-empty cell is a block
``part="table"`` with ``row``, ``col`` (0-based), ``cell`` (``B7``) and ``table`` 0: the
detectors' table logic (a column headed 身份证号/手机/姓名 …) applies as it does to DOCX tables.
A quoted cell's block is its content inside the quotes (a doubled ``""`` stays as written).
The separators and quotes belong to no block.
"""

from __future__ import annotations

import csv
import io
import re

from reviewer.document import Block, Document, Metadata
from reviewer.parsers.txt_parser import _LINE_RE, decode

DELIMITERS = (",", ";")   # tab-separated text stays TXT (its tables are read as text tables)


def col_letter(i: int) -> str:
    s, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def delimiter_of(sample: str) -> str | None:
    """The delimiter when ``sample`` reads as a table: 2+ lines with the same number (2+) of
    fields on at least 80% of them; None otherwise."""
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if len(lines) < 2 or sample.lstrip().startswith("<"):
        return None
    for delim in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        same = sum(1 for c in counts if c == counts[0])
        if same >= max(2, 0.8 * len(counts)) and "。" not in lines[0]:
            return delim
    return None


def cells(text: str, delim: str):
    """``(row, col, start, end)`` of every cell of ``text`` (RFC 4180 quoting)."""
    row = col = 0
    i, n = 0, len(text)
    while i <= n:
        if i < n and text[i] == '"':
            j = i + 1
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            yield row, col, i + 1, min(j, n)
            k = j + 1
            while k < n and text[k] not in (delim, "\n"):
                k += 1            # stray characters after the closing quote
            i = k
        else:
            k = i
            while k < n and text[k] not in (delim, "\n"):
                k += 1
            yield row, col, i, k
            i = k
        if i >= n:
            break
        if text[i] == delim:
            col += 1
        else:
            row, col = row + 1, 0
        i += 1


def parse_csv(data: bytes, *, limits=None, deadline=None) -> Document:
    raw, encoding = decode(data, limits.max_chars if limits is not None else None)
    m = _LINE_RE.search(raw)
    newline = m.group(0) if m else None
    text = _LINE_RE.sub("\n", raw)
    delim = delimiter_of(text[:65536]) or ","
    blocks = []
    for r, c, s, e in cells(text, delim):
        if s < e and text[s:e].strip():
            blocks.append(Block(s, e, "table", {"row": r, "col": c, "cell": f"{col_letter(c)}{r + 1}", "table": 0}))
        if deadline is not None and len(blocks) % 50000 == 0:
            deadline.check()
    meta = Metadata(format="csv", sha256="", size=len(data), encoding=encoding, newline=newline,
                    properties={"delimiter": delim})
    return Document(text=text, blocks=blocks, metadata=meta)


def looks_like_csv(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for enc in ("utf-8-sig", "gb18030"):
        try:
            sample = head.decode(enc)
            break
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:      # cut inside a character at the sample's end
                sample = head[:exc.start].decode(enc, "ignore")
                break
    else:
        return False
    sample = sample.rsplit("\n", 1)[0] if len(data) > len(head) else sample
    return bool(re.search(r"[,;\t]", sample)) and delimiter_of(sample) is not None
