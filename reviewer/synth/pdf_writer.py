"""Real PDFs with Chinese text, built for tests, samples and the detectors' dev set.

The layout imitates GB/T 9704: A4, type area 156 mm x 225 mm (top margin 37 mm,
left 28 mm), body text about 3号 (15.75 pt, so 28 characters fill a line), 22
lines a page.  Text is set in an embedded TrueType CJK font (reportlab embeds a
subset with a ToUnicode map, so text extraction gives the real characters back).
Characters the CJK font lacks (Latin letters, digits, ★, —) are set in DejaVu Sans
(fonts-dejavu-core), or in the built-in Helvetica when that is not installed.

Usage::

    from reviewer.synth.pdf_writer import Page, Para, Annotation, Attachment, build_pdf

    pdf = build_pdf(
        [Page([Para("关于……的通知", align="center", indent=0), "正文第一段……"]),
         Page(["第二页正文……"])],
        info={"Title": "关于……的通知", "Author": "办公室"},
        xmp={"dc:title": "关于……的通知"},
        annotations=[Annotation(page=1, contents="请核对身份证号")],
        attachments=[Attachment("名单.txt", "张三".encode())],
        user_password="secret",
    )

* A paragraph is wrapped to the column width; every line but a paragraph's last is
  justified (the characters are spread so the line ends at the right edge), as word
  processors do for Chinese.  ``Para(chars_per_line=n)`` forces a wrap after every
  ``n`` characters instead (the first line counts its indent), so that a long number
  can be placed across a line break exactly where a test wants it.
* A ``Page`` starts a new page; paragraphs that do not fit flow on to further pages.
* ``Page(image_only=True)`` renders its paragraphs into a picture (150 dpi greyscale)
  with no text layer, like a scanned page (what does not fit one page is cut);
  ``ocr_layer=True`` adds the text invisibly on top (render mode 3), like a scan that
  went through OCR.
* Document info, XMP, annotations, attachments and encryption (AES-256, R6) are added
  with pikepdf after reportlab has drawn the pages.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field

from reviewer.errors import ReviewerError
from reviewer.synth.pdf_extras import Annotation, Attachment, add_extras, xmp_packet

MM = 72.0 / 25.4
A4 = (210 * MM, 297 * MM)
MARGIN_TOP = 37 * MM
MARGIN_LEFT = 28 * MM
COLUMN_WIDTH = 156 * MM
COLUMN_HEIGHT = 225 * MM
BODY_SIZE = 15.75          # 3号 nudged so that 28 full-width characters fill 156 mm
LINE_PITCH = COLUMN_HEIGHT / 22

# TrueType-outline CJK fonts reportlab can embed (CFF-based OpenType such as Noto
# CJK cannot be embedded by reportlab).  (path, subfont index in a .ttc)
_FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
)
FONT_NAME = "ReviewerCJK"


class MissingFontError(ReviewerError):
    code = "font_missing"


def cjk_font_path() -> tuple[str, int]:
    """The CJK TrueType font to embed: ``(path, subfont_index)``.

    ``REVIEWER_CJK_FONT`` (a path) wins; otherwise the first installed candidate.
    Raises MissingFontError naming the Debian package to install.
    """
    env = os.environ.get("REVIEWER_CJK_FONT")
    if env:
        if os.path.isfile(env):
            return env, 0
        raise MissingFontError(f"REVIEWER_CJK_FONT points to {env!r}, which is not a file.")
    for path, index in _FONT_CANDIDATES:
        if os.path.isfile(path):
            return path, index
    raise MissingFontError(
        "No CJK TrueType font found; install fonts-droid-fallback (scripts/system-deps.sh) "
        "or set REVIEWER_CJK_FONT to a .ttf file."
    )


def have_cjk_font() -> bool:
    try:
        cjk_font_path()
    except MissingFontError:
        return False
    return True


LATIN_FONT_NAME = "ReviewerLatin"
# Droid Sans Fallback has no Latin letters or digits; those come from DejaVu Sans
# (fonts-dejavu-core) or, failing that, from the built-in Helvetica.
_LATIN_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)
_fonts: list[tuple[str, object]] = []   # (reportlab font name, covers(ch) -> bool)
_font_of: dict[str, str] = {}


def _register_font() -> None:
    if _fonts:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path, index = cjk_font_path()
    cjk = TTFont(FONT_NAME, path, subfontIndex=index)
    pdfmetrics.registerFont(cjk)
    chosen = [(FONT_NAME, cjk.face.charToGlyph.__contains__)]
    for latin_path in _LATIN_CANDIDATES:
        if os.path.isfile(latin_path):
            latin = TTFont(LATIN_FONT_NAME, latin_path)
            pdfmetrics.registerFont(latin)
            chosen.append((LATIN_FONT_NAME, latin.face.charToGlyph.__contains__))
            break
    chosen.append(("Helvetica", _in_winansi))
    _fonts.extend(chosen)


def _in_winansi(code: int) -> bool:
    try:
        chr(code).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return code >= 32


def font_for(ch: str) -> str:
    """The registered font that draws ``ch``; ValueError when none has it."""
    name = _font_of.get(ch)
    if name is None:
        _register_font()
        for fname, covers in _fonts:
            if covers(ord(ch)):
                name = fname
                break
        else:
            raise ValueError(f"no installed font can draw {ch!r} (U+{ord(ch):04X})")
        _font_of[ch] = name
    return name


@dataclass
class Para:
    """One paragraph.  ``indent`` is the first-line indent in characters (ems)."""

    text: str
    size: float = BODY_SIZE
    align: str = "justify"          # justify | left | center | right
    indent: float = 2
    chars_per_line: int | None = None
    space_before: float = 0.0       # blank lines before the paragraph


@dataclass
class Page:
    """Starts a new page.  Paragraphs may be plain strings (body style)."""

    paras: list = field(default_factory=list)
    image_only: bool = False
    ocr_layer: bool = False   # with image_only: an invisible text layer over the picture
    sideways: bool = False    # stored turned (landscape MediaBox + /Rotate 90), reads upright
    bookmark: str | None = None  # an outline (bookmark) entry pointing at this page


# --------------------------------------------------------------------------- layout
@dataclass
class _Line:
    text: str
    size: float
    x: float
    char_space: float
    gap_before: float  # extra space above (blank lines before a paragraph)


def _char_width(ch: str, size: float, cache: dict) -> float:
    w = cache.get((ch, size))
    if w is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        w = stringWidth(ch, font_for(ch), size)
        cache[(ch, size)] = w
    return w


def wrap(para: Para, width: float = COLUMN_WIDTH, _cache: dict | None = None) -> list[tuple[str, bool]]:
    """Split a paragraph into ``(line, ends_hard)``; a newline in the text forces a break."""
    _register_font()
    cache = {} if _cache is None else _cache
    out: list[tuple[str, bool]] = []
    for chunk in para.text.split("\n"):
        lines: list[str] = []
        indent = para.indent if not out else 0
        if para.chars_per_line:
            pos, take = 0, max(para.chars_per_line - int(indent), 1)
            while True:
                lines.append(chunk[pos:pos + take])
                pos += take
                take = para.chars_per_line
                if pos >= len(chunk):
                    break
        else:
            cur: list[str] = []
            cur_w = indent * para.size
            for ch in chunk:
                w = _char_width(ch, para.size, cache)
                if cur and cur_w + w > width + 0.01:
                    lines.append("".join(cur))
                    cur, cur_w = [], 0.0
                cur.append(ch)
                cur_w += w
            lines.append("".join(cur))
        out.extend((line, i == len(lines) - 1) for i, line in enumerate(lines))
    return out


def _layout(para: Para, cache: dict) -> list[_Line]:
    lines = []
    for i, (text, hard) in enumerate(wrap(para, COLUMN_WIDTH, cache)):
        indent = para.indent * para.size if i == 0 else 0.0
        natural = sum(_char_width(ch, para.size, cache) for ch in text)
        x, space = MARGIN_LEFT + indent, 0.0
        if para.align == "center":
            x = MARGIN_LEFT + (COLUMN_WIDTH - natural) / 2
        elif para.align == "right":
            x = MARGIN_LEFT + COLUMN_WIDTH - natural
        elif para.align == "justify" and not hard and len(text) > 1:
            space = max(COLUMN_WIDTH - indent - natural, 0.0) / (len(text) - 1)
        gap = para.space_before * LINE_PITCH if i == 0 else 0.0
        lines.append(_Line(text, para.size, x, space, gap))
    return lines


def _draw_line(canvas, line: _Line, y: float, invisible: bool = False) -> None:
    text = canvas.beginText(line.x, y - line.size)
    text.setCharSpace(line.char_space)
    if invisible:
        text.setTextRenderMode(3)   # neither filled nor stroked: an OCR layer
    run, run_font = [], None
    for ch in line.text:
        f = font_for(ch)
        if f != run_font and run:
            text.setFont(run_font, line.size)
            text.textOut("".join(run))
            run = []
        run_font = f
        run.append(ch)
    if run:
        text.setFont(run_font, line.size)
        text.textOut("".join(run))
    canvas.drawText(text)


def _draw_image_page(canvas, lines: list[_Line], ocr_layer: bool) -> None:
    """Render the lines into a greyscale picture (a scan), with an invisible text
    layer on top when ``ocr_layer`` (a scan that went through OCR)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    scale = 150 / 72.0   # 150 dpi
    img = Image.new("L", (int(A4[0] * scale), int(A4[1] * scale)), 255)
    draw = ImageDraw.Draw(img)
    path, index = cjk_font_path()
    latin = next((p for p in _LATIN_CANDIDATES if os.path.isfile(p)), None)
    fonts: dict = {}

    def pil_font(ch: str, size: int):
        key = (font_for(ch) == FONT_NAME or latin is None, size)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(path, size, index=index) if key[0] else ImageFont.truetype(latin, size)
        return fonts[key]

    top = MARGIN_TOP
    y = top
    for line in lines[: int(COLUMN_HEIGHT // LINE_PITCH)]:
        y += line.gap_before
        x = line.x * scale
        for ch in line.text:
            font = pil_font(ch, int(line.size * scale))
            draw.text((x, y * scale), ch, fill=0, font=font)
            x += font.getlength(ch) + line.char_space * scale
        y += LINE_PITCH
    canvas.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    if ocr_layer:
        y = A4[1] - top
        for line in lines[: int(COLUMN_HEIGHT // LINE_PITCH)]:
            y -= line.gap_before
            _draw_line(canvas, line, y, invisible=True)
            y -= LINE_PITCH


def _draw_pages(pages: list[Page], page_numbers: bool) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    _register_font()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    cache: dict = {}
    number = 0
    top = A4[1] - MARGIN_TOP
    bottom = top - COLUMN_HEIGHT
    for page in pages:
        paras = [p if isinstance(p, Para) else Para(str(p)) for p in page.paras]
        _begin_page(canvas, page.sideways)
        if page.bookmark:
            key = f"page{number + 1}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(page.bookmark, key, level=0)
        if page.image_only:
            number += 1
            _draw_image_page(canvas, [ln for p in paras for ln in _layout(p, cache)], page.ocr_layer)
            canvas.showPage()
            continue
        lines = [line for para in paras for line in _layout(para, cache)]
        y = top
        started = False
        for line in lines:
            if started:
                y -= line.gap_before
            if started and y - line.size < bottom - 0.5:
                number = _finish_page(canvas, number, page_numbers)
                _begin_page(canvas, page.sideways)
                y = top
            _draw_line(canvas, line, y)
            started = True
            y -= max(LINE_PITCH, line.size * 1.5)
        number = _finish_page(canvas, number, page_numbers)
    canvas.save()
    return buf.getvalue()


def _begin_page(canvas, sideways: bool) -> None:
    """A portrait page, or one stored sideways: a landscape MediaBox shown with
    /Rotate 90, the content drawn turned so that it reads upright in a viewer (the
    text runs bottom-to-top in PDF user space)."""
    canvas.setPageSize(A4)              # reportlab writes the MediaBox turned for /Rotate 90
    canvas.setPageRotation(90 if sideways else 0)
    if sideways:
        canvas.transform(0, 1, -1, 0, A4[1], 0)


def _finish_page(canvas, number: int, page_numbers: bool) -> int:
    number += 1
    if page_numbers:  # GB/T 9704: 4号 digits between em dashes, below the type area
        label = f"— {number} —"
        canvas.setFont(font_for("1"), 14)
        canvas.drawCentredString(A4[0] / 2, A4[1] - MARGIN_TOP - COLUMN_HEIGHT - 14 * MM, label)
    canvas.showPage()
    return number


def build_pdf(pages: list[Page], *, info: dict[str, str] | None = None,
              xmp: dict | str | bytes | None = None, annotations: list[Annotation] = (),
              attachments: list[Attachment] = (), user_password: str | None = None,
              owner_password: str | None = None, page_numbers: bool = True) -> bytes:
    """The PDF as bytes.

    ``info`` keys are document-info names without the slash (Title, Author, Subject,
    Keywords, Creator, Producer).  ``xmp`` is a packet (str/bytes) or a dict for
    :func:`xmp_packet`.  ``user_password`` makes the file unopenable without it;
    ``owner_password`` alone gives a file anyone can open but that carries
    restrictions.  Unencrypted output is deterministic for the same input.
    """
    raw = _draw_pages(pages, page_numbers)
    if not (info or xmp or annotations or attachments or user_password or owner_password):
        return raw
    return add_extras(raw, info=info, xmp=xmp, annotations=list(annotations),
                       attachments=list(attachments), user_password=user_password,
                       owner_password=owner_password)


def text_pdf(paragraphs: list[str], **kwargs) -> bytes:
    """Shortcut: body paragraphs flowed over as many pages as they need."""
    return build_pdf([Page(list(paragraphs))], **kwargs)


__all__ = ["Para", "Page", "Annotation", "Attachment", "build_pdf", "text_pdf", "xmp_packet",
           "cjk_font_path", "have_cjk_font", "MissingFontError", "wrap", "A4", "COLUMN_WIDTH",
           "BODY_SIZE", "MARGIN_LEFT", "MARGIN_TOP", "LINE_PITCH"]

