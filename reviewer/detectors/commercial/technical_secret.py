"""commercial.technical_secret.v1 — 配方, 工艺参数, 技术方案, 图纸, 源代码, 算法 of a named enterprise.

反不正当竞争法 第九条: technical information protected by its holder.  A policy that
"supports enterprises' core algorithms" names no enterprise and does not fire.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import MEASURE, KeywordRule, literal_words

# Process parameters: the value of a step of an enterprise's process, not a standard's limit.
_STEPS = ("反应|烧结|煅烧|熔炼|焙烧|固化|发酵|干燥|保温|退火|淬火|灭菌|蒸煮|聚合|萃取|烘干|硫化|加热|冷却|搅拌|工艺|热处理|"
          "挤出|注塑|焊接").split("|")
_VALUES = "温度|压力|时间|时长|转速|浓度|pH值|pH|真空度|流量|速率".split("|")
PARAMETER = literal_words("|".join(a + b for a in _STEPS for b in _VALUES),
                          "温度|压力|转速|浓度|pH值|pH|真空度|配比|配料比|含量占比|占比|含量|添加量|掺量|比例")
# A statement about how this enterprise makes its product.
PROCESS_CUE = re.compile(r"配方|工艺|工序|生产|制备|合成|反应|烧结|熔炼|配料|原料|产品|添加|发酵|固化|提纯|调配|成分")


class TechnicalSecretDetector(KeywordRule):
    ID = "commercial.technical_secret.v1"
    TYPE = "technical_secret"
    LABEL = "技术信息（配方、工艺、图纸、源代码）"
    KEYWORDS = literal_words("配方|工艺参数|工艺配方|工艺流程图|工艺条件|工艺路线|关键工艺|技术方案|设计图纸|施工图纸|图纸|"
                             "源代码|源程序|核心算法|算法模型|算法|技术参数|技术秘密|专有技术|技术诀窍",
                             "|".join(a + b for a in _STEPS for b in _VALUES),
                             "温度|压力|转速|浓度|pH值|pH|真空度|配比|配料比|含量占比|占比|含量|添加量|掺量|比例")
    BID_TIES = False
    FIGURES = "measure"
    SCORE = 0.7
    PREFILTER = ("配方", "工艺", "图纸", "源代码", "源程序", "算法", "技术", "温度", "压力", "时间", "转速", "浓度",
                 "配比", "占比", "含量", "添加量", "掺量", "比例", "pH")

    def analyze(self, doc) -> list:
        # a process parameter is a secret only with its value ("反应温度控制在185℃")
        return [f for f in super().analyze(doc)
                if f.explanation.get("figure") or not PARAMETER.fullmatch(f.text)]

    def keyword_ok(self, text: str, s: int, e: int, sentence: str) -> bool:
        if text[s:e] == "配方" and s > 0 and text[s - 1] in "分支调匹":  # 分配方式, 支配方
            return False
        if PARAMETER.fullmatch(text[s:e]):
            # a parameter counts only with a value and in a statement about making the product
            return MEASURE.search(text, e, min(e + 30, len(text))) is not None \
                and PROCESS_CUE.search(sentence) is not None and not re.search(r"标准|规范|不低于|不高于|不超过|限值", sentence)
        return True
