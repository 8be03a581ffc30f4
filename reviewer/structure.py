"""GB/T 9704-2012 structure of a document's text.

``extract_structure(text)`` finds the elements of a 党政机关公文 that matter for the
review: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人 (the 版头, read from
the head of the text), 标题 and 主送机关, 成文日期 and 附注 with the declared 公开属性,
抄送 and 印发机关和印发日期 (the 版记, read from the tail).  Every value found has its
``[start, end)`` in ``Structure.spans``.

The text is all we have: paragraph breaks may be lost (HTML-stripped or OCR text runs
everything together), so each element has a line rule and, where it can be done safely,
a run-on rule.  Only the head (``HEAD_CHARS``) and the tail (``TAIL_CHARS``) are read,
except for the declared attribute, which is searched in the whole text with one
literal-anchored pattern because documents with attachments carry the 附注 in the middle.

Rules that keep false positives out:
* a 密级 line counts only in the header zone (the first ``HEADER_LINES`` non-empty
  lines, before the title) and only when the mark is the whole line (an optional 份号 or
  紧急程度 may share it): a sentence that mentions 国家秘密 is never a secrecy line;
* a declared attribute is a bracketed 附注 (（此件主动公开）…), a labelled field
  (公开属性：不予公开) or the Panyu form (此件…作为主动公开信息); quoted mentions such as
  应标注“此件公开发布” are not declarations.

The module is longer than our usual ~400 lines on purpose: the elements share their
patterns and zone logic (what ends the 版头 decides where the title starts, the 附注
anchors the 成文日期), and split files would each need all of it.
"""

from __future__ import annotations

import re

from reviewer.document import Structure

HEAD_CHARS = 4000
TAIL_CHARS = 6000
HEADER_LINES = 8

CN = "\u4e00-\u9fa5"
DOC_KINDS = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报",
             "报告", "请示", "批复", "议案", "纪要", "函", "令")
_KINDS_ALT = "|".join(DOC_KINDS)

# -- 密级和保密期限 --------------------------------------------------------------------
_STAR = r"[★☆＊*✶✱]"
_LEVEL = r"(绝\s*密|机\s*密|秘\s*密)"
_PERIOD = r"(\d+\s*(?:年|个月)|长期|[^\s★☆＊*]{1,20}?)"
_URGENCY = r"(特急|加急|特提|平急)"
SECRECY_LINE_RE = re.compile(
    rf"^(?:\d{{6}}\s*)?{_LEVEL}\s*(?:{_STAR}\s*{_PERIOD}?|[（(]\s*{_PERIOD}\s*[）)])?(?:\s*{_URGENCY})?$")
COPY_RE = re.compile(r"^(?:份\s*号\s*[:：]?\s*)?(\d{6})(?!\d)")
URGENCY_LINE_RE = re.compile(rf"^(?:紧急程度\s*[:：]\s*)?{_URGENCY}$")
URGENCY_FIELD_RE = re.compile(rf"(?:紧急程度\s*[:：]\s*|等级\s*){_URGENCY}")

# -- 发文字号 ---------------------------------------------------------------------------
DOC_NUMBER_RE = re.compile(
    rf"([{CN}]{{1,15}})\s*([〔\[［【(（])\s*((?:19|20)\d{{2}})\s*[〕\]］】)）]\s*(第\s*)?(\d{{1,5}})\s*号")
SIGNER_RE = re.compile(rf"签\s*发\s*人\s*[:：]\s*([{CN}·]{{2,5}}(?:[ \u3000]+[{CN}·]{{2,5}})*)")
ISSUER_MARK_RE = re.compile(rf"^[{CN}（）()、]{{2,50}}(?:文件|[（(](?:函|纪要|通知|便函|命令|令)[）)])$")
_ORG_END = "政府|办公厅|办公室|委员会|委|厅|局|部|院|署|会|处|办|中心|小组|组|社|团|联|行|所|站"
ORG_LINE_RE = re.compile(rf"^[{CN}（）()、]{{2,40}}(?:{_ORG_END})$")

# -- 标题, 主送机关 ----------------------------------------------------------------------
_TITLE_EXTRA = "答复|办法|规定|方案|细则|规则|规划|计划|纲要|条例|章程|要点|公示|名单|说明|总结|指南|清单"
TITLE_END_RE = re.compile(rf"(?:{_KINDS_ALT}|{_TITLE_EXTRA})(?:[（(][{CN}\d]{{1,8}}[）)])?$")
RUNON_TITLE_RE = re.compile(rf"[{CN}]{{0,40}}关于[^。；;：:\n]{{2,150}}?的(?:{_KINDS_ALT})")
_LABELS = ("签发人", "发文字号", "文号", "索引号", "主题分类", "发文机关", "成文日期", "标题", "发布日期",
           "主题词", "附件", "联系人", "联系电话", "抄送", "电话", "地址", "邮编", "份号", "密级", "紧急程度")

# -- 成文日期 ---------------------------------------------------------------------------
_CN_DIGIT = "〇○零ＯO０一二三四五六七八九"
DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CN_DATE_RE = re.compile(rf"([{_CN_DIGIT}]{{4}})\s*年\s*([十{_CN_DIGIT}]{{1,2}})\s*月\s*([十廿{_CN_DIGIT}]{{1,3}})\s*日")
ANY_DATE = rf"(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{_CN_DIGIT}]{{4}}年[十{_CN_DIGIT}]{{1,2}}月[十廿{_CN_DIGIT}]{{1,3}}日)"
DATE_LINE_RE = re.compile(rf"^(?:[{CN}（）()、\s]{{0,40}}?)\s*({ANY_DATE})$")
RUNON_SIGN_DATE_RE = re.compile(
    rf"(?:{_ORG_END})[\s\u3000]*({ANY_DATE})(?!\s*(?:印发|发布|颁布|公布|施行|起|前|后|至|以来|的|，|,))")

# -- 附注 / 公开属性 -----------------------------------------------------------------------
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

# -- 版记 ---------------------------------------------------------------------------
CC_RE = re.compile(r"抄\s*送\s*[:：]\s*([^\n]+)")
PRINTED_RE = re.compile(rf"([{CN}（）()]{{2,40}}?)[\s\u3000]*({ANY_DATE})\s*印\s*发")


# ---------------------------------------------------------------------------- helpers
def _cn_int(s: str) -> int | None:
    """二〇二四 → 2024 (digit by digit); 十二 → 12; 二十一 → 21; 廿一 → 21."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"○": 0, "零": 0, "Ｏ": 0, "O": 0, "０": 0})
    s = s.replace("廿", "二十")
    if "十" not in s:
        if not s or any(c not in digits for c in s):
            return None
        return int("".join(str(digits[c]) for c in s))
    head, _, tail = s.partition("十")
    if any(c not in digits for c in head + tail) or len(head) > 1 or len(tail) > 1:
        return None
    return (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)


def to_iso_date(raw: str) -> str | None:
    """'2024年6月4日' or '二〇二四年六月四日' → '2024-06-04'; None for an impossible date."""
    import datetime as dt

    m = DATE_RE.search(raw)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = CN_DATE_RE.search(raw)
        if not m:
            return None
        y, mo, d = _cn_int(m.group(1)), _cn_int(m.group(2)), _cn_int(m.group(3))
        if y is None or mo is None or d is None:
            return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def normalize_doc_number(prefix: str, year: str, serial: str) -> str:
    """资府办函 + 2017 + 071 → 资府办函〔2017〕71号 (GB/T 9704 §7.2.4)."""
    return f"{prefix}〔{year}〕{int(serial)}号"


def _lines(text: str, base: int) -> list[tuple[int, int, str]]:
    """Non-empty lines of ``text`` as (start, end, stripped line) with absolute offsets."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        s = raw.strip(" \t\r\u3000\ufeff")
        if s:
            lead = len(raw) - len(raw.lstrip(" \t\r\u3000\ufeff"))
            out.append((base + pos + lead, base + pos + lead + len(s), s))
        pos += len(raw) + 1
    return out


def _compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def doc_kind_of(title: str | None) -> str | None:
    """The 文种 from the end of a title: …的通知 → 通知, 国务院令 → 令."""
    if not title:
        return None
    t = re.sub(r"[（(][^（）()]{1,10}[）)]$", "", title.rstrip("。 \u3000"))
    for kind in DOC_KINDS:
        if t.endswith(kind):
            return kind
    return None


class _Builder:
    def __init__(self) -> None:
        self.s = Structure()

    def unset(self, *names: str) -> None:
        for name in names:
            setattr(self.s, name, None)
            self.s.spans.pop(name, None)

    def set(self, name: str, value, start: int | None = None, end: int | None = None) -> None:
        if value is None or getattr(self.s, name) is not None:
            return
        setattr(self.s, name, value)
        if start is not None and end is not None:
            self.s.spans[name] = [start, end]


# ---------------------------------------------------------------------------- header
_LABEL_RE = re.compile(r"^(?:%s)[:：]" % "|".join(_LABELS))


def _is_label(line: str) -> bool:
    return len(line) < 40 and _LABEL_RE.match(_compact(line)) is not None


def _header(text: str, b: _Builder) -> int:
    """版头 and 标题/主送机关 from the head; returns the offset where the body starts."""
    head = text[:HEAD_CHARS]
    lines = _lines(head, 0)
    title_idx = None
    header_end = 0  # index of the first line after the 版头
    for i, (st, en, line) in enumerate(lines[:HEADER_LINES]):
        c = _compact(line)
        m = SECRECY_LINE_RE.match(c)
        if m and b.s.title is None:
            b.set("secrecy_line", line, st, en)
            _set_secrecy_parts(b, m, line, st)
            cm = COPY_RE.match(c)
            if cm:
                b.set("copy_number", cm.group(1), st, st + 6)
            if m.group(4):
                b.set("urgency", m.group(4), en - len(m.group(4)), en)
            header_end = i + 1
            continue
        cm = COPY_RE.match(c)
        if cm and i < 3 and len(c) <= 12:
            b.set("copy_number", cm.group(1), st + line.find(cm.group(1)), st + line.find(cm.group(1)) + 6)
            header_end = i + 1
            continue
        um = URGENCY_LINE_RE.match(c)
        if um:
            b.set("urgency", um.group(1), en - len(um.group(1)), en)
            header_end = i + 1
            continue
        if ISSUER_MARK_RE.match(c) and b.s.issuer_mark is None:
            b.set("issuer_mark", line, st, en)
            header_end = i + 1
            continue
        break
    if b.s.urgency is None:  # 紧急程度：特急 / 等级特急·明电 (telegrams) written as a field
        um = URGENCY_FIELD_RE.search(head, 0, 300)
        if um:
            b.set("urgency", um.group(1), um.start(1), um.end(1))
    # 发文字号 and 签发人: on their own lines (or sharing one) before the title
    for i, (st, en, line) in enumerate(lines[header_end:header_end + 14], start=header_end):
        if line.endswith(("：", ":")) and not _is_label(line):
            break  # the 主送机关: the body starts here
        sm = SIGNER_RE.search(line)
        if sm:
            b.set("signer", sm.group(1).strip(), st + sm.start(1), st + sm.start(1) + len(sm.group(1).strip()))
        dm = DOC_NUMBER_RE.search(line)
        cited = dm is not None and ("关于" in line[:dm.start()] or TITLE_END_RE.search(_compact(line)) is not None)
        if dm and not cited and b.s.doc_number is None and (dm.start() < 4 or sm or len(line) <= 40):
            _set_doc_number(b, dm, st, line)
            if b.s.issuer_mark is None and i > 0 and i - 1 >= header_end - 1:
                pst, pen, prev = lines[i - 1]
                if ORG_LINE_RE.match(_compact(prev)) and not DOC_NUMBER_RE.search(prev):
                    b.set("issuer_mark", prev, pst, pen)  # 信函格式: the agency name alone
            title_idx = i + 1
        elif sm:
            title_idx = i + 1
    if len(lines) <= 3 and any(len(ln[2]) > 150 for ln in lines):  # run-on text (paragraph breaks lost)
        return _runon_header(head, b)
    return _title_and_addressee(lines, title_idx if title_idx is not None else header_end, b)


def _raw_span(line: str, compact_value: str, start_at: int = 0) -> tuple[int, int]:
    """Where ``compact_value`` (spaces removed) lies in ``line`` (spaces kept)."""
    i = line.find(compact_value[0], start_at)
    j, k = i, 0
    while k < len(compact_value) and j < len(line):
        if line[j] == compact_value[k]:
            k += 1
        j += 1
    return i, j


def _set_secrecy_parts(b: _Builder, m: re.Match, line: str, base: int) -> None:
    level = re.sub(r"\s", "", m.group(1))
    ls, le = _raw_span(line, level)
    b.set("secrecy_level", level, base + ls, base + le)
    period = m.group(2) or m.group(3)
    if period:
        ps, pe = _raw_span(line, re.sub(r"\s", "", period), le)
        b.set("secrecy_period", re.sub(r"\s", "", period), base + ps, base + pe)


def _set_doc_number(b: _Builder, m: re.Match, base: int, line: str) -> None:
    prefix = m.group(1)
    cut = max(prefix.rfind("文件"), prefix.rfind("号"))
    if cut >= 0:
        prefix = prefix[cut + (2 if prefix[cut] == "文" else 1):]
    km = None
    for km in re.finditer(f"的(?:{_KINDS_ALT})", prefix):
        pass
    if km:  # glued to the title in run-on text: …的通知财教〔2013〕433号
        prefix = prefix[km.end():]
    if len(prefix) >= 10:  # glued to the agency name in run-on text: …委员会办公室鲁环委办便函
        om = None
        for om in re.finditer("(?:政府|办公厅|办公室|委员会|中心|小组|文件)", prefix[:-2]):
            pass
        if om:
            prefix = prefix[om.end():]
    for lbl in ("发文字号", "文号"):
        if prefix.startswith(lbl):
            prefix = prefix[len(lbl):]
    if not prefix or int(m.group(5)) == 0:
        return
    start = m.end(1) - len(prefix)
    raw = line[start:m.end()]
    b.set("doc_number", normalize_doc_number(prefix, m.group(3), m.group(5)), base + start, base + m.end())
    b.set("doc_number_raw", raw, base + start, base + m.end())


def _is_keyword_line(line: str) -> bool:
    """A 主题词 value: short words separated by spaces (经济管理　考察　措施　函)."""
    words = line.split()
    return len(words) >= 2 and all(len(w) <= 8 for w in words)


def _title_and_addressee(lines: list, first: int, b: _Builder) -> int:
    body_start = lines[first][0] if first < len(lines) else 0
    i = first
    while i < len(lines) and i < first + 16:
        st, en, line = lines[i]
        c = _compact(line)
        if _is_label(line) or DOC_NUMBER_RE.fullmatch(c) or DATE_LINE_RE.match(c) or len(c) > 120:
            i += 1
            if c.startswith("主题词") and i < len(lines) and _is_keyword_line(lines[i][2]):
                i += 1
            continue
        if line.endswith(("：", ":")) or "。" in line:
            tm = RUNON_TITLE_RE.match(line)  # title and 主送机关 joined on one line (PDF text)
            if tm and line.endswith(("：", ":")) and "。" not in line and len(line) - tm.end() <= 60:
                b.set("title", tm.group(0), st, st + tm.end())
                b.set("doc_kind", doc_kind_of(tm.group(0)))
                b.set("addressee", line[tm.end():-1].strip(), st + tm.end(), en - 1)
                return en
            break
        parts = [(st, en, line)]
        j = i
        while not TITLE_END_RE.search(_compact(parts[-1][2])) and j + 1 < len(lines) and len(parts) < 4:
            nxt = lines[j + 1]
            if (nxt[2].endswith(("：", ":")) or "。" in nxt[2] or DOC_NUMBER_RE.fullmatch(_compact(nxt[2]))
                    or _is_label(nxt[2])):
                break
            parts.append(nxt)
            j += 1
        k = next((n for n, p in enumerate(parts) if "关于" in p[2]), 0)
        if k:  # keep the agency name just above 关于…, drop other lines (内部资料, a stray mark)
            j = k
            while j > 0 and ORG_LINE_RE.match(_compact(parts[j - 1][2])):
                j -= 1  # 联合发文: several agency names above 关于
            parts = parts[j:]
        joined = "".join(_compact(p[2]) for p in parts)
        if TITLE_END_RE.search(joined) or "关于" in joined:
            b.set("title", joined, parts[0][0], parts[-1][1])
            b.set("doc_kind", doc_kind_of(joined))
            i = j + 1
            body_start = parts[-1][1]
            break
        i += 1
    while b.s.title is not None and i < len(lines) and DOC_NUMBER_RE.fullmatch(_compact(lines[i][2])):
        i += 1
    if b.s.title is not None and i < len(lines):
        st, en, line = lines[i]
        if line.endswith(("：", ":")) and not _is_label(line) and len(line) <= 200:
            b.set("addressee", line[:-1].strip(), st, en - 1)
            body_start = en
    return body_start


def _runon_header(head: str, b: _Builder) -> int:
    """Head of a text whose paragraph breaks were lost: …文件X发〔2020〕11号关于…的通知各…:

    Everything of the 版头 and the title lies before the 主送机关's colon; the title may
    come before or after the 发文字号.
    """
    colon = re.search(r"[:：]", head[:800])
    limit = colon.start() if colon else min(len(head), 400)
    dm = DOC_NUMBER_RE.search(head, 0, limit)
    if dm and b.s.doc_number is None:
        _set_doc_number(b, dm, 0, head)
        ds = b.s.spans.get("doc_number", [dm.start(1)])[0]
        im = re.search(rf"[{CN}（）()]{{2,40}}文件$", head[max(0, ds - 42):ds])
        if im:
            s0 = max(0, ds - 42) + im.start()
            b.set("issuer_mark", im.group(0), s0, s0 + len(im.group(0)))
    after = b.s.spans.get("doc_number", [0, 0])[1]
    tm = RUNON_TITLE_RE.search(head, 0, limit)
    if tm is None:
        return after
    t, end = tm.group(0), tm.end()
    if t.count("《") > t.count("》"):  # …《…的通知》的函: the kind inside 《》 is not the end
        close = head.find("》", end, limit)
        more = re.compile(rf"[^。；;：:]{{0,40}}?的(?:{_KINDS_ALT})").match(head, close + 1, limit) if close > 0 else None
        if more:
            t, end = head[tm.start():more.end()], more.end()
    lead = re.match(r"^(.{2,20}?)\1", t)  # the agency name printed twice (mark + title)
    if lead:
        t = t[len(lead.group(1)):]
    t = t[1:] if t.startswith("号") else t  # a stray 号 from a second number (鲁机发号)
    b.set("title", t, end - len(t), end)
    b.set("doc_kind", doc_kind_of(t))
    dn = b.s.spans.get("doc_number")
    if dn and end - len(t) <= dn[0] < end:  # …关于会签鲁政发〔2017〕36号文件…的函: cited, not ours
        b.unset("doc_number", "doc_number_raw")
        after = 0
    start = max(end, after)
    seg = head[start:limit].strip()
    if colon and 2 <= len(seg) <= 200 and "。" not in seg:
        s0 = head.find(seg, start)
        b.set("addressee", seg, s0, s0 + len(seg))
        return limit + 1
    return start


# ---------------------------------------------------------------------------- attribute
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


def _declared(text: str, b: _Builder) -> None:
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


# ---------------------------------------------------------------------------- footer
def _org_tail(name: str, start: int) -> tuple[str, int]:
    """Run-on text glues the 印发机关 to what precedes it: keep what follows the last
    character that cannot be inside an agency name (…明细表山东省…中心 → 山东省…中心)."""
    cut = max(name.rfind(c) for c in "表书单件稿日号）)")
    if cut >= 0 and len(name) - cut - 1 >= 4:
        return name[cut + 1:], start + cut + 1
    return name, start


def _footer(text: str, body_start: int, b: _Builder) -> None:
    base = max(body_start, len(text) - TAIL_CHARS)
    tail = text[base:]
    lines = _lines(tail, base)
    # 版记: 抄送, 印发 (the last ones win: they close the document)
    last = lines[-60:]  # DOCX/PDF put comments, properties … after the 版记
    for k in range(len(last) - 1, -1, -1):
        st, en, line = last[k]
        pm = PRINTED_RE.search(line) if "印" in line else None
        if pm and b.s.printed_by is None:
            name, s0 = _org_tail(pm.group(1), st + pm.start(1))
            b.set("printed_by", name, s0, st + pm.end(1))
            b.set("printed_date", to_iso_date(pm.group(2)), st + pm.start(2), st + pm.end(2))
        cm = CC_RE.search(line) if "抄" in line else None
        if cm and b.s.cc is None:
            val, end = cm.group(1).strip(), en
            pm2 = PRINTED_RE.search(val)
            if pm2:
                val = val[:pm2.start()].strip()
                end = st + cm.start(1) + len(val)
            elif not val.endswith("。") and k + 1 < len(last) and "印发" not in last[k + 1][2] \
                    and len(last[k + 1][2]) <= 80 and val.endswith(("，", "、", ",")):
                val += last[k + 1][2]  # 抄送 wrapped to a second line
                end = last[k + 1][1]
            val = val.rstrip("。")
            b.set("cc", val, st + cm.start(1), end - (1 if text[end - 1:end] == "。" else 0))
    if b.s.printed_by is None and len(lines) <= 3 and "印" in tail[-400:]:
        pm = None
        for pm in PRINTED_RE.finditer(tail[-400:]):
            pass
        if pm:
            off = base + len(tail) - len(tail[-400:])
            name, s0 = _org_tail(pm.group(1), off + pm.start(1))
            b.set("printed_by", name, s0, off + pm.end(1))
            b.set("printed_date", to_iso_date(pm.group(2)), off + pm.start(2), off + pm.end(2))
    _signing_date(text, tail, base, lines, b)


def _signing_date(text: str, tail: str, base: int, lines: list, b: _Builder) -> None:
    """成文日期: the date just before the 附注, else a date line under the agency name."""
    decl = b.s.spans.get("declared_attribute")
    if decl:
        window_start = max(0, decl[0] - 80)
        found = None
        for m in re.finditer(ANY_DATE, text[window_start:decl[0]]):
            found = m
        if found and len(text[window_start + found.end():decl[0]].strip(" \t\r\n\u3000。")) <= 2:
            s = window_start + found.start()
            b.set("date", to_iso_date(found.group(0)), s, window_start + found.end())
            _annotation(text, window_start + found.end(), b)
            return
    printed = b.s.spans.get("printed_by", [None])[0]
    candidates = []
    for k, (st, en, line) in enumerate(lines):
        if printed is not None and st >= printed - 60:
            break
        if "印发" in line or len(line) > 60:
            continue
        m = DATE_LINE_RE.match(line)
        if m:
            prev_org = k > 0 and ORG_LINE_RE.match(_compact(lines[k - 1][2])) is not None
            own_org = m.start(1) > 0 and re.search(f"(?:{_ORG_END})\\s*$", line[:m.start(1)]) is not None
            candidates.append((prev_org or own_org, st + m.start(1), st + m.end(1), m.group(1), en))
    pick = next((c for c in candidates if c[0]), candidates[-1] if candidates else None)
    if pick is None and len(lines) <= 3:  # run-on text: "…厅2021年1月8日" at the end
        ms = list(RUNON_SIGN_DATE_RE.finditer(tail[-600:]))
        if ms:
            off = base + len(tail) - len(tail[-600:])
            m = ms[-1]
            pick = (True, off + m.start(1), off + m.end(1), m.group(1), off + m.end(1))
    if pick:
        b.set("date", to_iso_date(pick[3]), pick[1], pick[2])
        _annotation(text, pick[4], b)
    elif decl:
        _annotation(text, decl[0], b)


def _annotation(text: str, after: int, b: _Builder) -> None:
    """附注: the bracketed lines right after the 成文日期 (or the attribute itself)."""
    m = re.compile(r"[\s\u3000]*((?:[（(〔][^（()）〔〕\n]{1,200}[）)〕][\s\u3000]*){1,4})").match(text, after)
    if m:
        raw = m.group(1).rstrip()
        b.set("annotation", raw, m.start(1), m.start(1) + len(raw))
    elif b.s.declared_attribute_text:
        st, en = b.s.spans["declared_attribute"]
        b.set("annotation", b.s.declared_attribute_text, st, en)


# ---------------------------------------------------------------------------- entry
def extract_structure(text: str) -> Structure:
    """GB/T 9704 elements of ``text`` (see the module docstring)."""
    b = _Builder()
    if not text:
        return b.s
    body_start = _header(text, b)
    _declared(text, b)
    _footer(text, body_start, b)
    return b.s


__all__ = ["extract_structure", "to_iso_date", "normalize_doc_number", "doc_kind_of", "DOC_KINDS"]
