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
RANKS = r"(?:县团级|县处级|地师级|地厅级|省军级|省部级|乡科级|军级|师级|团级)"
LIMIT = re.compile(
    rf"{SUBJECT}{VERB}[^。；;\n）)]{{1,30}}?(?:{RANKS}|为止|[^。；;\n）)]{{0,6}}(?=[）)。；;\n]|$))"
    rf"|(?:发至|传达至|传达到|阅读范围[:：]?){RANKS}(?:以上)?(?:领导干部|干部|单位)?"
)


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
            out.append(self.make_finding(
                doc, s, e, score=0.85, pattern="distribution_limit",
                reason=f"附注限定了印发传达范围（“{m.group(0)}”），发布前须核实限定理由。",
                **pos.describe(doc, s, e, top_end),
            ))
        return out
