"""Decompression bounds for PDFs, checked before pdfium reads a page.

A content stream of a few hundred kilobytes can inflate to gigabytes (a "zip bomb"
in a PDF), and pdfium inflates it whole, in memory, when it loads the page.  So the
page content streams (and the form XObjects they draw, a few levels deep) are first
inflated here with a bound — ``limits.max_decompressed_bytes`` for all of them
together — and the document is refused when the bound is hit.  Only FlateDecode is
inflated incrementally; a stream with other filters is decoded by qpdf only when
its encoded size is small.  Uses pikepdf (MPL-2.0), which reads objects lazily.
"""

from __future__ import annotations

import zlib

import pikepdf

from reviewer.errors import LimitExceededError

CHUNK = 1 << 20
MAX_FORM_DEPTH = 4
MAX_OTHER_FILTER_BYTES = 4 << 20   # encoded size up to which a non-Flate stream is decoded


def _filters(stream: pikepdf.Stream) -> list[str]:
    f = stream.get("/Filter")
    if f is None:
        return []
    if isinstance(f, pikepdf.Array):
        return [str(x) for x in f]
    return [str(f)]


def decoded_size(stream: pikepdf.Stream, limit: int) -> int:
    """The stream's decoded size, or ``limit + 1`` as soon as it exceeds ``limit``."""
    filters = _filters(stream)
    if not filters:
        return len(stream.read_raw_bytes())
    if filters == ["/FlateDecode"] and "/DecodeParms" not in stream:
        return _inflated_size(stream.read_raw_bytes(), limit)
    raw = stream.read_raw_bytes()
    if len(raw) > MAX_OTHER_FILTER_BYTES:
        return limit + 1
    try:
        return len(stream.read_bytes())
    except pikepdf.PdfError:
        return len(raw)  # undecodable: pdfium will not get more out of it


def bounded_bytes(stream: pikepdf.Stream, limit: int) -> bytes:
    """The decoded stream, or ValueError when it would be larger than ``limit``."""
    if decoded_size(stream, limit) > limit:
        raise ValueError("stream too large")
    return stream.read_bytes()


def _inflated_size(raw: bytes, limit: int) -> int:
    d = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while data:
            out = d.decompress(data, CHUNK)
            total += len(out)
            if total > limit:
                return limit + 1
            data = d.unconsumed_tail
            if not out and not data:
                break
    except zlib.error:
        pass  # damaged data: pdfium stops where zlib stops
    return total


def _page_streams(page: pikepdf.Dictionary):
    contents = page.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        yield contents
    elif isinstance(contents, pikepdf.Array):
        for item in contents:
            if isinstance(item, pikepdf.Stream):
                yield item


def _forms(resources, depth: int, seen: set):
    if depth > MAX_FORM_DEPTH or not isinstance(resources, pikepdf.Dictionary):
        return
    xobjects = resources.get("/XObject")
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for _name, xobj in xobjects.items():
        if not isinstance(xobj, pikepdf.Stream) or xobj.get("/Subtype") != "/Form":
            continue
        key = xobj.objgen
        if key in seen and key != (0, 0):
            continue
        seen.add(key)
        yield xobj
        yield from _forms(xobj.get("/Resources"), depth + 1, seen)


def check_content_size(pdf: pikepdf.Pdf, limit: int, deadline=None, max_pages: int | None = None) -> int:
    """Raise LimitExceededError when the pages' content would inflate past ``limit``.

    Returns the total decoded size of the content streams."""
    total = 0
    seen: set = set()
    for index, page in enumerate(pdf.pages):
        if max_pages is not None and index >= max_pages:
            break
        if deadline is not None and index % 50 == 0:
            deadline.check()
        obj = page.obj
        streams = list(_page_streams(obj)) + list(_forms(obj.get("/Resources"), 1, seen))
        for stream in streams:
            key = stream.objgen
            if key != (0, 0) and key in seen and stream.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            total += decoded_size(stream, limit - total)
            if total > limit:
                raise LimitExceededError(
                    f"The PDF's page content inflates to more than the limit of {limit:,} bytes "
                    f"(reached on page {index + 1}); the file may be a decompression bomb.",
                    details={"limit": "max_decompressed_bytes", "value": limit, "page": index + 1},
                )
    return total
