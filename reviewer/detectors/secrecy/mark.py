"""secrecy.mark.v1 — 国家秘密标志 (密级★保密期限) placed as a mark, not mentioned.

Form (1990 标志规定 第三、四条; 实施条例 第二十一条): 密级 + ★ + 保密期限, e.g. ``机密★5年``,
``秘密★6个月``, ``绝密★长期``, ``机密★会议开始前``; GB/T 9704 prints it flush left on line
2 of the first page, above the title.  A paragraph may carry its own mark at its start.

A marker is recognised by its form *and* its place:

* with a star (★ ☆ ＊ * ※, spaced forms like ``秘 密★``): a marker unless it is quoted or
  introduced as an example ("标注“秘密★”", "如：机密★5年"); score 0.95 at a line start,
  in the 版头 or a DOCX header, 0.75 elsewhere;
* without a star: only on a line of its own in the 版头 or a header part, as a
  ``密级：机密`` field, or as a paragraph-level mark ``（秘密）`` opening a paragraph.

"秘密级国家秘密", "涉及国家秘密的，依照有关规定执行" and "不得公开涉及国家秘密…的政府信息"
are mentions and never fire.  Action ``block`` (条例 第十四条: 依法确定为国家秘密的政府信息不予公开).
"""

from __future__ import annotations

import re

from reviewer.detectors import position as pos
from reviewer.detectors.rule import OGI, SECRETS_LAW, RuleDetector

_SP = r"[ \t\u3000]*"
LEVEL = rf"(?P<level>绝{_SP}密|机{_SP}密|秘{_SP}密)"
STAR = r"[★☆＊*※✩✭⭐]"
PERIOD = (
    r"(?P<period>"
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:前|止|以前)?"       # 解密时间
    r"|\d{1,3}\s*(?:个月|年)"                                              # 5年 / 6个月
    r"|[一二三四五六七八九十两]{1,3}(?:个月|年)"
    r"|长期"
    r"|[^\s，。；;,、★☆（）()]{1,20}?(?:前|后|止|为止|之日|以前|之时)"      # 解密条件
    r")"
)
STAR_MARK = re.compile(rf"{LEVEL}{_SP}{STAR}{_SP}{PERIOD}?")
LEVEL_ANY = re.compile(LEVEL)
BARE_LEVEL = re.compile(rf"{LEVEL}(?:{_SP}(?P<period>\d{{1,3}}{_SP}(?:个月|年)|长期))?")
FIELD = re.compile(rf"密{_SP}级{_SP}[:：]{_SP}{LEVEL}(?:{_SP}{STAR}?{_SP}{PERIOD})?")
# A form's 密级 cell and the level in the next cell (发文稿纸: "密级 | 秘密", read as "密级\n秘密" or "密级 秘密");
# not "确定密级 秘密级…" / "密级、秘密事项" in prose.
FIELD_CELL = re.compile(rf"(?:^|(?<=[\n\t|｜ \u3000]))密{_SP}级(?:[ \t\u3000|｜]+|[ \t\u3000]*\n[ \t\u3000]*){LEVEL}"
                        rf"(?:{_SP}{STAR}?{_SP}{PERIOD})?(?=[ \t\u3000|｜]*(?:\n|$))"
                        # a column of levels (a 密级 column of a catalogue) is not one document's mark
                        rf"(?![ \t\u3000|｜]*\n[ \t\u3000]*(?:绝|机|秘)[ \t\u3000]*密)")
PARA_MARK = re.compile(rf"[（(]{LEVEL}(?:{_SP}{STAR}{_SP}{PERIOD}?)?[）)]")

# Words that introduce the mark as an example or a rule, not as this document's mark.
MENTION_BEFORE = re.compile(r"(标注|标明|标有|标志为|标识为|加盖|如|例如|格式为|写明|注明|印制)[：:“\"‘]?\s*$")
MENTION_AFTER = re.compile(r"^[”’\"」』]?\s*(等?字样|等?标志|等?标识|的标注)")
PROPERTY_FIELDS = {"密级", "秘密等级", "保密等级", "secrecy", "classification", "security classification"}
DEFAULT_YEARS = {"绝密": 30, "机密": 20, "秘密": 10}


_SPACED = re.compile(r"[ \t\u3000]")


def _norm(level: str) -> str:
    return re.sub(r"[ \t\u3000]", "", level)


class SecrecyMarkDetector(RuleDetector):
    ID = "secrecy.mark.v1"
    CATEGORY = "secrecy"
    TYPE = "secrecy_mark"
    ACTION = "block"
    BASIS = f"{OGI}第十四条；{SECRETS_LAW}第二十二条"
    LABEL = "国家秘密标志（密级★保密期限），位于版头、页眉或段首"

    def analyze(self, doc) -> list:
        text = doc.text
        top_end = pos.top_zone_end(doc)
        out = []
        covered = bytearray(len(text))  # characters already inside a reported mark

        def free(s: int, e: int) -> bool:
            return not any(covered[s:e])

        def add(m, score: float, pattern: str, why: str) -> None:
            s, e = m.start(), m.end()
            if not free(s, e):
                return
            level = _norm(m.group("level"))
            period = m.groupdict().get("period")
            facts = pos.describe(doc, s, e, top_end)
            out.append(self.make_finding(
                doc, s, e, score=score, pattern=pattern,
                reason=f"国家秘密标志“{_norm(m.group(0))}”{why}；依法确定为国家秘密的政府信息不予公开。",
                level=level,
                period=(period or "").strip() or None,
                assumed_period_years=None if period else DEFAULT_YEARS[level],
                normalized=level + "★" + re.sub(r"\s", "", period or ""),
                **facts,
            ))
            covered[s:e] = b"\x01" * (e - s)

        for m in FIELD.finditer(text):
            if not pos.quoted(text, m.start(), m.end()):
                add(m, 0.95, "secrecy_field", "以“密级：”字段标注")

        for m in FIELD_CELL.finditer(text):
            if not pos.quoted(text, m.start(), m.end()):
                add(m, 0.9, "secrecy_field", "以表格“密级”栏标注")

        for m in STAR_MARK.finditer(text):
            s, e = m.start(), m.end()
            if pos.quoted(text, s, e):
                continue
            ls = text.rfind("\n", max(s - 8, 0), s) + 1
            if MENTION_BEFORE.search(text[max(ls, s - 8):s]) or MENTION_AFTER.match(text[e:e + 6]):
                continue
            placed = (s < top_end or pos.at_line_start(text, s) or pos.in_header_part(doc, s)
                      or pos.in_running_header(doc, s))
            add(m, 0.95 if placed else 0.75, "secrecy_star_mark",
                "位于版头/段首" if placed else "带★的密级标志出现在正文中")

        for m in PARA_MARK.finditer(text):
            s, e = m.start(), m.end()
            if pos.at_line_start(text, s):  # （秘密） opening a paragraph
                add(m, 0.9, "secrecy_paragraph_mark", "位于段首（段落密级标志）")

        for m in BARE_LEVEL.finditer(text):
            s, e = m.start(), m.end()
            if not pos.standalone(text, s, e):
                continue
            if s < top_end or pos.in_header_part(doc, s) or pos.in_running_header(doc, s):
                add(m, 0.9, "secrecy_bare_level", "单独成行位于版头/页眉")
            elif _SPACED.search(m.group("level")) or m.group("period"):
                # "秘　密" / "机密 1年" alone on a line below page 1 (an attachment's first page): a word of
                # prose is never letter-spaced or followed by a period
                add(m, 0.85, "secrecy_bare_level", "单独成行（字间空格或带保密期限）")

        # A DOCX property named 密级 (custom.xml) whose value is a level.
        for b in doc.blocks:
            if b.part == "properties" and str(b.location.get("field", "")).strip().lower() in PROPERTY_FIELDS:
                m = LEVEL_ANY.search(text, b.start, b.end)
                if m:
                    add(m, 0.9, "secrecy_property", f"为文档属性“{b.location.get('field')}”的值")

        # The structure pass's 密级 line (GB/T 9704 版头) is a mark even in a form not listed here.
        span = (getattr(doc.structure, "spans", None) or {}).get("secrecy_line")
        if span and free(span[0], span[1]):
            m = LEVEL_ANY.search(text, span[0], span[1])
            if m:
                add(m, 0.9, "structure_secrecy_line", "为版头密级行（GB/T 9704）")
        return out
