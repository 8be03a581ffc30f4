"""The notices OCR adds to a document, and the rule for a page that could not be read.

* ``ocr_read`` — pages (or pictures) read by OCR, with their mean confidence: the text is
  in the document as ``ocr`` blocks and reviewed like any other.
* ``ocr_unreadable`` — **blocking**: pages or pictures that could not be read (the engine
  failed, the confidence is under the floor, nothing legible on a page that has ink, an
  image codec that cannot be decoded, the time for OCR ran out).  Approval is refused
  until a person marks each as checked by eye or redacts it by hand (api/page_checks.py).
"""

from __future__ import annotations

from reviewer.document import Document, Notice

REASONS_ZH = {
    "low_confidence": "识别置信度低于下限",
    "no_text": "页面有内容但未识别出文字",
    "timeout": "文字识别超时",
    "ocr_failed": "文字识别程序出错",
    "ocr_unavailable": "未安装文字识别程序",
    "ocr_model_missing": "文字识别模型缺失",
    "ocr_image_too_large": "图片过大",
    "image_unreadable": "图片无法解码（不支持的编码或文件损坏）",
}
BLOCKING = "ocr_unreadable"


def unreadable(page, settings) -> str | None:
    """Why a page read by OCR cannot be trusted, or None: lines whose mean confidence is
    under the floor (``low_confidence``), or ink but nothing legible (``no_text``: a
    photograph, a smudged scan — a person must look)."""
    if page.lines and page.confidence < settings.min_confidence:
        return "low_confidence"
    if page.ink and not page.lines:
        return "no_text"
    return None


def _label(key) -> str:
    return f"第{key}页" if isinstance(key, int) else str(key)


def add_ocr_notices(doc: Document, results: dict, failed: dict, settings, mixed=frozenset(),
                    unit: str = "page") -> None:
    read = sorted(k for k in results if k not in failed)
    if unit == "page":
        for n in list(doc.warnings):
            if n.code == "page_without_text":
                left = [p for p in n.details.get("pages", []) if p not in results or p in failed]
                if left:
                    n.details["pages"] = left
                    n.message = f"{len(left)} page(s) have no text layer and could not be read by OCR."
                else:
                    doc.warnings.remove(n)
    if read:
        conf = {str(k): round(results[k].confidence, 3) for k in read}
        doc.warnings.append(Notice(
            "ocr_read",
            f"{'、'.join(_label(k) for k in read[:20])}为图像，已通过文字识别（OCR）读取并一并审查"
            f"（平均置信度 {min(conf.values()):.2f} 起）；识别结果请对照页面图像核对。",
            {"pages" if unit == "page" else "images": read, "confidence": conf, "mixed": sorted(mixed),
             "dpi": settings.dpi, "engine": "rapidocr PP-OCRv6"}))
    if failed:
        keys = sorted(failed, key=str)
        doc.warnings.append(Notice(
            BLOCKING,
            f"{'、'.join(_label(k) + '（' + REASONS_ZH.get(failed[k], failed[k]) + '）' for k in keys[:20])}"
            "无法可靠识别，其中内容未经审查。批准前须由审查人员逐页目视核对并确认，或在页面图像上手工框选删除。",
            {"pages" if unit == "page" else "images": keys, "reasons": {str(k): failed[k] for k in keys},
             "blocking": True, "min_confidence": settings.min_confidence}))
