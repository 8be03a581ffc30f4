"""commercial.trade_secret_label.v1 — an enterprise's own "商业秘密" label.

"本报价文件涉及商业秘密，请勿外传", "（商业秘密）" on a line of its own, "我公司认为第三部分属于
商业秘密，申请不予公开".  The law's own sentences ("不得公开涉及商业秘密的政府信息",
"经营者不得实施侵犯商业秘密的行为") do not fire.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import BASIS_TRADE_SECRET, SELF_ENTERPRISE, named_enterprise
from reviewer.detectors import position as pos
from reviewer.detectors.rule import RuleDetector

LABEL_RE = re.compile(r"商业秘密|商业机密|企业秘密")
SELF_DOC = re.compile(r"(?:(?<![\u4e00-\u9fa5])|(?<=[的将把对在]))(?:本|此|该)(?:文件|材料|资料|报价|方案|内容|部分|页|附件|信息|标书|投标文件|数据|合同)")
IMPERATIVE_AFTER = re.compile(r"^[，,、\s]*(?:请勿|严禁|切勿|禁止|不得)(?:外传|公开|泄露|披露|复制|转发|外泄)")
ASSERT_BEFORE = re.compile(r"(?:涉及|含有|属于|属|为|系|是|包含)[^。；\n]{0,6}$")


class TradeSecretLabelDetector(RuleDetector):
    ID = "commercial.trade_secret_label.v1"
    CATEGORY = "commercial"
    TYPE = "trade_secret_label"
    ACTION = "review"
    BASIS = BASIS_TRADE_SECRET
    LABEL = "企业自行标注的商业秘密"
    ORDER = 60

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        for m in LABEL_RE.finditer(text):
            s, e = m.start(), m.end()
            if pos.quoted(text, s, e):
                continue
            ss, se = pos.sentence_bounds(text, s, e, limit=60)
            before = text[ss:s]
            why = None
            if pos.standalone(text, s, e, extra="本页内容含"):
                why = "label_line", "单独成行标注"
            elif IMPERATIVE_AFTER.match(text[e:e + 10]) and (SELF_DOC.search(before) or SELF_ENTERPRISE.search(before)
                                                            or pos.at_line_start(text, ss) and len(before) < 12):
                why = "label_imperative", "标注并要求不得外传"
            elif ASSERT_BEFORE.search(before) and (SELF_DOC.search(before) or SELF_ENTERPRISE.search(before)):
                why = "label_assertion", "声明本材料属商业秘密"
            if why is None:
                continue
            who = named_enterprise(text[ss:se])
            out.append(self.make_finding(
                doc, s, e, score=0.85, pattern=why[0], context_word=who,
                reason=f"{why[1]}（“{m.group(0)}”），公开前须征求第三方意见（第三十二条）。", enterprise=who))
        return out
