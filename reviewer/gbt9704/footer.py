"""The tail of a GB/T 9704 document: 版记, 成文日期 and 附注.

Only the last ``TAIL_CHARS`` characters (and nothing before the body) are read.  The
版记's 抄送 and 印发机关和印发日期 are taken from the last lines, where they close the
document.  The 成文日期 is the date just before the declared attribute's 附注, else a date
line under the agency name, else (run-on text) a date right after an agency name at the
end; the 附注 is the bracketed lines right after it.
"""

from __future__ import annotations

import re

from reviewer.gbt9704.base import CN, ORG_END, ORG_LINE_RE, Builder, compact, split_lines
from reviewer.gbt9704.dates import ANY_DATE, DATE_LINE_RE, to_iso_date

TAIL_CHARS = 6000

RUNON_SIGN_DATE_RE = re.compile(
    rf"(?:{ORG_END})[\s\u3000]*({ANY_DATE})(?!\s*(?:印发|发布|颁布|公布|施行|起|前|后|至|以来|的|，|,))")
CC_RE = re.compile(r"抄\s*送\s*[:：]\s*([^\n]+)")
PRINTED_RE = re.compile(rf"([{CN}（）()]{{2,40}}?)[\s\u3000]*({ANY_DATE})\s*印\s*发")


def _org_tail(name: str, start: int) -> tuple[str, int]:
    """Run-on text glues the 印发机关 to what precedes it: keep what follows the last
    character that cannot be inside an agency name (…明细表山东省…中心 → 山东省…中心)."""
    cut = max(name.rfind(c) for c in "表书单件稿日号）)")
    if cut >= 0 and len(name) - cut - 1 >= 4:
        return name[cut + 1:], start + cut + 1
    return name, start


def read_footer(text: str, body_start: int, b: Builder) -> None:
    """版记 and 成文日期/附注 from the tail, never before ``body_start``."""
    base = max(body_start, len(text) - TAIL_CHARS)
    tail = text[base:]
    lines = split_lines(tail, base)
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


def _signing_date(text: str, tail: str, base: int, lines: list, b: Builder) -> None:
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
            prev_org = k > 0 and ORG_LINE_RE.match(compact(lines[k - 1][2])) is not None
            own_org = m.start(1) > 0 and re.search(f"(?:{ORG_END})\\s*$", line[:m.start(1)]) is not None
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


def _annotation(text: str, after: int, b: Builder) -> None:
    """附注: the bracketed lines right after the 成文日期 (or the attribute itself)."""
    m = re.compile(r"[\s\u3000]*((?:[（(〔][^（()）〔〕\n]{1,200}[）)〕][\s\u3000]*){1,4})").match(text, after)
    if m:
        raw = m.group(1).rstrip()
        b.set("annotation", raw, m.start(1), m.start(1) + len(raw))
    elif b.s.declared_attribute_text:
        st, en = b.s.spans["declared_attribute"]
        b.set("annotation", b.s.declared_attribute_text, st, en)
