"""Pictures in a DOCX: their text metadata goes, their pixels stay.

PNG text chunks (``tEXt``, ``zTXt``, ``iTXt``) and Exif (``eXIf``), and the JPEG segments
that carry text (comments ``COM``; ``APP1``–``APP13`` and ``APP15``: Exif, XMP, IPTC,
Photoshop) are removed from every picture; the image data, the JFIF header, an ICC
profile and the Adobe colour segment (``APP14``) are kept, so the picture looks the
same.  A picture of another kind whose strings hold removed text (an EMF or WMF
metafile draws its text as strings) cannot be edited faithfully and is removed.
"""

from __future__ import annotations

from reviewer.parsers.ooxml_binary import PNG_SIG, PNG_TEXT_CHUNKS, jpeg_segments, png_chunks


def strippable(data: bytes) -> bool:
    return data[:8] == PNG_SIG or data[:2] == b"\xff\xd8"


def strip_metadata(data: bytes) -> tuple[bytes, int]:
    """The picture without its text metadata, and how many chunks or segments went."""
    cuts = []
    if data[:8] == PNG_SIG:
        cuts = [(s, e) for kind, _, s, e in png_chunks(data) if kind in PNG_TEXT_CHUNKS]
    elif data[:2] == b"\xff\xd8":
        for marker, payload, s, e in jpeg_segments(data):
            icc = marker == 0xE2 and payload.startswith(b"ICC_PROFILE")
            if marker == 0xFE or (0xE1 <= marker <= 0xEF and marker != 0xEE and not icc):
                cuts.append((s, e))
    if not cuts:
        return data, 0
    out, pos = [], 0
    for s, e in cuts:
        out.append(data[pos:s])
        pos = e
    out.append(data[pos:])
    return b"".join(out), len(cuts)
