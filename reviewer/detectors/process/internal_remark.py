"""process.internal_remark.v1 — internal coordination remarks left in a document.

"这个口径先不对外", "此段待领导定", "先别发", "数据待核实": notes written while the text was
being drafted and agreed (讨论记录, 过程稿 under 条例 第十六条第二款), never meant for the
public.  Reported

* in a DOCX comment (批注) or a PDF annotation: every remark there is a drafting note —
  score 0.9 with one of the cue phrases, 0.75 without;
* in the body, when the cue phrase stands in brackets (【此段待领导定】, （口径待定）) or in a
  sentence of its own that is not a rule (应当/不得/第×条): "此段待领导定。"

"暂不对外开放的场所" and "统一对外宣传口径" are about the world, not about this text, and do not fire.
"""

from __future__ import annotations

import re

from reviewer.detectors import position as pos
from reviewer.detectors.process import BASIS_PROCESS
from reviewer.detectors.rule import RuleDetector

_NOT_WORLD = r"(?!开放|营业|经营|服务|提供服务|招生|出租|销售)"
CUE = re.compile(
    rf"(?:先|暂|暂时)不对外{_NOT_WORLD}(?:公开|发布|提供|透露|说)?|不对外{_NOT_WORLD}(?:公开|发布|透露)|"
    r"先别(?:发|公开|对外|报|印发|上网)|先不(?:发|公开|印发|报|上网)|暂不(?:发文|公开|印发|上网|报送|发布)|"
    r"待领导(?:定|审定|确定|把关|同意|拍板|签批)|请领导(?:定|审定|把关|拍板)|领导(?:定|拍板)后|"
    r"(?:口径|数据|表述|提法|数字|措辞)(?:待定|待确认|待核实|先|暂|需再|要再)|内部掌握|"
    r"此段(?:待|先|暂|删|需|要)|这段(?:待|先|暂|删|需|要)|待核实|待核对|待确认|待定稿|待补充|"
    r"建议删除|删除此段|删去此段|是否保留|再议|再斟酌|不宜公开|不宜对外")
BRACKETS = re.compile(r"【([^】\n]{2,60})】|〔([^〕\n]{2,60})〕|［([^］\n]{2,60})］|[（(]([^）)\n]{2,60})[）)]")
REMARK_PARTS = frozenset({"comment", "annotation"})
NOT_REMARK = re.compile(r"应当|不得|依照|依法|本办法|本条例|本规定|第[一二三四五六七八九十百零]+条")


class InternalRemarkDetector(RuleDetector):
    ID = "process.internal_remark.v1"
    CATEGORY = "process"
    TYPE = "internal_remark"
    ACTION = "review"
    BASIS = BASIS_PROCESS
    LABEL = "内部沟通批注、协调意见（过程性信息）"

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        taken: list[tuple[int, int]] = []
        for b in doc.blocks:
            if b.part not in REMARK_PARTS:
                continue
            value = text[b.start:b.end]
            if len(re.sub(r"[\s\W]", "", value)) < 2:
                continue
            m = CUE.search(value)
            where = "批注" if b.part == "comment" else "注释"
            out.append(self.make_finding(
                doc, b.start, b.end, score=0.9 if m else 0.75, pattern=f"{b.part}_remark",
                context_word=m.group(0) if m else None,
                reason=f"文件{where}中的内部沟通意见（“{value[:20]}”），属过程性信息，公开前应删除。",
                author=b.location.get("author")))
            taken.append((b.start, b.end))
        for m in CUE.finditer(text):
            s, e = m.start(), m.end()
            if any(a <= s < z for a, z in taken) or pos.quoted(text, s, e):
                continue
            span = self._bracket(text, s, e)
            pattern = "bracketed_remark"
            if span is None:
                ss, se = pos.sentence_bounds(text, s, e, limit=40)
                sentence = text[ss:se]
                if NOT_REMARK.search(sentence) or len(sentence.strip()) > 40:
                    continue
                ss += len(sentence) - len(sentence.lstrip(" \u3000\t"))
                ss = max([ss] + [z for a, z in taken if a < se and z <= s])  # not over a bracket reported before
                span, pattern = (ss, se), "remark_sentence"
            out.append(self.make_finding(
                doc, span[0], span[1], score=0.85, pattern=pattern, context_word=m.group(0),
                reason=f"正文中留有内部沟通意见（“{m.group(0)}”），属过程性信息，公开前应删除。"))
            taken.append(span)
        return out

    @staticmethod
    def _bracket(text: str, s: int, e: int) -> tuple[int, int] | None:
        """The bracketed remark around ``[s, e)``, brackets included; None when not bracketed."""
        lo = max(s - 60, 0)
        for m in BRACKETS.finditer(text, lo, min(e + 60, len(text))):
            if m.start() < s and e < m.end():
                return m.start(), m.end()
        return None
