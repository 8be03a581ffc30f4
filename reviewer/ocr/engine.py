"""The OCR engine: rapidocr (Apache-2.0) on onnxruntime, with the models its wheel ships.

Nothing is downloaded: the detection, direction and recognition models are named by
path inside the installed ``rapidocr`` package (``rapidocr/models/*.onnx``), the
recognition model carries its own character list in its metadata, and a missing file
is an :class:`OcrError` (``ocr_model_missing``), never a download.  The engine is
loaded once per process (:func:`get_engine`) and serialised by a lock, so a worker
pays for it once and threads share it safely.

:func:`read_image` turns one picture (a Pillow image) into :class:`OcrPage`: lines of
text with a confidence, the line's quadrilateral and one box per character, all in
pixels of the picture as given (origin top-left).  Pages turned by 90/180/270 degrees
are found by the shape of the detected text boxes and by trying the turns; the boxes
are mapped back to the picture as given.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.errors import ReviewerError

PxBox = tuple[float, float, float, float]          # x0, y0, x1, y1 in pixels, origin top-left

MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
}


class OcrError(ReviewerError):
    """OCR could not run (no engine, a missing model) or could not read a picture."""

    code = "ocr_failed"
    http_status = 422


@dataclass(frozen=True)
class OcrSettings:
    """Read once at the edge (``from_env``): ``REVIEWER_OCR_DPI`` …"""

    dpi: int = 200                  # PDF pages are rendered at this resolution for OCR
    min_confidence: float = 0.80    # a page whose mean line confidence is lower is 'unreadable'
    min_line_confidence: float = 0.50   # lines below this are not text (kept out of the model)
    det_side: int = 1600            # the longest side the detector sees (the page is scaled down)
    threads: int = 0                # onnxruntime intra-op threads (0: its default)
    max_pixels: int = 40_000_000    # a picture larger than this is refused (unreadable), not OCRed
    max_seconds: float = 900.0      # OCR of one document; pages left when it runs out are unreadable

    @classmethod
    def from_env(cls, environ=None) -> "OcrSettings":
        env = os.environ if environ is None else environ
        kw = {}
        for name, default in cls.__dataclass_fields__.items():
            raw = env.get("REVIEWER_OCR_" + name.upper())
            if raw:
                try:
                    kw[name] = type(default.default)(raw)
                except ValueError as exc:
                    raise ValueError(f"REVIEWER_OCR_{name.upper()} must be a number, got {raw!r}") from exc
        return cls(**kw)


DEFAULT_SETTINGS = OcrSettings()


@dataclass
class OcrLine:
    text: str
    confidence: float
    quad: list[tuple[float, float]]           # 4 corners, clockwise from top-left, in pixels
    char_boxes: list[PxBox | None]            # one per character of ``text`` (None for a space)
    row: int | None = None                    # the row of the page it belongs to (reading order)

    @property
    def box(self) -> PxBox:
        xs, ys = [p[0] for p in self.quad], [p[1] for p in self.quad]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass
class OcrPage:
    width: int
    height: int
    lines: list[OcrLine] = field(default_factory=list)
    rotation: int = 0                          # degrees the picture was turned to read it
    seconds: float = 0.0
    ink: bool = True                           # anything drawn at all (a blank page is not read)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        """Mean line confidence weighted by characters (1.0 for a page with no text)."""
        n = sum(len(line.text) for line in self.lines)
        if not n:
            return 1.0
        return sum(line.confidence * len(line.text) for line in self.lines) / n


def model_dir() -> Path:
    try:
        import rapidocr
    except ImportError:
        raise OcrError("OCR 引擎（rapidocr）未安装，无法识别图片中的文字。", code="ocr_unavailable") from None
    return Path(rapidocr.__file__).parent / "models"


def model_paths() -> dict[str, str]:
    root = model_dir()
    out = {}
    for key, name in MODEL_FILES.items():
        p = root / name
        if not p.is_file():
            raise OcrError(f"OCR 模型文件缺失：{name}（不会联网下载）。", code="ocr_model_missing",
                           details={"model": name})
        out[key] = str(p)
    return out


_ENGINES: dict[tuple, object] = {}
_LOCK = threading.Lock()


def get_engine(settings: OcrSettings = DEFAULT_SETTINGS):
    """The process's engine for these settings, loaded on first use."""
    key = (settings.det_side, settings.threads, settings.min_line_confidence)
    with _LOCK:
        eng = _ENGINES.get(key)
        if eng is None:
            from rapidocr import RapidOCR

            params = {**model_paths(),
                      "Global.log_level": "error",
                      "Global.text_score": settings.min_line_confidence,
                      "Global.return_word_box": True,
                      "Global.return_single_char_box": True,
                      "Det.limit_type": "max",
                      "Det.limit_side_len": settings.det_side,
                      "EngineConfig.onnxruntime.intra_op_num_threads": settings.threads or -1,
                      "EngineConfig.onnxruntime.inter_op_num_threads": 1}
            eng = RapidOCR(params=params)
            _ENGINES[key] = eng
        return eng


def _char_boxes(text: str, quad, words) -> list[PxBox | None]:
    """One box per character: the engine's own when it gave one per non-space character,
    else a share of the line's quadrilateral proportional to the character's width."""
    chars = [c for c in text if not c.isspace()]
    if words and len(words) == len(chars) and all(w[0] == c for w, c in zip(words, chars)):
        it = iter(words)
        out: list[PxBox | None] = []
        for c in text:
            if c.isspace():
                out.append(None)
                continue
            pts = next(it)[2]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out.append((float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))))
        return out
    (tlx, tly), (trx, try_), (brx, bry), (blx, bly) = quad
    weights = [0.0 if c.isspace() else (0.55 if c.isascii() else 1.0) for c in text]
    total = sum(weights) or 1.0
    out, acc = [], 0.0
    for c, w in zip(text, weights):
        a, b = acc / total, (acc + w) / total
        acc += w
        if c.isspace():
            out.append(None)
            continue
        pts = [(tlx + (trx - tlx) * a, tly + (try_ - tly) * a), (tlx + (trx - tlx) * b, tly + (try_ - tly) * b),
               (blx + (brx - blx) * b, bly + (bry - bly) * b), (blx + (brx - blx) * a, bly + (bry - bly) * a)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _split_gaps(text: str, boxes: list[PxBox | None]) -> tuple[str, list[PxBox | None]]:
    """A space between two digits or Latin letters that the engine read as one run although
    they stand apart (a gap over 0.6 of the median width of such characters): two table
    cells read as one (an ID number and a mobile glued into 29 digits) come apart again.
    Chinese characters are left alone: their boxes are narrower than their advance."""
    def alnum(ch):
        return ch.isascii() and ch.isalnum()

    widths = sorted(b[2] - b[0] for ch, b in zip(text, boxes) if b is not None and alnum(ch))
    if len(widths) < 4:
        return text, boxes
    limit = 0.6 * widths[len(widths) // 2]
    out_t, out_b = [], []
    for ch, b in zip(text, boxes):
        if (b is not None and out_b and out_b[-1] is not None and alnum(ch) and alnum(out_t[-1])
                and b[0] - out_b[-1][2] > limit):
            out_t.append(" ")
            out_b.append(None)
        out_t.append(ch)
        out_b.append(b)
    return "".join(out_t), out_b


def _run(engine, arr) -> list[OcrLine]:
    with _LOCK:
        # No per-line direction model: a line it turns by 180° comes back with its character
        # boxes mirrored.  The page's own turn is found by reading it turned (read_image).
        res = engine(arr, use_cls=False)
    if res is None or res.boxes is None or res.txts is None:
        return []
    words = res.word_results if res.word_results else [None] * len(res.txts)
    lines = []
    for quad, text, score, wr in zip(res.boxes, res.txts, res.scores, words):
        text = " ".join(text.split())
        if not text:
            continue
        q = [(float(x), float(y)) for x, y in quad]
        text, boxes = _split_gaps(text, _char_boxes(text, q, list(wr) if wr else None))
        lines.append(OcrLine(text, float(score), q, boxes))
    return _reading_order(lines)


def _skew(lines: list[OcrLine]) -> float:
    """The page's skew (radians), from the top edges of the long text boxes; 0 without any."""
    import math

    angles = sorted(math.atan2(ln.quad[1][1] - ln.quad[0][1], ln.quad[1][0] - ln.quad[0][0]) for ln in lines
                    if (ln.box[2] - ln.box[0]) > 3 * (ln.box[3] - ln.box[1]))
    return angles[len(angles) // 2] if angles else 0.0


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Top-down rows, left to right in a row.  Rows are found across the page's skew: a
    segment's height along the page's own vertical decides the row, so the cells of one
    row of a slightly turned table stay one row."""
    import math

    theta = _skew(lines)
    cos, sin = math.cos(theta), math.sin(theta)

    def across(ln):            # centre, in the page's own frame
        cx, cy = (ln.box[0] + ln.box[2]) / 2, (ln.box[1] + ln.box[3]) / 2
        return cy * cos - cx * sin, cx * cos + cy * sin

    def height(ln):
        q = ln.quad
        return max(1.0, math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]))

    rows: list[list[OcrLine]] = []
    for ln in sorted(lines, key=lambda ln: across(ln)[0]):
        y = across(ln)[0]
        if rows:
            first = rows[-1][0]
            if abs(y - across(first)[0]) < 0.5 * min(height(ln), height(first)):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    out = []
    for i, row in enumerate(rows):
        for ln in sorted(row, key=lambda ln: across(ln)[1]):
            ln.row = i
            out.append(ln)
    return out


def _score(lines: list[OcrLine]) -> float:
    return sum(ln.confidence * len(ln.text.replace(" ", "")) for ln in lines)


def _turn_back(box: PxBox, rotation: int, w: int, h: int) -> PxBox:
    """A box read on the picture turned by ``rotation`` (PIL's counter-clockwise) → the
    picture as given (``w`` × ``h``)."""
    x0, y0, x1, y1 = box
    if rotation == 90:      # turned: (x, y) -> (y, w - x)
        return (w - y1, x0, w - y0, x1)
    if rotation == 180:
        return (w - x1, h - y1, w - x0, h - y0)
    if rotation == 270:     # turned: (x, y) -> (h - y, x)
        return (y0, h - x1, y1, h - x0)
    return box


def _quad_back(quad, rotation: int, w: int, h: int):
    out = []
    for x, y in quad:
        if rotation == 90:
            out.append((w - y, x))
        elif rotation == 180:
            out.append((w - x, h - y))
        elif rotation == 270:
            out.append((y, h - x))
        else:
            out.append((x, y))
    return out


def _looks_turned(lines: list[OcrLine]) -> bool:
    """Most text boxes taller than wide: the page lies on its side (or the text is vertical)."""
    tall = sum(1 for ln in lines if (ln.box[3] - ln.box[1]) > 1.5 * (ln.box[2] - ln.box[0]))
    return bool(lines) and tall > len(lines) / 2


def read_image(image, settings: OcrSettings = DEFAULT_SETTINGS) -> OcrPage:
    """OCR one Pillow image.  Raises :class:`OcrError` when it cannot be read at all."""
    import time

    import numpy as np

    t0 = time.perf_counter()
    w, h = image.size
    if w * h > settings.max_pixels:
        raise OcrError(f"图片过大（{w}×{h} 像素），未进行文字识别。", code="ocr_image_too_large",
                       details={"width": w, "height": h})
    rgb = image.convert("RGB")
    engine = get_engine(settings)
    try:
        if not has_ink(rgb):
            return OcrPage(width=w, height=h, seconds=time.perf_counter() - t0, ink=False)
        best_rot, best = 0, _run(engine, _bgr(np, rgb))
        weak = not best or sum(ln.confidence for ln in best) / len(best) < settings.min_confidence
        if _looks_turned(best):      # on its side: read it turned either way (the engine would read
            best_rot, best = -1, []  # the tall boxes too, but with character boxes across the line)
            tries = (90, 270)
        else:
            tries = (90, 270, 180) if weak else ()
        for rot in tries:
            lines = _run(engine, _bgr(np, rgb.rotate(rot, expand=True)))
            if best_rot == -1 or _score(lines) > _score(best) * 1.15:
                best_rot, best = rot, lines
    except OcrError:
        raise
    except Exception as exc:  # the engine's own failure on a picture: a coded error
        raise OcrError(f"文字识别失败（{type(exc).__name__}）。", code="ocr_failed") from exc
    if best_rot:
        for ln in best:
            ln.quad = _quad_back(ln.quad, best_rot, w, h)
            ln.char_boxes = [None if b is None else _turn_back(b, best_rot, w, h) for b in ln.char_boxes]
    return OcrPage(width=w, height=h, lines=best, rotation=best_rot, seconds=time.perf_counter() - t0)


def _bgr(np, rgb):
    return np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])


def has_ink(rgb) -> bool:
    """Anything drawn at all: a blank page is not sent to the engine."""
    small = rgb.convert("L").resize((max(1, rgb.width // 8), max(1, rgb.height // 8)))
    lo, _hi = small.getextrema()
    return lo < 200
