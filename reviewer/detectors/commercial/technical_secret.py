"""commercial.technical_secret.v1 — 配方, 工艺参数, 技术方案, 图纸, 源代码, 算法 of a named enterprise.

反不正当竞争法 第九条: technical information protected by its holder.  A policy that
"supports enterprises' core algorithms" names no enterprise and does not fire.
"""

from __future__ import annotations

import re

from reviewer.detectors.commercial._common import KeywordRule


class TechnicalSecretDetector(KeywordRule):
    ID = "commercial.technical_secret.v1"
    TYPE = "technical_secret"
    LABEL = "技术信息（配方、工艺、图纸、源代码）"
    KEYWORDS = re.compile(r"配方|工艺参数|工艺配方|工艺流程图|关键工艺|技术方案|设计图纸|施工图纸|图纸|源代码|源程序|"
                          r"核心算法|算法模型|算法|技术参数|技术秘密|专有技术|技术诀窍")
    BID_TIES = False
    SCORE = 0.7
