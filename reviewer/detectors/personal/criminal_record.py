"""Criminal records of a natural person: 被判处有期徒刑, 犯罪记录, 刑满释放, 被刑事拘留…

"未公开的违法犯罪记录" is sensitive personal information (GB/T 35273 附录B).  Rules
and policy speak of these in general ("曾被判处有期徒刑以上刑罚的，不得…",
"刑满释放人员安置帮教"), so a term is reported only next to a word that points at one
person (本人, 当事人, 男，, 岁, 村民…), and sentences about a category (…以上刑罚的)
never.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_SENSITIVE, PERSON_CONTEXT

_CATEGORY_AFTER = re.compile(r"[^，。；\n]{0,8}?(?:以上刑罚|的人员|人员|的，|的,|的$|者|期间|期满)")


class CriminalRecordRecognizer(ReviewerRecognizer):
    ID = "personal.criminal_record.v1"
    TYPE = "criminal_record"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "违法犯罪记录"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("sentence", r"(?:因犯?[\u4e00-\u9fa5]{1,15}?罪[^，。；\n]{0,12}?)?(?:曾|已|依法)?被(?:依法|法院)?(?:判处|判决|判刑)"
                     r"(?:有期徒刑|拘役|管制|无期徒刑|死刑缓期二年执行|死刑|罚金)?(?:[一二三四五六七八九十\d]+年)?"
                     r"(?:[一二三四五六七八九十\d]+个月)?(?:，?缓刑[一二三四五六七八九十\d]+年)?", 0.45),
        ("conviction", r"因犯?[\u4e00-\u9fa5]{1,15}?罪[^，。；\n]{0,12}?被(?:依法)?(?:判处|判决|判刑|追究刑事责任)", 0.45),
        ("record", r"(?:有|存在|留有)?(?:犯罪记录|前科|刑满释放|吸毒史|强制隔离戒毒|社区矫正|服刑|假释|劳动教养)", 0.3),
        ("detention", r"(?:曾|已|依法)?被(?:依法|公安机关)?(?:刑事拘留|行政拘留|逮捕|取保候审|监视居住|收容教育)", 0.35),
    )
    CONTEXT = PERSON_CONTEXT + ("犯罪嫌疑人", "被告人", "罪犯", "服刑人员", "经查", "该犯")
    CONTEXT_BEFORE = 30
    CONTEXT_AFTER = 12
    MIN_SCORE = 0.6
    PREFILTER = r"判|犯罪|前科|刑满|吸毒|戒毒|矫正|服刑|假释|劳动教养|拘留|逮捕|取保|监视居住|收容"
    PRIORITY = 1

    def accept(self, text, start, end, match) -> bool:
        if text[max(0, start - 2):start].endswith(("无", "没有", "未")):
            return False  # 无犯罪记录: a clean record is not a criminal record
        return _CATEGORY_AFTER.match(text, end) is None
