"""The head of a GB/T 9704 document: 版头, 标题 and 主送机关.

Only the first ``HEAD_CHARS`` characters are read.  The 版头 is the run of leading
non-empty lines (at most ``HEADER_LINES``) that are a 份号, a 密级 line, a 紧急程度 or the
发文机关标志; a 密级 line counts only there, before the title, and only when the mark is
the whole line (an optional 份号 or 紧急程度 may share it): a sentence that mentions
国家秘密 is never a secrecy line.  The 发文字号 and 签发人 follow (a 文号 cited in a title
line is not the document's own), then the 标题 and the 主送机关, whose line ends with a
colon.  When the paragraph breaks were lost (a few very long lines), ``_runon_header``
reads everything before the 主送机关's colon instead.
"""

from __future__ import annotations

import re

from reviewer.gbt9704.base import CN, KINDS_ALT, ORG_LINE_RE, Builder, compact, doc_kind_of, split_lines
from reviewer.gbt9704.dates import DATE_LINE_RE

HEAD_CHARS = 4000
HEADER_LINES = 8

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

# -- 标题, 主送机关 ----------------------------------------------------------------------
_TITLE_EXTRA = "答复|办法|规定|方案|细则|规则|规划|计划|纲要|条例|章程|要点|公示|名单|说明|总结|指南|清单"
TITLE_END_RE = re.compile(rf"(?:{KINDS_ALT}|{_TITLE_EXTRA})(?:[（(][{CN}\d]{{1,8}}[）)])?$")
RUNON_TITLE_RE = re.compile(rf"[{CN}]{{0,40}}关于[^。；;：:\n]{{2,150}}?的(?:{KINDS_ALT})")
_LABELS = ("签发人", "发文字号", "文号", "索引号", "主题分类", "发文机关", "成文日期", "标题", "发布日期",
           "主题词", "附件", "联系人", "联系电话", "抄送", "电话", "地址", "邮编", "份号", "密级", "紧急程度")
_LABEL_RE = re.compile(r"^(?:%s)[:：]" % "|".join(_LABELS))


def normalize_doc_number(prefix: str, year: str, serial: str) -> str:
    """资府办函 + 2017 + 071 → 资府办函〔2017〕71号 (GB/T 9704 §7.2.4)."""
    return f"{prefix}〔{year}〕{int(serial)}号"


def _is_label(line: str) -> bool:
    return len(line) < 40 and _LABEL_RE.match(compact(line)) is not None


def read_header(text: str, b: Builder) -> int:
    """版头 and 标题/主送机关 from the head; returns the offset where the body starts."""
    head = text[:HEAD_CHARS]
    lines = split_lines(head, 0)
    title_idx = None
    header_end = 0  # index of the first line after the 版头
    for i, (st, en, line) in enumerate(lines[:HEADER_LINES]):
        c = compact(line)
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
        cited = dm is not None and ("关于" in line[:dm.start()] or TITLE_END_RE.search(compact(line)) is not None)
        if dm and not cited and b.s.doc_number is None and (dm.start() < 4 or sm or len(line) <= 40):
            _set_doc_number(b, dm, st, line)
            if b.s.issuer_mark is None and i > 0 and i - 1 >= header_end - 1:
                pst, pen, prev = lines[i - 1]
                if ORG_LINE_RE.match(compact(prev)) and not DOC_NUMBER_RE.search(prev):
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


def _set_secrecy_parts(b: Builder, m: re.Match, line: str, base: int) -> None:
    level = re.sub(r"\s", "", m.group(1))
    ls, le = _raw_span(line, level)
    b.set("secrecy_level", level, base + ls, base + le)
    period = m.group(2) or m.group(3)
    if period:
        ps, pe = _raw_span(line, re.sub(r"\s", "", period), le)
        b.set("secrecy_period", re.sub(r"\s", "", period), base + ps, base + pe)


def _set_doc_number(b: Builder, m: re.Match, base: int, line: str) -> None:
    prefix = m.group(1)
    cut = max(prefix.rfind("文件"), prefix.rfind("号"))
    if cut >= 0:
        prefix = prefix[cut + (2 if prefix[cut] == "文" else 1):]
    km = None
    for km in re.finditer(f"的(?:{KINDS_ALT})", prefix):
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


def _title_and_addressee(lines: list, first: int, b: Builder) -> int:
    body_start = lines[first][0] if first < len(lines) else 0
    i = first
    while i < len(lines) and i < first + 16:
        st, en, line = lines[i]
        c = compact(line)
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
        while not TITLE_END_RE.search(compact(parts[-1][2])) and j + 1 < len(lines) and len(parts) < 4:
            nxt = lines[j + 1]
            if (nxt[2].endswith(("：", ":")) or "。" in nxt[2] or DOC_NUMBER_RE.fullmatch(compact(nxt[2]))
                    or _is_label(nxt[2])):
                break
            parts.append(nxt)
            j += 1
        k = next((n for n, p in enumerate(parts) if "关于" in p[2]), 0)
        if k:  # keep the agency name just above 关于…, drop other lines (内部资料, a stray mark)
            j = k
            while j > 0 and ORG_LINE_RE.match(compact(parts[j - 1][2])):
                j -= 1  # 联合发文: several agency names above 关于
            parts = parts[j:]
        joined = "".join(compact(p[2]) for p in parts)
        if TITLE_END_RE.search(joined) or "关于" in joined:
            b.set("title", joined, parts[0][0], parts[-1][1])
            b.set("doc_kind", doc_kind_of(joined))
            i = j + 1
            body_start = parts[-1][1]
            break
        i += 1
    while b.s.title is not None and i < len(lines) and DOC_NUMBER_RE.fullmatch(compact(lines[i][2])):
        i += 1
    if b.s.title is not None and i < len(lines):
        st, en, line = lines[i]
        if line.endswith(("：", ":")) and not _is_label(line) and len(line) <= 200:
            b.set("addressee", line[:-1].strip(), st, en - 1)
            body_start = en
    return body_start


def _runon_header(head: str, b: Builder) -> int:
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
        more = re.compile(rf"[^。；;：:]{{0,40}}?的(?:{KINDS_ALT})").match(head, close + 1, limit) if close > 0 else None
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
