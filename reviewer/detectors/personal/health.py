"""Health and medical details of a person: 病历, 诊断, 残疾类别, 传染病…

Sensitive personal information (个人信息保护法 第二十八条: 医疗健康).  Government text
speaks of diseases and disabilities in general all the time ("为一级肢体残疾人提供…",
"传染病防控"), so a term is reported only when it is a record field (残疾类别：…,
病历号…) or a personal context word is near (本人, 患者, 户主, 男，, 岁…).  Group nouns
(残疾人, 患者们, 感染者 in policy text without a person) are not reported.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_SENSITIVE, PERSON_CONTEXT

_DISABILITY = r"(?:肢体|视力|听力|言语|智力|精神|多重)"
_GRADE = r"(?:[一二三四1-4]级|重度|中度|轻度)"
_DISEASE = (r"(?:艾滋病|HIV|乙肝|乙型肝炎|丙肝|梅毒|淋病|肺结核|结核病|精神分裂症|精神病|抑郁症|双相情感障碍|"
            r"癫痫|白血病|尿毒症|癌症|肺癌|肝癌|胃癌|乳腺癌|恶性肿瘤|脑瘫|脑梗|脑出血|心肌梗死|糖尿病|"
            r"自闭症|孤独症|唐氏综合征|阿尔茨海默|渐冻症|红斑狼疮|血友病|地中海贫血)")
_GROUP_AFTER = re.compile(r"人|者|群体|儿童|家庭|等|防治|防控|预防|疫情|监测|筛查|防疫|工作|知识|宣传|药品|疫苗")


class HealthRecognizer(ReviewerRecognizer):
    ID = "personal.health.v1"
    TYPE = "health"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "健康医疗信息"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("record_field", r"(?:残疾类别|残疾类型|残疾等级|残疾程度|病种|疾病名称|诊断结果|诊断意见|病情|病因|"
                         r"既往病史|病史|伤残等级|致残原因|患病情况)\s*[:：]\s*(?P<v>[^\s，。；;,、：:]{2,20})", 0.75),
        ("record_number", r"(?:病历号|住院号|病案号|门诊号|残疾证号|残疾人证号)\s*[:：]?\s*(?P<v>[0-9A-Za-z]{4,25})", 0.75),
        ("disability", _GRADE + "?" + _DISABILITY + "残疾" + _GRADE + "?", 0.35),
        ("diagnosis", r"(?:被?诊断为|确诊为|确诊患有|诊断患有|患有|罹患|身患|查出)(?P<v>[^\s，。；;,、]{2,15})", 0.4),
        ("disease", _DISEASE + r"(?:病毒)?(?:感染者|患者|病人|阳性|晚期)?", 0.3),
        ("reproductive", r"(?:怀孕|孕周|孕期|流产|引产|不孕不育|不孕|堕胎|结扎)", 0.3),
    )
    CONTEXT = PERSON_CONTEXT + ("残疾证", "残疾人证")
    CONTEXT_BEFORE = 30
    CONTEXT_AFTER = 12
    NEGATIVE_CONTEXT = ("防治", "防控", "预防", "管理办法", "条例", "规定", "规范", "标准", "政策")
    NEGATIVE_BEFORE = 6
    NEGATIVE_AFTER = 6
    MIN_SCORE = 0.6
    PREFILTER = r"残疾|病|诊断|患|癌|HIV|孕|流产|引产|结扎|肿瘤|症|住院|门诊"
    PRIORITY = 1

    def accept(self, text, start, end, match) -> bool:
        if match.re.groupindex.get("v"):
            return True
        # an enumeration of diseases (糖尿病、结核病…) is policy text, not a record
        if text[end:end + 1] == "、" or text[start - 1:start] == "、":
            return False
        return _GROUP_AFTER.match(text, end) is None
