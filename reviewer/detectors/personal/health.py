"""Health and medical details of a person: diagnoses, treatment, test results, pregnancy,
disability classes (医疗健康 — sensitive personal information, 个人信息保护法 第二十八条).

What is looked for (lexicon and sources in ``_health_terms.py``):

* a record field (残疾类别：…, 病情：…, 病历号…) — stands on its own;
* a diagnosis after its verb (因患…, 确诊为…, 诊断为…, 罹患…, 查出…): the disease is a
  lexicon name or ends like one (…病/症/癌/瘤/炎/综合征/骨折…);
* a disease of the lexicon written on its own, a treatment (住院治疗, 化疗, 透析, 行…术,
  长期服药), a lab value with its unit (空腹血糖9.8mmol/L, 血压160/100mmHg), a test
  result (HIV抗体检测阳性), pregnancy (怀孕5个月, 妊娠12周), a disability class and grade
  (GB/T 26341-2010: 肢体/视力/听力/言语/智力/精神/多重 一至四级; 九级伤残).

Government text speaks of diseases and disabilities in general all the time
("为一级肢体残疾人提供…", "患有重大疾病的困难群众", "传染病防控"), so a mention
followed by a group word (…人, …者, …的, …防治) or listed as a category (糖尿病、结核病…)
is dropped, and ``personal.person_anchor.v1`` withdraws what has no person near it (a name,
an ID, 其妻, 该户, 现年…).  Table columns headed 病情/诊断/残疾类别 are
``personal.name_layout.v1``'s.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal import _health_terms as T
from reviewer.detectors.personal._common import (BASIS_SENSITIVE, PERSON_CONTEXT, PERSON_CUE_WORDS,
                                                 word_alternation)

_CLASS = word_alternation(T.DISABILITY_CLASSES)
_GRADE = r"(?:[一二三四1-4]级|极重度|重度|中度|轻度)"
_INJURY_GRADE = r"(?:十|[一二三四五六七八九]|10|[1-9])级"
_DISEASE = word_alternation(T.DISEASES)
_ENDING = word_alternation(T.DISEASE_ENDINGS)
_NAME_CHARS = r"[\u4e00-\u9fa5A-Za-z0-9·]"
_TRIGGER = (r"(?:因患|突发|突患|患有|患上|患了|罹患|身患|确诊(?:为|患有|了)?|被?诊断(?:为|患有|出)|诊断结果为|初步诊断为?|"
            r"经诊断为|查出(?:患有|了)?|检查出|检出|复查为|(?<![隐祸忧后防疾病共])患(?![者病儿]))")
_LAB = r"(?<![A-Za-z])" + word_alternation(T.LAB_TESTS)
_UNIT = word_alternation(T.LAB_UNITS)
_NUM = r"\d{1,4}(?:\.\d{1,3})?"
_TESTS = word_alternation(T.TESTS_WITH_RESULT)
_CN_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_RECORD_LABELS = (r"(?:残疾类别|残疾类型|残疾等级|残疾程度|残疾情况|病种|疾病名称|疾病类型|患病种类|诊断结果|诊断意见|"
                  r"临床诊断|初步诊断|出院诊断|病情描述|病情说明|病情简介|伤情|病情|病因|既往病史|病史|伤残等级|致残原因|患病情况|健康状况|身体状况|"
                  r"检查结果|检测结果|化验结果|体检结果)")

# a group word right after the mention: a category, not a person's record
_GROUP_AFTER = re.compile(r"人(?!院)|者|群体|儿童|家庭|的|等(?![级症])|防治|防控|预防|疫情|监测|筛查|防疫|工作|知识|宣传|"
                          r"药品|疫苗|病例|病种|专科|门诊|医院|科室|救治|保障|报销|补助|补贴|康复机构|定点|目录|"
                          r"项目|服务|管理|治疗费用|医疗费用|用药|诊疗|检测点|哨点|床位|学校|协会|联合会")
# a hypothetical or a rule before it: 对确诊为…的, 凡患有…, 如被诊断为…
_RULE_BEFORE = re.compile(r"(?:对|凡|如|若|如果|对于|一旦|经确诊|以及|或者|或|至|到|[-—～~])\s*$")
# a lexicon word on its own counts only where a record would end it: 患尿毒症，… / 因脑梗死住院
_WORD_END_OK = re.compile(r"[，。；;,、）)\s]|$|住院|入院|去世|病逝|死亡|多年|病史|复发|发作|晚期|早期|中期|术后|病情|"
                          r"[\d一二三四五六七八九十]+年|导致|引起|致|丧失|卧床|经|后|并|伴|医治|抢救|入住|就医|就诊|在|于")
# the chunk is skipped unless one of these is in it (every pattern needs one of them)
_PREFILTER = word_alternation(
    T.DISEASES + T.TREATMENTS + T.LAB_TESTS + T.TESTS_WITH_RESULT
    + ("残疾", "残障", "伤残", "致残", "残疾证", "残疾人证", "病", "症", "癌", "瘤", "炎", "综合征", "障碍", "骨折", "损伤",
       "感染", "梗", "出血", "衰竭", "硬化", "畸形", "结石", "囊肿", "贫血", "瘫", "坏死", "突出", "溃疡", "积液", "肿大",
       "增生", "狭窄", "闭塞", "穿孔", "脱落", "萎缩", "失明", "耳聋", "阳性", "术", "服", "住院", "诊", "孕", "娠", "流产",
       "引产", "结扎", "不能自理", "劳动能力", "卧床", "健康状况", "身体状况", "检查结果", "检测结果", "化验结果",
       "体检结果", "门诊号"))
_IS_ONE = re.compile(r"(?:(?:系|是|属|属于|有|为)?(?:一名|一位|一个)|系|是|属于)(?:持证)?\s*$")
_HEALTHY = re.compile(r"(?:健康|良好|一般|正常|无|否|未见异常)$")


class HealthRecognizer(ReviewerRecognizer):
    ID = "personal.health.v2"
    TYPE = "health"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "健康医疗信息"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("record_field", _RECORD_LABELS + r"\s*(?:为|是)?\s*[:：]\s*(?P<v>[^\s，。；;,、：:（）()]{1,20})", 0.75),
        ("record_number", r"(?:病历号|住院号|病案号|门诊号|残疾证号|残疾人证号|残疾人证编号)\s*[:：]?\s*"
                          r"(?P<v>[0-9A-Za-z]{4,25})", 0.75),
        ("diagnosis", _TRIGGER + r"(?P<v>" + _NAME_CHARS + r"{0,10}?(?:" + _DISEASE + "|" + _ENDING + r"))", 0.6),
        ("disability", r"(?:" + _GRADE + _CLASS + r"(?:残疾|残障)?|" + _CLASS + r"(?:残疾|残障)(?:[，,]?\s*(?:残疾)?等级为?)?"
                       + _GRADE + r"?|" + _CLASS + r"残疾人?证?[，,]?\s*" + _GRADE + r"|" + _CLASS + _GRADE + r"(?:残疾)?)", 0.6),
        ("injury_grade", r"(?:" + _INJURY_GRADE + r"(?:伤残|残疾)|伤残(?:等级)?(?:鉴定|评定)?为?" + _INJURY_GRADE
                         + r"|致残(?:等级|程度)?(?:鉴定|评定)?为?" + _INJURY_GRADE + r")", 0.6),
        ("disability_card", r"(?:持有?|领取了?|办理了?)《?(?:中华人民共和国)?(?:第[一二]代)?(?:残疾人证|残疾证)》?", 0.6),
        ("disease", _DISEASE + r"(?:病毒)?(?:感染者|患者|患儿|病人|阳性|携带者|晚期|早期|中期|术后)?", 0.3),
        ("treatment", r"化疗|放疗|放化疗|靶向治疗|血液透析|腹膜透析|透析|(?:肾|肝|骨髓|造血干细胞|器官)移植|心脏支架|支架植入", 0.6),
        ("surgery", r"(?:行|做了?|接受了?|实施了?|进行了?)[\u4e00-\u9fa5A-Za-z]{0,10}?(?:切除|置换|修复|移植|搭桥|成形|缝合|"
                    r"引流|造瘘|介入|穿刺|植入|矫正|摘除|固定|复位|取出|消融|微创|根治|置管|开颅|剖宫产)术", 0.6),
        ("hospital_stay", r"住院\s*" + _CN_NUM + r"\s*(?:天|日|个月|次)", 0.6),
        ("medication", r"(?:长期|需要?|每日|每天|按时|坚持|终身|规律|定期|一直|常年)服(?:用)?"
                       r"(?:药|[\u4e00-\u9fa5A-Za-z]{1,10}?(?:药物?|片|胶囊|颗粒|注射液))", 0.6),
        ("care", word_alternation(T.TREATMENTS), 0.35),
        ("lab_value", _LAB + r"\s*(?:值|水平|检测值)?\s*(?:为|是|达|高达|仅|约|：|:)?\s*" + _NUM
                      + r"(?:\s*/\s*" + _NUM + r")?\s*" + _UNIT, 0.6),
        ("test_result", _TESTS + r"[\u4e00-\u9fa5A-Za-z0-9]{0,8}?(?:检测|检查|筛查|检验|试验|初筛|确证)(?:结果)?"
                        r"(?:为|呈|显示|示)?(?:阳性|弱阳性)|(?:HIV|艾滋病病毒|乙肝病毒|乙肝表面抗原|HBsAg|梅毒)"
                        r"(?:抗体)?(?:呈)?阳性", 0.6),
        ("pregnancy", r"(?:怀孕|妊娠|孕)\s*" + _CN_NUM + r"\s*(?:周|个多?月|月)|已(?:经)?(?:怀孕|有身孕)|怀有身孕|宫外孕", 0.6),
        ("reproductive", r"人工流产|流产|引产|不孕不育|不孕症|结扎|剖宫产|早产|产后抑郁|试管婴儿|孕期|怀孕", 0.3),
        ("condition", r"因病(?:致贫|返贫|致残|丧失劳动能力|去世|死亡|住院|休学|卧床)|病逝|病故|长期卧床|卧床不起|"
                      r"生活不能自理|丧失劳动能力|病情(?:加重|恶化|稳定)|病重", 0.35),
    )
    CONTEXT = PERSON_CONTEXT + PERSON_CUE_WORDS + ("残疾证", "残疾人证", "患者", "病人", "诊断", "确诊", "就诊", "医院",
                                                   "住院", "病情", "病历")
    CONTEXT_BEFORE = 40
    CONTEXT_AFTER = 16
    NEGATIVE_CONTEXT = ("防治", "防控", "预防", "管理办法", "条例", "规定", "规范", "标准", "政策", "指南")
    NEGATIVE_BEFORE = 6
    NEGATIVE_AFTER = 6
    MIN_SCORE = 0.6
    PREFILTER = _PREFILTER
    PATTERN_NEEDS = {
        "record_field": ("残疾", "病", "诊断", "伤残", "致残", "健康状况", "身体状况", "结果"),
        "record_number": ("病历号", "住院号", "病案号", "门诊号", "残疾证号", "残疾人证"),
        "diagnosis": ("患", "确诊", "诊断", "查出", "检查出", "检出", "复查"),
        "disability": ("视力", "听力", "言语", "肢体", "智力", "多重", "精神残", "精神障", "级精神", "度精神", "精神一",
                       "精神二", "精神三", "精神四", "精神1", "精神2", "精神3", "精神4"),
        "injury_grade": ("伤残", "残疾", "致残"),
        "disability_card": ("残疾人证", "残疾证"),
        "treatment": ("化疗", "放疗", "靶向", "透析", "移植", "支架"), "surgery": ("术",), "hospital_stay": ("住院",),
        "medication": ("服药", "服用"),
        "care": ("治疗", "手术", "化疗", "放疗", "透析", "移植", "支架", "康复", "监护", "住院", "观察"),
        "lab_value": T.LAB_UNITS,
        "test_result": ("阳性",),
        "pregnancy": ("孕", "妊娠"),
        "reproductive": ("流产", "引产", "不孕", "结扎", "剖宫产", "早产", "产后", "试管", "孕"),
        "condition": ("因病", "病逝", "病故", "卧床", "不能自理", "劳动能力", "病情", "病重"),
    }
    PRIORITY = 1

    def accept(self, text, start, end, match) -> bool:
        name = self.pattern_name(match)
        if name == "record_field":
            return _HEALTHY.search(text[start:end]) is None
        if name == "record_number":
            return True
        m0 = match.start()
        if _RULE_BEFORE.search(text, max(0, m0 - 4), m0):
            return False
        # an enumeration of diseases (糖尿病、结核病…) is policy text, not a record — unless a
        # diagnosis verb opened it (患有高血压、糖尿病)
        if name == "diagnosis" and text[end:end + 1] == "、" and re.match(r"[^，。；;\n]*?(?:的|人员|患者|群众|对象|家庭|儿童)", text[end:end + 40]):
            return False  # 患有痢疾、伤寒…等疾病的: a rule
        if name != "diagnosis" and (text[end:end + 1] == "、" or text[m0 - 1:m0] == "、") \
                and not re.search(_TRIGGER, text[max(0, m0 - 24):m0]):
            return False
        g = _GROUP_AFTER.match(text, end)
        one = g is not None and g.group() in ("人", "者") and _IS_ONE.search(text, max(0, m0 - 8), m0) is not None
        if g is not None and not one:
            return False  # …残疾人 is a group, unless 张三系/是一名…残疾人
        if name in ("disease", "reproductive") and not one and not _WORD_END_OK.match(text, end):
            return False
        return not (name != "diagnosis" and text.startswith(("或", "和", "及"), end))
