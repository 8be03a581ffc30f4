"""secrecy.warning_label.v1 — non-secret warning labels: 内部资料, 注意保存, 工作秘密 …

These labels are not 国家秘密标志 (保密法 第二十二条 forbids secret marks on non-secret
items), but local 政府信息公开保密审查 rules bar publishing information that bears
“内部文件（资料）” or “注意保存（保管、保密）” without approval, and 保密法 第六十四条 protects
工作秘密.  Action ``block`` pending approval (domain.md §2).

A label is this document's label when it
* stands on a line of its own (possibly with other labels and brackets):
  ``内部资料  注意保存`` / ``（此件会后收回）``;
* is printed in a DOCX header or footer, or opens a line in the 版头;
* is asserted about this text: ``此件属工作秘密``, ``本材料仅供内部参阅``,
  ``以上信息请勿外传``; or ``请勿外传`` addressed to the reader.

Rules about labels ("标注有“内部文件（资料）”和“注意保存”等警示字样的信息") and normative
mentions ("涉及国家秘密、工作秘密的", "内部资料性出版物", "限于军队内部使用") do not fire.
"""

from __future__ import annotations

import re

from reviewer.detectors import position as pos
from reviewer.detectors.rule import OGI, SECRETS_LAW, RuleDetector

LABELS = (
    "内部资料", "内部文件", "内部材料", "内部刊物", "内部参阅", "内部传阅", "内部使用", "内部发行", "内部事项",
    "内部参考", "内部交流", "内部掌握", "内部阅读",
    "注意保存", "注意保管", "注意保密",
    "不得外传", "严禁外传", "请勿外传", "禁止外传", "不得外泄", "请勿外泄", "不得转发", "请勿转发",
    "工作秘密", "会后收回", "会后退回", "阅后收回", "阅后退回", "用后收回",
    "敏感信息", "敏感材料",
)
# domain.md §2: 敏感 is a warning, not a block.
REVIEW_LABELS = frozenset({"敏感信息", "敏感材料"})
# A label may be letter-spaced in a header ("内 部 资 料", "注　意　保　存").
_LABEL_RE = "|".join("[ \u3000]?".join(lab) for lab in sorted(LABELS, key=len, reverse=True))
LABEL = re.compile(rf"(?:{_LABEL_RE})")
_SPACES = re.compile(r"[ \u3000]")
# 内部资料性出版物 / 内部使用的票证: the word is part of a longer noun phrase.
NOUN_TAIL = re.compile(r"^(性|的|类|等|和|与|及|、)")
SELF_REF = re.compile(
    r"(此件|本件|此文|本文件|此文件|本文|本材料|此材料|本资料|此资料|本通知|本报告|本纪要|本名单|本表|"
    r"本页|本函|该材料|以上(?:内容|材料|信息|数据)?|上述(?:内容|材料|信息|数据)|附件)"
    r"[^。；;\n]{0,16}$"
)
# Labels that may stand in running text when they address the reader.
IMPERATIVE = frozenset({"请勿外传", "请勿外泄", "请勿转发"})
# Words between labels on a label-only line ("此件", "仅供", "属", …).
LINE_FILLER = r"此件本件本文件材料属系为仅供限于请会后"


_SENTENCE_PUNCT = re.compile(r"[。；;，,！？!?：:]")


class WarningLabelDetector(RuleDetector):
    ID = "secrecy.warning_label.v1"
    CATEGORY = "secrecy"
    TYPE = "warning_label"
    ACTION = "block"
    BASIS = f"{OGI}第十四条；{SECRETS_LAW}第六十四条；地方政府信息公开保密审查规定（警示字样）"
    LABEL = "内部资料、注意保存、工作秘密等警示字样（非国家秘密标志）"

    def analyze(self, doc) -> list:
        text = doc.text
        top_end = pos.top_zone_end(doc)
        out = []
        for m in LABEL.finditer(text):
            s, e = m.start(), m.end()
            label = _SPACES.sub("", m.group(0))
            if pos.quoted(text, s, e):
                continue
            if NOUN_TAIL.match(text[e:e + 1]) and not self._label_line(text, s, e):
                continue
            why = self._why(doc, text, s, e, label, top_end)
            if why is None:
                continue
            pattern, score, reason, context = why
            out.append(self.make_finding(
                doc, s, e, score=score, pattern=pattern, context_word=context,
                action="review" if label in REVIEW_LABELS else None,
                reason=f"警示字样“{label}”{reason}；未经批准不得公开（地方保密审查规定）。",
                label=label, **pos.describe(doc, s, e, top_end),
            ))
        return out

    @staticmethod
    def _label_line(text: str, s: int, e: int) -> bool:
        """The line holds only labels, brackets, punctuation and a few filler words."""
        line = pos.line_bounds(text, s, limit=60)
        content = text[line.start:line.end]
        if len(content.strip()) > 40:
            return False
        return LABEL.sub("", content).strip(pos._DECOR + LINE_FILLER) == ""

    def _why(self, doc, text, s, e, label, top_end):
        if self._label_line(text, s, e):
            return "label_line", 0.95, "单独成行", None
        if pos.in_header_part(doc, s):
            return "label_header", 0.95, "位于页眉/页脚", None
        if pos.in_running_header(doc, s) and len(text[pos.line_bounds(text, s).start:e]) <= 40:
            return "label_header", 0.9, "位于页面顶部（页眉）", None
        if s < top_end and pos.at_line_start(text, s):
            return "label_top_zone", 0.9, "位于版头行首", None
        line = pos.line_bounds(text, s, limit=60)
        short = line.end - line.start <= 40 and not _SENTENCE_PUNCT.search(text, line.start, line.end)
        if short and (s < top_end or pos.in_page_margin(doc, s)):
            # "××市发展改革委员会　内部参考" printed above the title or as a page's header/footer line
            return "label_header", 0.85, "位于版头或页面顶部/底部", None
        ss, _ = pos.sentence_bounds(text, s, e, limit=40)
        m = SELF_REF.search(text[ss:s])
        if m:
            return "label_self_reference", 0.9, f"声明本文件属性（“{m.group(1)}”）", m.group(1)
        if label in IMPERATIVE and "商业秘密" not in text[ss:s]:  # an enterprise's label: commercial
            return "label_imperative", 0.85, "提示读者不得外传", None
        return None
