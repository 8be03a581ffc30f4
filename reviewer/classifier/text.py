"""Text seen by the disclosure model: the issuer's own label removed, noise normalised.

The 附注 of a document often states its disclosure attribute (（此件主动公开）,
"政府信息公开属性：不予公开" …).  A model trained on text that still carries that line
learns to read the label instead of the content, so :func:`strip_disclosure_labels`
removes it — from the training text and from the text we classify alike.
"""

from __future__ import annotations

import re

# Values a label can state, longest first so "依申请公开" wins over "公开".
_VALUES = r"(?:依申请公开|主动公开|不予公开|免予公开|公开发布|不公开|予以公开|公开)"
_BOX = r"(?:[□☑☒■√✓✔]\s*)?"

# （此件主动公开） (此件公开发布) （此件不予公开） （此件依申请公开） — half or full width.
_PAREN_LABEL = re.compile(
    r"[（(]\s*此\s*件\s*(?:[^（）()\n]{0,12}?)" + r"(?:依申请公开|主动公开|不予公开|免予公开|公开发布|不公开|公开)"
    r"[^（）()\n]{0,16}[）)]"
)
# 政府信息公开属性：不予公开 / 信息公开属性:不公开 / 公开方式：主动公开 / 政府信息公开选项:依申请公开 …
_FIELD_LABEL = re.compile(
    r"(?:政府)?(?:信息)?公开(?:属性|方式|选项|类型|形式|类别)\s*[:：]?\s*" + _BOX + _VALUES
    + r"(?:\s*[/、，,或]?\s*" + _BOX + _VALUES + r")*"
    + r"(?:\s*[，,。；;]?\s*(?:不予公开|依申请公开|不公开)?\s*(?:理由|依据|原因)\s*[:：]\s*[^。\n；;]{0,30}[。；;]?)?"
)
# 此件为……，作为主动/免予/依申请公开信息
_AS_INFO_LABEL = re.compile(r"此件为[^，,。\n]{0,30}[，,]\s*作为(?:主动|免予|依申请|不予)公开(?:的)?信息[。]?")

_PATTERNS = (_PAREN_LABEL, _FIELD_LABEL, _AS_INFO_LABEL)

_DECLARED = (
    ("依申请", "on_request"),
    ("不予", "not_public"),
    ("免予", "not_public"),
    ("不公开", "not_public"),
    ("主动", "proactive"),
    ("公开发布", "proactive"),
)


def disclosure_label_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every disclosure-attribute label in ``text``, merged, in order."""
    spans = sorted((m.start(), m.end()) for p in _PATTERNS for m in p.finditer(text))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def strip_disclosure_labels(text: str) -> str:
    """``text`` without its disclosure-attribute labels; a line left empty is dropped."""
    spans = disclosure_label_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    out = "".join(parts)
    # drop lines that held only the label
    return re.sub(r"\n[ \t\u3000]*(?=\n)", "", out)


def declared_attribute_in(text: str) -> str | None:
    """The attribute the document's own label declares (the last label wins), or None."""
    spans = disclosure_label_spans(text)
    for s, e in reversed(spans):
        label = text[s:e]
        # a field line with several boxes ("□主动公开 ☑依申请公开") — take the ticked value
        ticked = re.search(r"[☑☒■√✓✔]\s*" + _VALUES, label)
        if ticked:
            label = ticked.group(0)
        else:  # otherwise the first value after the field name ("属性：不予公开 依申请公开或不予公开")
            label = re.sub(r"^.*?公开(?:属性|方式|选项|类型|形式|类别)", "", label)
            first = re.search(_VALUES, label)
            label = first.group(0) if first else label
        for word, attr in _DECLARED:
            if word in label:
                return attr
    return None


def normalize_declared(value: str | None) -> str | None:
    """Map a declared attribute as the structure reports it (Chinese or key) to our key."""
    if not value:
        return None
    value = str(value).strip()
    if value in ("proactive", "on_request", "not_public"):
        return value
    for word, attr in _DECLARED:
        if word in value:
            return attr
    return None


# Province-level names say where a document was published, not what it is: the real proactive
# documents are mostly from Hebei and the real process letters from Shandong.
_PROVINCES = re.compile(
    "(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
    "|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)"
    "(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
)
_ABBREV = re.compile(r"(?<![\u4e00-\u9fa5])[冀鲁豫晋苏浙皖闽赣鄂湘粤琼川黔滇陕甘青辽吉黑蒙桂藏宁新京津沪渝](?=[\u4e00-\u9fa5]{0,6}[〔\[（(]\d{4})")
_MARKDOWN = re.compile(r"<!--.*?-->|^#{1,6}\s*|\*\*|`", re.M | re.S)
_MASK = re.compile(r"[XＸ×*＊]{2,}")
_DIGIT = re.compile(r"[0-9０-９]")
_SPACE = re.compile(r"[\s\u3000\xa0]+")

HEAD_CHARS = 4000
TAIL_CHARS = 1500


def model_text(text: str) -> str:
    """What the model sees: labels stripped; markup, masks, digits and spacing normalised.

    Whitespace is removed (HTML-stripped, OCR'd and typeset sources then look alike),
    digits become 0 and province names 某省 (dates, numbers and places say where a document
    came from, not what it is),
    masks such as XXX become 某, and long texts keep their head and tail.
    """
    t = strip_disclosure_labels(text)
    t = _MARKDOWN.sub("", t)
    t = _PROVINCES.sub("某省", t)
    t = _ABBREV.sub("某", t)
    t = _MASK.sub("某", t)
    t = _DIGIT.sub("0", t)
    t = _SPACE.sub("", t)
    if len(t) > HEAD_CHARS + TAIL_CHARS:
        t = t[:HEAD_CHARS] + t[-TAIL_CHARS:]
    return t
