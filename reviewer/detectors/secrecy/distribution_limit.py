"""secrecy.distribution_limit.v1 — 印发传达范围 limits: 此件发至县团级, 此件只发…

A 附注 that limits distribution ("此件发至县团级", "此件只发至各市、县人民政府",
"本文件仅限…传达") says the issuer did not mean the text for the public.  It is not a
secret mark, so the action is ``review``: the reviewer checks why the range was
limited before publishing (条例 第十四条 if it protects a secret, 第十六条 if it is an
internal matter).
"""

from __future__ import annotations

import re

from reviewer.detectors import position as pos
from reviewer.detectors.rule import OGI, RuleDetector

SUBJECT = r"(?:此件|本件|此文|本文件?|此文件|本通知|本纪要|本材料)"
VERB = r"(?:只|仅|仅限)?(?:发|印发|下发|分发|传达|发送|分送|阅)(?:至|到|给)?"
# Cadre ranks: "传达至县处级" limits a range on its own; an administrative level (县级, 市级) only
# after 此件/本文件 ("分发至市级社会保险经办机构" is a delivery, not a limit).
CADRE_RANKS = r"(?:县团级|县处级|地师级|地厅级|省军级|省部级|乡科级|军级|师级|团级)"
RANKS = (r"(?:县团级|县处级|地师级|地厅级|省军级|省部级|乡科级|乡镇级|军级|师级|团级|县级|市级|省级|地市级|厅局级|处级|科级|"
         r"县（市、区）级|县\(市、区\)级)")
LIMIT = re.compile(
    rf"{SUBJECT}{VERB}[^。；;\n）)]{{0,30}}?(?:{RANKS}(?:以上|以下)?(?:领导干部|干部|党员干部|单位|人员|领导)?|为止|"
    rf"[^。；;\n）)]{{0,6}}(?=[）)。；;\n]|$))"
    rf"|(?:发至|传达至|传达到|阅读范围[:：]?){CADRE_RANKS}(?:以上)?(?:领导干部|干部|单位)?"
)


# A rule about limits ("标注此件发至县级的文件不得公开"), not this text's own limit.
RULE = re.compile(r"应当|不得|第[一二三四五六七八九十百零]+条|的文件|的公文|的信息|标注|注明|字样")


class DistributionLimitDetector(RuleDetector):
    ID = "secrecy.distribution_limit.v1"
    CATEGORY = "secrecy"
    TYPE = "distribution_limit"
    ACTION = "review"
    BASIS = f"{OGI}第十四条；{OGI}第十六条"
    LABEL = "印发传达范围限制（此件发至县团级等）"

    def analyze(self, doc) -> list:
        text = doc.text
        top_end = pos.top_zone_end(doc)
        out = []
        for m in LIMIT.finditer(text):
            s, e = m.start(), m.end()
            if pos.quoted(text, s, e):
                continue
            # "此件发至…" must limit the range (a rank, 只/仅) or be a bracketed 附注
            # "（此件发至各法人银行）"; "此件发至你处，请查收" is not a limit.
            bracketed = text[max(s - 1, 0):s] in ("（", "(")
            if not (bracketed or re.search(RANKS + r"|只|仅|范围", m.group(0))):
                continue
            if not bracketed:  # in body text: this text's own limit, not a rule quoting one
                ss, se = pos.sentence_bounds(text, s, e, limit=60)
                if RULE.search(text, ss, se) or (pos.law_text(text) and not pos.standalone(text, s, e)):
                    continue
            out.append(self.make_finding(
                doc, s, e, score=0.85, pattern="distribution_limit",
                reason=f"附注限定了印发传达范围（“{m.group(0)}”），发布前须核实限定理由。",
                **pos.describe(doc, s, e, top_end),
            ))
        return out
