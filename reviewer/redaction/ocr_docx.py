"""DOCX pictures whose text came from OCR: the picture is replaced by a redacted one.

The DOCX engine runs first (docx.py: text edited, parts cleaned, picture metadata
stripped).  Then each ``word/media`` member that holds a removed OCR character is
decoded from *that* output, the removed characters' boxes are painted black
(ocr_pixels.paint) and the member is written again as the same type from its pixels
alone; every other member keeps its bytes, order and timestamp.  Verification runs the
DOCX checks (verify_docx.py: every member, every encoding) and then reads every picture
that had OCR text again (ocr_pixels.reocr_check).
"""

from __future__ import annotations

import io
import zipfile

from reviewer.redaction.ocr_pixels import ocr_targets, paint, reocr_check


def has_ocr(doc) -> bool:
    return any(b.part == "ocr" for b in doc.blocks)


def _encode(kind: str, frame) -> bytes:
    from reviewer.redaction.image import SAVE

    fmt, opts = SAVE.get(kind, ("PNG", {}))
    buf = io.BytesIO()
    frame.save(buf, format=fmt, **opts)
    return buf.getvalue()


def redact(doc, removals, options) -> tuple[bytes, dict]:
    from reviewer.ocr.docx_media import decode
    from reviewer.redaction.docx import redact_docx

    output, engine = redact_docx(doc, removals, strip_rsid=not options.get("keep_rsid", False))
    targets = {k: v for k, v in ocr_targets(doc, removals).items() if isinstance(k, str)}
    painted, replaced = [], {}
    if targets:
        with zipfile.ZipFile(io.BytesIO(output)) as z:
            present = set(z.namelist())
            for name, items in targets.items():
                if name not in present:      # removed whole by the DOCX engine (with its drawing)
                    continue
                kind, frame = decode(z.read(name))
                rects = paint(frame, [t["box"] for t in items])
                for t, rect in zip(items, rects):
                    painted.append({"image": name, "bbox": [round(v, 1) for v in t["box"]], "pixels": rect,
                                    "confidence": t["confidence"], "line": t["line"], "type": t["type"]})
                replaced[name] = _encode(kind, frame)
        if replaced:
            output = _replace_members(output, replaced)
            engine.setdefault("cleaned", []).append(f"图片中的删除内容已直接涂黑（{len(replaced)} 张）")
    images = sorted({b.location["image"] for b in doc.blocks if b.part == "ocr" and b.location.get("image")})
    engine["ocr"] = {"painted": painted, "images": images}
    return output, engine


def _replace_members(data: bytes, replaced: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            blob = replaced.get(info.filename)
            out.writestr(info, src.read(info) if blob is None else blob, compress_type=info.compress_type)
    src.close()
    return buf.getvalue()


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.ocr.docx_media import decode
    from reviewer.redaction.verify import verify_docx

    result = verify_docx(output, needles)
    images = {}
    with zipfile.ZipFile(io.BytesIO(output)) as z:
        present = set(z.namelist())
        for name in engine.get("ocr", {}).get("images", []):
            if name in present:
                images[name] = decode(z.read(name))[1]
    reocr = reocr_check(images, needles)
    result["reocr"] = {"pages": reocr["reocr_pages"], "passed": reocr["passed"], "engine": "rapidocr PP-OCRv6"}
    result["extractor"] = str(result.get("extractor", "")) + "+ocr"
    return result
