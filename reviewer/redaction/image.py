"""A standalone picture: removed values painted out, the same type written back.

Every frame keeps its size and order (a multi-page TIFF stays multi-page); frames with
removed characters get black boxes (ocr_pixels.paint).  The picture is written again
from its pixels alone — no Exif, XMP, ICC text, PNG text chunks or JPEG comments are
carried over (they can repeat what was removed).  JPEG is written at quality 95, WebP
lossless, TIFF with LZW compression.

Verification decodes the output with Pillow, checks the frame count, reads every frame
again by OCR and searches what it reads, and the raw bytes, for every removed string.
"""

from __future__ import annotations

import io

from reviewer.errors import RedactionError, VerificationError
from reviewer.redaction.ocr_pixels import add_drawn, ocr_targets, paint, reocr_check

SAVE = {"PNG": ("PNG", {"optimize": True}), "JPEG": ("JPEG", {"quality": 95}), "MPO": ("JPEG", {"quality": 95}),
        "TIFF": ("TIFF", {"compression": "tiff_lzw"}), "BMP": ("BMP", {}), "WEBP": ("WEBP", {"lossless": True})}


def redact_image(doc, removals, boxes=()) -> tuple[bytes, dict]:
    from reviewer.parsers.image_parser import frames, open_image

    img = open_image(doc.source)
    kind = img.format
    targets = add_drawn(ocr_targets(doc, removals), boxes)
    out_frames, painted = [], []
    for n, frame, error in frames(img):
        if error is not None:
            raise RedactionError(f"Frame {n} of the picture cannot be decoded, so it cannot be redacted.",
                                 code="image_unreadable")
        rects = paint(frame, [t["box"] for t in targets.get(n, [])])
        for t, rect in zip(targets.get(n, []), rects):
            painted.append({"page": n, "bbox": [round(v, 1) for v in t["box"]], "pixels": rect,
                            "confidence": t["confidence"], "line": t["line"], "type": t["type"]})
        out_frames.append(frame)
    fmt, opts = SAVE[kind]
    buf = io.BytesIO()
    first, rest = out_frames[0], out_frames[1:]
    if rest:
        first.save(buf, format=fmt, save_all=True, append_images=rest, **opts)
    else:
        first.save(buf, format=fmt, **opts)
    engine = {"image_format": kind, "frames": len(out_frames),
              "ocr": {"painted": painted, "pages": list(range(1, len(out_frames) + 1))},
              "cleaned": ["图片元数据（Exif、XMP、文字块等）"], "warnings": [], "rasterised_pages": []}
    return buf.getvalue(), engine


def verify_image(output: bytes, needles, *, doc, engine) -> dict:
    from reviewer.parsers.image_parser import frames, open_image
    from reviewer.redaction.verify import _check

    raw = _check(needles, {"streams": output.decode("latin-1")}, "bytes")
    img = open_image(output)
    images = {}
    for n, frame, error in frames(img):
        if error is not None:
            raise VerificationError(f"Frame {n} of the redacted picture cannot be decoded.",
                                    code="verification_incomplete")
        images[n] = frame
    if len(images) != engine.get("frames"):
        raise VerificationError("The redacted picture lost or gained frames.", code="verification_incomplete")
    result = reocr_check(images, needles)
    result["extractor"] = "pillow+ocr:rapidocr"
    result["reocr"] = {"pages": result.pop("reocr_pages"), "passed": True, "engine": "rapidocr PP-OCRv6"}
    result["raw_bytes_checked"] = raw["passed"]
    return result
