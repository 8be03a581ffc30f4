"""PDF pages whose text came from OCR: the removed values are painted out in the pixels.

The text layer is redacted first, as for any PDF (pdf.py: glyphs out, black boxes,
document cleaning, a fresh save).  Then each page holding a removed OCR character is
rendered from *that* output (rotation cleared, at the OCR resolution), the removed
characters' boxes are painted black with a margin (ocr_pixels.paint), and the page is
replaced by that one picture (pdf_raster.replace_with_image): no text layer, invisible
text, font or annotation of the page survives, hidden or not.

Verification (:func:`verify`) runs the PDF checks of verify.py (pdftotext and pdfminer,
every object), then renders every page that had OCR text and reads it again with OCR
(ocr_pixels.reocr_check): a removed value still read fails closed.  The log's
``engine.ocr`` lists each painted box with its page and the OCR confidence of its line.
"""

from __future__ import annotations

import io

import pikepdf

from reviewer.redaction.ocr_pixels import add_drawn, ocr_targets, paint, reocr_check

REASON = "OCR text removed in the picture itself (scanned page)"
REASON_ZH = "扫描页中的删除内容直接在图像上涂黑"


def has_ocr(doc) -> bool:
    return any(b.part == "ocr" for b in doc.blocks)


def _render(data: bytes, pages, dpi: int):
    from reviewer.ocr.pdf_pages import render

    return render(data, pages, dpi)


def redact(doc, removals, boxes=()) -> tuple[bytes, dict]:
    from reviewer.ocr.engine import OcrSettings
    from reviewer.ocr.pdf_pages import to_pixels
    from reviewer.redaction.pdf import redact_pdf

    output, engine = redact_pdf(doc, removals)
    targets = add_drawn(ocr_targets(doc, removals), boxes)
    settings = OcrSettings.from_env()
    dpi = settings.dpi
    scale = dpi / 72.0
    painted = []
    if targets:
        from reviewer.redaction.pdf_raster import replace_with_image

        pdf = pikepdf.open(io.BytesIO(output))
        for pno, img, crop in _render(output, sorted(targets), dpi):
            rects = paint(img, [to_pixels(t["box"], crop, scale) for t in targets[pno]])
            for t, rect in zip(targets[pno], rects):
                painted.append({"page": pno, "bbox": [round(v, 2) for v in t["box"]], "pixels": rect,
                                "confidence": t["confidence"], "line": t["line"], "type": t["type"]})
            buf = io.BytesIO()
            img.save(buf, format="JPEG", quality=90)
            replace_with_image(pdf, pno, buf.getvalue(), img.width, img.height, tuple(float(v) for v in crop))
        pdf.remove_unreferenced_resources()
        out = io.BytesIO()
        pdf.save(out, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                 deterministic_id=True, fix_metadata_version=False)
        pdf.close()
        output = out.getvalue()
        done = {p["page"] for p in engine.get("rasterised_pages", [])}
        engine.setdefault("rasterised_pages", []).extend(
            {"page": p, "reason": REASON, "reason_zh": REASON_ZH} for p in sorted(targets) if p not in done)
        engine["rasterised_pages"].sort(key=lambda p: p["page"])
    engine["ocr"] = {"dpi": dpi, "painted": painted,
                     "pages": sorted({int(b.location.get("page", 0)) for b in doc.blocks if b.part == "ocr"}
                                     | {int(b["page"]) for b in boxes})}
    return output, engine


def verify(output: bytes, needles, *, doc, removals, engine) -> dict:
    from reviewer.ocr.engine import OcrSettings
    from reviewer.redaction.pdf import expected_page_chars
    from reviewer.redaction.verify import verify_pdf

    result = verify_pdf(output, needles, expected_page_chars(doc, removals, engine))
    settings = OcrSettings.from_env()
    pages = engine.get("ocr", {}).get("pages", [])
    images = {pno: img for pno, img, _ in _render(output, pages, settings.dpi)}
    reocr = reocr_check(images, needles, settings)
    result["reocr"] = {"pages": reocr["reocr_pages"], "passed": reocr["passed"], "engine": "rapidocr PP-OCRv6"}
    result["extractor"] = result.get("extractor", "") + "+ocr"
    return result
