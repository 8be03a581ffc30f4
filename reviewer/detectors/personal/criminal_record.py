"""Criminal and offence records of a natural person: 因…罪被判处…, 获刑…, 曾因…被行政拘留,
涉嫌…罪被刑事拘留, 刑满释放, 社区矫正对象, 前科, 吸毒史.

"未公开的违法犯罪记录" is sensitive personal information (GB/T 35273 附录B).  Rules and
policy speak of these in general ("曾被判处有期徒刑以上刑罚的，不得…", "刑满释放人员安置
帮教", "涉嫌犯罪的，移送司法机关"), so

* a sentence about a category is never reported (…以上刑罚的, …的人员, …者, 对…开展);
* a clean record is not a record (无犯罪记录, 没有前科);
* ``personal.person_anchor.v1`` withdraws a mention with no person near it (a name, an ID,
  其丈夫, 该村民…); 刑满释放人员王大明 keeps the name that follows the group word.

Administrative fines (罚款) are not here: a penalty decision publishes them by rule.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_SENSITIVE, PERSON_CONTEXT, PERSON_CUE_WORDS
from reviewer.detectors.personal._names import looks_like_name

_N = r"[一二三四五六七八九十两\d]+"
_TERM = (r"(?:有期徒刑|拘役|管制|无期徒刑|死刑缓期二年执行|死刑|罚金)?(?:" + _N + r"年)?(?:零?" + _N + r"个月)?"
         r"(?:[，,]?\s*(?:缓刑|宣告缓刑)(?:" + _N + r"年)?(?:零?" + _N + r"个月)?)?")
_CAUSE = r"(?:曾|已|于\d{4}年(?:\d{1,2}月)?)?因(?:犯|涉嫌)?[\u4e00-\u9fa5、]{1,15}?罪[^，。；\n]{0,16}?"
_COURT = r"(?:[\u4e00-\u9fa5]{0,14}?(?:人民法院|法院))?"
_POLICE = r"(?:[\u4e00-\u9fa5]{0,14}?(?:公安机关|公安局|派出所|分局|检察院|监察委员会|监委))?"
_CATEGORY_AFTER = re.compile(r"的|[^，。；\n]{0,8}?(?:以上刑罚|的人员|人员|的，|的,|的$|的。|者|期满|等)")
_CATEGORY_BEFORE = re.compile(r"(?:对|为|做好|加强|开展|落实|帮助|组织|帮扶|关爱|接收|接纳|服务|管理|各类|全市|全县|全省|"
                              r"全区|辖区|本地|有关|涉及|凡|对于|不得|禁止|曾被|是否|有无)[\u4e00-\u9fa5]{0,4}$")


class CriminalRecordRecognizer(ReviewerRecognizer):
    ID = "personal.criminal_record.v2"
    TYPE = "criminal_record"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "违法犯罪记录"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("sentence", r"(?:" + _CAUSE + r"|(?:曾|已)?因[\u4e00-\u9fa5、]{1,12}?)?(?:曾|已|依法)?(?:被|获)" + _COURT + r"(?:依法)?(?:判处|判决|判刑|改判|判(?=有期徒刑|拘役|管制|无期徒刑|死刑|罚金))" + _TERM
                     + r"|(?:" + _CAUSE + r")?获刑" + _TERM, 0.6),
        ("court_sentence", r"(?:人民法院|法院)(?:以[\u4e00-\u9fa5、]{1,15}?罪)?(?:依法)?判处(?:其|被告人[\u4e00-\u9fa5]{2,3}?)"
                           r"(?P<v>(?=有期徒刑|拘役|管制|无期徒刑|死刑|罚金)" + _TERM + ")", 0.6),
        ("conviction", _CAUSE + r"(?:被|受到)" + _COURT + r"(?:依法)?(?:判处|判决|判刑|追究刑事责任|起诉|提起公诉)", 0.6),
        ("detention", r"(?:(?:曾|已|于\d{4}年(?:\d{1,2}月)?)?因[\u4e00-\u9fa5、]{1,15}?)?(?:曾|已|依法)?(?:被|受到)" + _POLICE
                      + r"(?:依法)?(?:处以|给予|决定)?(?:刑事拘留|行政拘留|司法拘留|拘留|逮捕|批准逮捕|取保候审|监视居住|"
                      r"收容教育|强制隔离戒毒|强制戒毒|劳动教养|治安拘留)(?:" + _N + r"[日天])?"
                      r"|(?:曾|已)?(?:受过|受到|被)(?:依法)?(?:追究)?刑事(?:处罚|责任)", 0.6),
        ("suspicion", r"(?:因)?涉嫌(?!犯罪|违法)[\u4e00-\u9fa5、]{1,12}?罪", 0.45),
        ("record", r"(?:有|存在|留有|系)?(?:违法犯罪记录|犯罪记录|(?:吸毒|盗窃|犯罪|多次|有|留有|存在|系)前科|前科(?=[，。；、,;]|$|记录|劣迹)|刑满释放|吸毒史|社区矫正对象|"
                   r"社区服刑|正在服刑|服刑|假释|劳动教养|在押|入狱|出狱|缓刑考验期|监外执行|保外就医|在逃)", 0.6),
        ("drug_use", r"(?:曾|多次|长期)吸(?:食|毒)(?:毒品|冰毒|海洛因|大麻|K粉|麻古)?|吸食(?:毒品|冰毒|海洛因|大麻|K粉|麻古)", 0.45),
    )
    CONTEXT = PERSON_CONTEXT + PERSON_CUE_WORDS + ("犯罪嫌疑人", "被告人", "罪犯", "服刑人员", "经查", "该犯", "被执行人")
    CONTEXT_BEFORE = 40
    CONTEXT_AFTER = 16
    MIN_SCORE = 0.6
    PREFILTER = (r"判|罪|前科|刑|吸毒|吸食|戒毒|矫正|假释|劳动教养|拘留|逮捕|取保|监视居住|收容|在押|入狱|出狱|"
                 r"监外执行|保外就医|在逃")
    PRIORITY = 1
    PATTERN_NEEDS = {
        "sentence": ("判", "获刑"), "court_sentence": ("判处",), "conviction": ("罪",),
        "detention": ("拘留", "逮捕", "取保", "监视居住", "收容", "戒毒", "劳动教养", "刑事"), "suspicion": ("涉嫌",),
        "record": ("犯罪记录", "前科", "刑满", "吸毒史", "矫正", "服刑", "假释", "劳动教养", "在押", "入狱", "出狱",
                   "缓刑", "监外执行", "保外就医", "在逃"),
        "drug_use": ("吸",),
    }

    def accept(self, text, start, end, match) -> bool:
        before = text[max(0, start - 4):start]
        if before.endswith(("无", "没有", "没", "未", "不")) or re.search(r"(?:无|没有|未发现|不存在)[^，。；\n]{0,4}$", before):
            return False  # 无犯罪记录: a clean record is not a criminal record
        if _CATEGORY_BEFORE.search(text, max(0, start - 8), start):
            return False
        m = _CATEGORY_AFTER.match(text, end)
        if m is None:
            return True
        # 刑满释放人员王大明: the group word names the person that follows
        after = m.end()
        return m.group().endswith("人员") and any(
            looks_like_name(text[after:after + n]) for n in (3, 2))
