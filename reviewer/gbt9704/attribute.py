"""The 公开属性 a document declares in its 附注.

A declaration is a bracketed 附注 (（此件主动公开）…), a labelled field (公开属性：不予公开,
with its 理由 if one follows) or the Panyu form (此件…作为主动公开信息); quoted mentions
such as 应标注“此件公开发布” are not declarations.  The whole text is searched, because
documents with attachments carry the 附注 in the middle, but only in small windows around
the literal anchors 此件 and 公开属性/方式/选项/类型, at most ``MAX_ANCHORS`` of each.
"""

from __future__ import annotations

import re

from reviewer.gbt9704.base import Builder

_ATTR_WORDS = {
    "主动公开": "proactive", "公开发布": "proactive", "公开": "proactive",
    "依申请公开": "on_request", "申请公开": "on_request",
    "不予公开": "not_public", "不公开": "not_public", "免予公开": "not_public", "不予以公开": "not_public",
}
_ATTR_ALT = "主动公开|公开发布|依申请公开|不予以公开|不予公开|不公开|免予公开"
NOTE_ATTR_RE = re.compile(
    rf"[（(〔【［\[]\s*此\s*件\s*(?:可\s*)?({_ATTR_ALT})[^（()）〔〕【】［］\[\]\n]{{0,40}}?[）)〕】］\]]")
FIELD_ATTR_RE = re.compile(
    rf"(?:政府)?(?:信息)?公开(?:属性|方式|选项|类型)\s*[:：]\s*({_ATTR_ALT}|依申请|主动)")
PANYU_ATTR_RE = re.compile(rf"此件[^。；;\n（）()]{{0,40}}?作为\s*(主动|依申请|不予|免予)公开(?:的)?(?:政府)?信息")
_QUOTE_BEFORE = re.compile(r"(?:[“\"‘「『]|标注|注明|标明|标识|载明|即|如)\s*$")
_REASON_RE = re.compile(r"(?:不予?公开|依申请公开)?\s*理由\s*[:：]\s*([^。；;\n]{1,40})")

MAX_ANCHORS = 300  # a real document has a handful of 此件; a hostile one must not cost seconds


def _attr_candidates(text: str):
    """(regex, match) pairs near the literal anchors 此件 and 公开属性/方式/选项/类型.

    Literal ``str.find`` first keeps a 1 MB text cheap: the regexes only run in
    small windows around the anchors, and at most ``MAX_ANCHORS`` of each are tried.
    """
    pos, seen = text.find("此件"), 0
    while pos >= 0 and seen < MAX_ANCHORS:
        seen += 1
        m = NOTE_ATTR_RE.search(text, max(0, pos - 3), pos + 60)
        if m and m.start() <= pos:
            yield NOTE_ATTR_RE, m
        m = PANYU_ATTR_RE.match(text, pos, pos + 60)
        if m:
            yield PANYU_ATTR_RE, m
        pos = text.find("此件", pos + 2)
    for key in ("公开属性", "公开方式", "公开选项", "公开类型"):
        pos, seen = text.find(key), 0
        while pos >= 0 and seen < MAX_ANCHORS:
            seen += 1
            m = FIELD_ATTR_RE.search(text, max(0, pos - 4), pos + 30)
            if m:
                yield FIELD_ATTR_RE, m
            pos = text.find(key, pos + 4)


def read_declared_attribute(text: str, b: Builder) -> None:
    """The 公开属性 declared in the 附注: the first declaration that is not a quotation."""
    best: tuple[int, int, str, str] | None = None
    for rx, m in _attr_candidates(text):
        if best is not None and m.start() >= best[0]:
            continue
        if _QUOTE_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            continue
        after = text[m.end():m.end() + 3]
        if rx is not FIELD_ATTR_RE and after.startswith(("”", "\"", "’", "」", "等", "字样")):
            continue
        word = m.group(1)
        attr = _ATTR_WORDS.get(word) or _ATTR_WORDS.get(word + "公开")
        if attr is None:
            continue
        end = m.end()
        if rx is FIELD_ATTR_RE:
            rm = _REASON_RE.match(text, end, end + 80) or _REASON_RE.search(text, end, end + 40)
            if rm:
                end = rm.end()
        best = (m.start(), end, attr, text[m.start():end])
    if best:
        st, en, attr, raw = best
        b.set("declared_attribute", attr, st, en)
        b.set("declared_attribute_text", raw, st, en)
