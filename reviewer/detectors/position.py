"""Where a match sits in a document: the facts that tell a marker from a mention.

A 国家秘密标志 or a warning label is a *marker* when it stands where GB/T 9704 and the
1990 《国家秘密文件、资料和其他物品标志的规定》 put it: the first lines of the first
page (版头, before the title), a DOCX header, or the start of a paragraph.  The same
words inside a sentence, in quotation marks, or in a rule about marking ("标注有“内部
文件（资料）”字样的信息") are mentions and must not raise a finding.

These helpers are shared by the secrecy, process and commercial detectors; they only
read ``Document.text``, ``Document.blocks`` and ``Document.structure``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters a line may start with before a marker and still count as "at the start":
# white space (ASCII and the ideographic space), a 6-digit 份号, and opening brackets.
_LEAD = re.compile(r"[\s\u3000]*(?:\d{6}[\s\u3000]+)?[（(【\[〔]?[\s\u3000]*$")
OPEN_QUOTES = "“‘\"'「『《〈＂"
CLOSE_QUOTES = "”’\"'」』》〉＂"
SENTENCE_END = "。；;！!？?\n"
# Punctuation and brackets that may surround a label on a line of its own.
_DECOR = " \t\u3000（）()【】[]〔〕<>〈〉,，、.。·•:：;；-—_*★☆"

HEADER_PARTS = frozenset({"header", "footer"})
TOP_LINES = 6


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # exclusive, before the newline


LINE_LIMIT = 400  # a marker's line is short; longer lines are clipped (keeps every look O(1))


def line_bounds(text: str, pos: int, limit: int = LINE_LIMIT) -> Line:
    """The line holding ``pos``, clipped to ``limit`` characters on each side.

    A clipped line is longer than any line a marker stands alone on, so callers that
    ask "is this line short / only a label" get the right answer without scanning a
    100,000-character run-on line once per match.
    """
    lo = max(pos - limit, 0)
    nl = text.rfind("\n", lo, pos)
    start = nl + 1 if nl >= 0 else lo
    hi = min(pos + limit, len(text))
    end = text.find("\n", pos, hi)
    return Line(start, hi if end < 0 else end)


# A line that ends the 版头: the title (关于…的通知) or the 主送机关 line (各县（市、区）：).
TITLE_LINE = re.compile(
    r"^[\s\u3000]*(?:\S{0,30}关于\S{1,60}|\S{2,40}(?:通知|请示|报告|汇报|批复|意见|决定|函|纪要|公告|通告|通报|方案|办法))[\s\u3000]*$"
)
ADDRESSEE_LINE = re.compile(r"^[\s\u3000]*\S[^\n。]{0,60}[：:][\s\u3000]*$")


def top_zone_end(doc, max_lines: int = TOP_LINES) -> int:
    """End offset of the 版头 zone: the first ``max_lines`` non-empty lines, cut at the title.

    The zone stops where the title starts (secrecy marks sit above it): the structure
    pass's title when it found one, else the first line that looks like a title or a
    主送机关 line.  A text without line breaks (HTML-stripped pages) gets a zone of its
    first 40 characters only.
    """
    text = doc.text
    title_span = (getattr(doc.structure, "spans", None) or {}).get("title")
    seen = 0
    pos = 0
    n = len(text)
    end = 0
    while pos < n and seen < max_lines:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = text[pos:line_end]
        if line.strip(" \t\u3000\r"):
            if nl >= 0 and (TITLE_LINE.match(line) or ADDRESSEE_LINE.match(line)):
                break
            seen += 1
            end = min(line_end, pos + 200) if nl >= 0 else min(line_end, pos + 40)
        if nl < 0:
            break
        pos = nl + 1
    if title_span and title_span[0] > 0:
        end = max(min(end, title_span[0]), 0)
    return end


def at_line_start(text: str, start: int) -> bool:
    """Only white space, a 份号 or an opening bracket between the line start and ``start``."""
    lo = max(start - 13, 0)
    nl = text.rfind("\n", lo, start)
    ls = nl + 1 if nl >= 0 else (0 if lo == 0 else -1)
    return ls >= 0 and _LEAD.match(text[ls:start]) is not None


def standalone(text: str, start: int, end: int, extra: str = "") -> bool:
    """The line holds the match and nothing else but brackets, punctuation and ``extra``."""
    line = line_bounds(text, start, limit=120)
    if end > line.end or line.end - line.start > 200:
        return False
    rest = text[line.start:start] + text[end:line.end]
    return rest.strip(_DECOR + extra) == ""


def quoted(text: str, start: int, end: int) -> bool:
    """The match is inside quotation marks (or 《》), i.e. it is being talked about."""
    before = text[max(start - 2, 0):start].rstrip(" \u3000")
    if before and before[-1] in OPEN_QUOTES:
        return True
    # “内部文件（资料）”: the closing quote may follow a bracketed variant
    after = re.sub(r"^[（(][^）)]{1,4}[）)]", "", text[end:end + 8].lstrip(" \u3000"))
    return bool(after) and after[0] in CLOSE_QUOTES and _open_quote_before(text, start)


def _open_quote_before(text: str, start: int) -> bool:
    """An unclosed opening quote (or 《) within the 60 characters before ``start``, in the same sentence."""
    window = text[max(start - 60, 0):start]
    cut = max(window.rfind(c) for c in "。；;！？!?")  # not at \n: a PDF title wraps inside 《》
    window = window[cut + 1:]
    return any(window.count(o) > window.count(c) for o, c in (("“", "”"), ("《", "》"), ("‘", "’"), ("「", "」"), ("『", "』")))


def sentence_bounds(text: str, start: int, end: int, limit: int = 300) -> tuple[int, int]:
    """The sentence around ``[start, end)``: cut at 。；！？ and line breaks, at most ``limit`` each side."""
    lo = max(start - limit, 0)
    s = start
    while s > lo and text[s - 1] not in SENTENCE_END:
        s -= 1
    hi = min(end + limit, len(text))
    e = end
    while e < hi and text[e] not in SENTENCE_END:
        e += 1
    return s, e


# Contact details an organ publishes by law (条例 第二十条（二）): a statement's span stops before them.
_CONTACT = re.compile(r"[（(]?(?:联系人|联系电话|联系方式|咨询电话|电话|传真|邮箱|电子邮箱|E-?mail|地址)[:：]?")


def trim_before_contact(text: str, start: int, end: int, keep: int = 0) -> int:
    """End of ``[start, end)`` cut before an organ's contact details (联系人：…, 电话：…) that follow
    at least ``keep`` characters in, so a statement's finding does not cover lawful contact data."""
    m = _CONTACT.search(text, start + keep, end)
    if m is None:
        return end
    cut = m.start()
    while cut > start and text[cut - 1] in "，,；;、 \u3000（(":
        cut -= 1
    return cut if cut > start else end


def part_at(doc, pos: int) -> str | None:
    block = doc.block_at(pos)
    return block.part if block is not None else None


def in_header_part(doc, pos: int) -> bool:
    """DOCX header/footer (where a 密级 or 内部资料 label is printed on every page)."""
    return part_at(doc, pos) in HEADER_PARTS


_ARTICLE_LINES = re.compile(r"(?m)^[\s\u3000#]*第[一二三四五六七八九十百零]+条")


def law_text(text: str, min_articles: int = 3) -> bool:
    """``min_articles`` or more lines opening with 第×条: a law, a regulation or rules, whose
    sentences name kinds of things (公司, 工作人员, 借调人员) rather than this organ's own."""
    n = 0
    for _ in _ARTICLE_LINES.finditer(text):
        n += 1
        if n >= min_articles:
            return True
    return False


def in_running_header(doc, pos: int) -> bool:
    """A DOCX header/footer, or a PDF running header/footer: the first line of a page, or the line
    just above its page number ("— 2 —"), when the same line (digits aside) is printed so on two
    pages or more ("内部资料  注意保存", "××办法（征求意见稿）").  A single first line is a
    sentence running on from the page before, not a header."""
    block = doc.block_at(pos)
    if block is None:
        return False
    if block.part in HEADER_PARTS:
        return True
    if block.part != "page":
        return False
    return _norm_line(doc.text[block.start:block.end]) in _running_lines(doc)


def in_page_margin(doc, pos: int) -> bool:
    """The first line of a PDF page or the line just above its page number, repeated or not (a
    one-page document's header or footer).  Callers add their own test that the line is short."""
    block = doc.block_at(pos)
    if block is None or block.part != "page":
        return False
    if block.location.get("line") == 1:
        return True
    nxt = doc.block_at(block.end + 1)  # the next line (one separator character after this one)
    if nxt is None:
        return False
    return (nxt.part == "page" and nxt.location.get("page") == block.location.get("page")
            and _PAGE_NUMBER.fullmatch(doc.text, nxt.start, nxt.end) is not None)


_PAGE_NUMBER = re.compile(r"[\s\u3000]*(?:[—–\-]\s*\d{1,4}\s*[—–\-]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})[\s\u3000]*")
_DIGITS_SPACES = re.compile(r"[\d\s\u3000]+")
_RUNNING_CACHE: list = [None, None]   # (key, lines) of the last document asked about


def _norm_line(line: str) -> str:
    return _DIGITS_SPACES.sub("", line)


def _running_lines(doc) -> frozenset:
    """Lines printed at the top of a page, or just above its page number, on two pages or more."""
    key = (id(doc), len(doc.text), len(doc.blocks), doc.text[:64])
    if _RUNNING_CACHE[0] == key:
        return _RUNNING_CACHE[1]
    seen: dict[str, set] = {}
    blocks = [b for b in doc.blocks if b.part == "page"]
    text = doc.text
    for i, b in enumerate(blocks):
        page = b.location.get("page")
        first = b.location.get("line") == 1
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        footer = (nxt is not None and nxt.location.get("page") == page
                  and _PAGE_NUMBER.fullmatch(text, nxt.start, nxt.end) is not None
                  and (i + 2 >= len(blocks) or blocks[i + 2].location.get("page") != page))
        if first or footer:
            line = _norm_line(text[b.start:b.end])
            if line and len(line) <= 60:
                seen.setdefault(line, set()).add(page)
    lines = frozenset(t for t, pages in seen.items() if len(pages) >= 2)
    _RUNNING_CACHE[0], _RUNNING_CACHE[1] = key, lines
    return lines


def describe(doc, start: int, end: int, top_end: int) -> dict:
    """The position facts, for a finding's explanation."""
    text = doc.text
    return {
        "top_zone": start < top_end,
        "line_start": at_line_start(text, start),
        "standalone_line": standalone(text, start, end),
        "part": part_at(doc, start),
    }


# The title of a document: 关于…的通知 / …会议纪要 / …的请示, short, no sentence punctuation.
_TITLE = re.compile(
    r"^[\s\u3000]*(?P<t>[^\s。；;，,！？!?：:][^。；;！？!?\n]{2,80}?"
    r"(?:通知|请示|报告|汇报|批复|意见|决定|函|纪要|公告|通告|通报|方案|办法|规定|细则|记录|"
    r"(?:征求意见稿|讨论稿|送审稿|草案|初稿|修改稿|代拟稿)[）)】\]]?))[\s\u3000]*$"
)


# A PDF line where the title ran into the 主送机关: "××局关于…的通知各科室："
_TITLE_RUN_ON = re.compile(
    r"^[\s\u3000]*(?P<t>[^\s。；;，,！？!?：:][^。；;！？!?\n：:]{0,40}关于[^。；;！？!?\n：:]{1,60}?"
    r"(?:通知|请示|报告|批复|意见|决定|函|纪要|通报|方案))[^。；;！？!?\n]{1,30}[：:][\s\u3000]*$"
)


# A text without line breaks (OCR, HTML-stripped): 版头 + 文号 + title + 主送机关 run together.
_TITLE_IN_RUN = re.compile(
    r"(?P<t>关于[^。；;！？!?\n：:]{1,150}(?:通知|请示|报告|批复|意见|决定|函|纪要|通报|方案))"
    r"(?=[^。；;！？!?\n：:]{1,80}[：:])"
)
_NOT_TITLE = re.compile(r"根据|按照|现将|为了|为进一步|要求|如下|精神")


def title_span(doc, max_lines: int = 12) -> tuple[int, int] | None:
    """``[start, end)`` of the document's title.

    The structure pass's ``title`` span when there is one; else the first of the first
    ``max_lines`` non-empty lines that reads like a title (…关于…, or ends with a 文种).
    """
    spans = getattr(doc.structure, "spans", None) or {}
    if spans.get("title"):
        s, e = spans["title"][:2]
        return s, e
    text = doc.text
    p, seen, n = 0, 0, len(text)
    while p < n and seen < max_lines:
        nl = text.find("\n", p)
        end = n if nl < 0 else nl
        line = text[p:end]
        if line.strip():
            seen += 1
            m = _TITLE.match(line) or _TITLE_RUN_ON.match(line)
            if m and len(line.strip()) <= 120 and ("关于" in line or seen <= 4):
                return p + m.start("t"), p + m.end("t")
        if nl < 0:
            break
        p = nl + 1
    first_nl = text.find("\n")
    if first_nl < 0 or first_nl > 200:  # run-on text: look for the title in its head
        m = _TITLE_IN_RUN.search(text, 0, min(len(text), 400))
        if m and not _NOT_TITLE.search(m.group("t")):
            return m.start("t"), m.end("t")
    return None
