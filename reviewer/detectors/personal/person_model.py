"""Names in running text that no label announces, found by the project's NER model.

The rules (person_name, name_layout, name_context) find names after labels, in 姓名 columns,
next to identifiers and after person words.  A name with none of these cues — 请与覃海燕核实,
a name in a comment or a page header, a table cell without a header — is what the statistical
recogniser (reviewer.ner, a character CRF trained on MSRA, People's Daily, Weibo and CLUENER)
adds.  It runs only on the stretches of text around evidence of a private person (personal data
found there, or a word such as 申请人, 患者, 家属), and only its PER entities are used here.

Only names whose sentence holds evidence of a private person (personal data found there, or
a word such as 申请人, 患者, 家属, 村民) are raised: on real published pages most names without
such evidence are officials, speakers and award winners, and raising them buries the list.
Every entity must still look like a personal name (2–4 characters, a known surname or a model
score of at least ``RARE_SURNAME_SCORE`` for a surname outside the list, not a dictionary word)
and must not overlap a name the rules already found.  Such a name is *undecided*: a finding for
``review`` with a lower score and the reason (统计模型识别的姓名，未见身份提示).  The role detector
(ORDER 70, ``personal.person_role.v1``) then recognises officials acting officially among them.

If the model cannot be loaded the detector reports nothing and the scan says so in a warning
(``ner_model_unavailable``): the rules still run.
"""

from __future__ import annotations

import logging
import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_PRIVACY
from reviewer.detectors.personal._names import is_masked_name, looks_like_name, split_surname

logger = logging.getLogger(__name__)

# words that put a private person in a sentence (not the group words of policy text such as 群众,
# 居民, 学生, 补助, 救助, which would wake the model in every paragraph of a policy document)
_PRIVATE_WORDS = re.compile("|".join(sorted({
    "家住", "现住", "住址", "身份证", "本人", "其子", "其女", "其父", "其母", "妻子", "丈夫", "儿子", "女儿", "父亲",
    "母亲", "患有", "因患", "确诊", "诊断为", "住院", "去世", "病故", "涉嫌", "患病", "身患", "重病", "生活困难",
    "家庭困难", "一家", "家中", "申请人", "当事人", "户主", "患者", "投诉人", "举报人", "信访人", "救助对象",
    "困难群众", "低保户", "特困人员", "家属", "监护人", "被执行人", "被调查人", "受害人", "嫌疑人", "该户", "该生",
    "该同志", "该员", "年满", "周岁", "岁，", "男，", "女，"}, key=len, reverse=True)))

MIN_SCORE = 0.6            # the entity's lowest per-character marginal probability
RARE_SURNAME_SCORE = 0.85  # a surname outside the list needs a confident model
_STOP_AFTER = set("局厅委办处科院校所站队会部省市县区镇乡村路街号")   # 张家口市, 李村: a place, not a person
_PLACE_END = set("庄北南东西营屯堡寨洼河湖山岭沟港湾桥州城岛")       # 朱庄, 张北: places
# 邓小平理论, 毛泽东思想, 马克思主义: a name inside a fixed political phrase is not personal data
_PHRASE_AFTER = ("理论", "思想", "主义", "精神", "重要讲话", "重要指示", "重要论述", "总书记", "同志为核心", "新时代")


class PersonModelDetector(DocumentDetector):
    ID = "personal.person_model.v1"
    TYPE = "person_name"
    LABEL = "自然人姓名"
    ACTION = "review"
    BASIS = BASIS_PRIVACY
    ORDER = 58
    _model = None
    _failed: str | None = None

    @classmethod
    def model(cls):
        if cls._model is None and cls._failed is None:
            try:
                from reviewer import ner

                cls._model = ner.load()
            except Exception as exc:  # a missing or damaged artifact must not stop the scan
                cls._failed = getattr(exc, "code", type(exc).__name__)
                logger.warning("NER model unavailable (%s): names come from the rules only", cls._failed)
        return cls._model

    def detect(self, doc, text_results):
        model = self.model()
        if model is None:
            from reviewer.document import Notice

            warnings = getattr(doc, "warnings", None)
            if isinstance(warnings, list) and not any(getattr(w, "code", "") == "ner_model_unavailable"
                                                      for w in warnings):
                warnings.append(Notice("ner_model_unavailable", "姓名识别模型不可用，本次仅按规则识别姓名。",
                                       {"reason": self._failed}))
            return []
        text = doc.text
        taken = sorted((f.start, f.end) for f in text_results if f.type == "person_name")
        personal = sorted((f.start, f.end) for f in text_results
                          if f.category == "personal" and f.type != "person_name" and not f.recognised)
        out = []
        for e in self.entities(model, text, personal):
            if e.label != "PER":
                continue
            s, t = e.start, e.end
            name = text[s:t]
            if not 2 <= len(name) <= 4 or is_masked_name(name) or text[t:t + 1] in _STOP_AFTER \
                    or name[-1] in _PLACE_END or text.startswith(_PHRASE_AFTER, t) \
                    or text[t:t + 2] in ("同志",) and text.startswith(_PHRASE_AFTER, t + 2):
                continue
            glued = (s > 0 and "\u4e00" <= text[s - 1] <= "\u9fa5") + (t < len(text) and "\u4e00" <= text[t] <= "\u9fa5")
            if any(a < t and s < b for a, b in taken):
                continue
            known = split_surname(name) is not None
            if known and not looks_like_name(name, strict=True):
                continue
            if glued == 2 and e.score < 0.9:   # glued on both sides: 范生 in 师范生, 李物品 in 行李物品
                continue
            if not known and e.score < RARE_SURNAME_SCORE:
                continue
            if not self.private_evidence(text, s, t, personal):
                continue
            out.append(self.finding(doc, s, t, score=round(0.45 + 0.25 * e.score, 4),
                                    text=f"统计模型识别的姓名（置信度{e.score:.2f}），未见身份提示，请确认是否为自然人个人信息",
                                    pattern="ner_model", model_score=e.score))
            taken.append((s, t))
        return out

    @staticmethod
    def entities(model, text: str, personal):
        """The model's entities, run only on the sentences that hold evidence of a private person
        (personal data found there, or a private-person word): the evidence is cheap to find, the
        model is not, and a name without evidence is not raised anyway."""
        from reviewer.ner.model import Entity

        spans = [(max(0, a - 40), b + 40) for a, b in personal]
        spans += [(max(0, m.start() - 30), m.end() + 30) for m in _PRIVATE_WORDS.finditer(text)]
        spans.sort()
        merged: list[list[int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            b = min(b, len(text))
            for e in model.entities(text[a:b], min_score=MIN_SCORE):
                yield Entity(e.start + a, e.end + a, e.label, e.score)

    @staticmethod
    def private_evidence(text: str, s: int, t: int, personal) -> bool:
        """Use the model where it pays: a name is reported when its sentence holds something that
        makes it a private person's — personal data found there (an ID, a phone, an address, a
        diagnosis), or a word for a private person (申请人, 患者, 家属, 村民 …).  A name with no
        such evidence (a speaker quoted in a news item, an official in a list) is left to the
        rules and the role detector, not raised."""
        i = max(text.rfind(c, max(0, s - 40), s) for c in "。！？；;\n") + 1
        j = min([k for k in (text.find(c, t, t + 40) for c in "。！？；;\n") if k >= 0] or [min(len(text), t + 40)])
        if any(a < j and i < b for a, b in personal):   # personal data of someone in the same sentence
            return True
        # a private-person word in the name's own segment (between commas)
        si = max(text.rfind(c, i, s) for c in "，,、：:") + 1
        sj = min([k for k in (text.find(c, t, j) for c in "，,、") if k >= 0] or [j])
        return bool(_PRIVATE_WORDS.search(text[max(i, si, s - 12):min(sj, t + 12)]))
