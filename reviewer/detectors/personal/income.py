"""Income and financial situation of a private person: 月收入2300元, 家庭年人均收入…元,
欠缴物业费…元, 领取低保金…元/月.

A person's income, debts and the benefits paid to them are personal financial information
(个人财产信息; GB/T 35273-2020 附录B lists 收入状况 and 负债 among sensitive personal
information), not to be published (条例第十五条).  Government text is full of amounts
that are not a person's: thresholds (家庭年人均收入低于4000元的), statistics
(全省农村居民人均可支配收入…元), standards (低保标准每人每月…元), company figures
(营业收入…亿元).  So an amount is reported only

* right after an income, debt or benefit word (月收入, 年人均纯收入, 欠缴, 尚欠, 领取…低保金),
* not as a threshold or a standard (…元的, …元以下, 低于/不超过…, 标准),
* not about a region or a population (全市, 城乡居民, 人均可支配收入),

and ``personal.person_anchor.v1`` withdraws it unless a person is near (a name, an ID,
其/该户/本户…).  In a 公示 the benefit amounts are published by rule (最低生活保障审核确认
办法), so ``person_anchor`` withdraws the ``benefit`` pattern there.  Table columns headed
月收入/家庭年收入/欠款金额 are ``personal.name_layout.v1``'s.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_DIGIT_BEFORE, ReviewerRecognizer
from reviewer.detectors.personal._common import (BASIS_SENSITIVE, PERSON_CONTEXT, PERSON_CUE_WORDS,
                                                 word_alternation)

_AMOUNT = (NOT_DIGIT_BEFORE + r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\s*(?:万元|千元|元|万)"
           r"(?:\s*(?:/|每)\s*(?:人\s*[·/]?\s*)?(?:月|年|人))?")
def _income_words() -> tuple[str, ...]:
    """The income labels spelled out (家庭年人均收入, 月工资 …), so the pattern starts with a
    word alternation ``re`` can dispatch on its first character."""
    out = ["收入", "人均收入", "人均纯收入", "总收入", "纯收入"]
    out += [p + w for p in ("年", "月") for w in ("收入", "人均收入", "人均纯收入", "总收入", "纯收入", "工资", "薪", "薪金")]
    out += ["家庭" + w for w in list(out)]
    out += ["工资", "工资收入", "务工收入", "经营收入", "经营性收入", "种植收入", "养殖收入", "劳务收入", "退休金", "养老金",
            "离休费", "存款", "房租收入", "租金收入", "赡养费", "抚养费", "个人所得"]
    return tuple(out)


_INCOME = word_alternation(_income_words())
_DEBT = r"(?:欠缴|拖欠|尚欠|欠付|欠交|共欠|累计欠|欠下|欠款|负债|债务|借款|欠)"
_BENEFIT = (r"(?:(?:保障|救助|补助|补贴|低保)金额|低保金|失业保险金|失业金|工伤保险待遇|伤残津贴|补偿金|赔偿金|最低生活保障金|保障金|救助金|特困供养金|供养金|五保金|抚恤金|补助金|生活补助|生活补贴|护理补贴|"
            r"残疾人两项补贴|高龄津贴|高龄补贴|养老补贴|临时救助|医疗救助|救济金)")
_VERB = (r"(?:为|是|约|约为|大约|仅|仅为|仅有|只有|不足|不到|低于|达|达到|共|共计|合计|计|累计|：|:|有)?\s*"
         r"(?:每月|每年|每人每月)?\s*(?:约|仅)?")

_THRESHOLD_BEFORE = re.compile(r"(?:低于|高于|不足|不超过|超过|不高于|不低于|少于|多于|以下|以上|标准|提高到|提高至|"
                               r"调整为|调整到|上调至|上调到|达到)\s*$")
_RULE_AFTER = re.compile(r"\s*(?:的|以下|以上|以内|及以下|及以上|左右的|者|人员|家庭|标准|为限|的标准|计算|确定)")
_POPULATION = re.compile(r"全国|全省|全市|全县|全区|全镇|全乡|全村|(?:城乡|农村|城镇)居民(?!基本|医疗|养老|医保)|农民人均|居民人均|职工平均|"
                         r"平均工资|可支配收入|社会平均|在岗职工|GDP|财政|公司|企业|集团|有限|营业|单位|机关|学校")


class IncomeRecognizer(ReviewerRecognizer):
    ID = "personal.income.v1"
    TYPE = "income"
    HARM = True          # 条例第十五条: a private person's income and debts harm them when published
    LABEL = "个人收入及财务状况"
    ACTION = "redact"
    BASIS = BASIS_SENSITIVE
    PATTERNS = (
        ("income", r"(?:" + _INCOME + r")\s*" + _VERB + r"\s*(?:人民币)?\s*" + _AMOUNT, 0.6),
        ("debt", _DEBT + r"[\u4e00-\u9fa5\d]{0,16}?(?:费|款|租|贷款|工资|税|金)?\s*" + _VERB + r"\s*(?:人民币)?\s*" + _AMOUNT, 0.6),
        ("benefit", r"(?:领取|享受|领|获得|获|发放|给予|补发|每月)[\u4e00-\u9fa5]{0,10}?" + _BENEFIT + r"\s*" + _VERB
                    + r"\s*(?:人民币)?\s*" + _AMOUNT, 0.6),
        # 580元/月的低保金: the amount first (starting on a digit so re can skip ahead)
        ("benefit_amount", r"[0-9](?<![0-9][0-9])(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d{1,2})?\s*(?:万元|千元|元|万)"
                           r"(?:\s*(?:/|每)\s*(?:人\s*[·/]?\s*)?(?:月|年|人))?(?:的)?" + _BENEFIT, 0.6),
    )
    CONTEXT = PERSON_CONTEXT + PERSON_CUE_WORDS
    NEGATIVE_CONTEXT = ("标准", "平均", "可支配", "统计", "预算", "决算", "营业")
    NEGATIVE_BEFORE = 12
    NEGATIVE_AFTER = 2
    MIN_SCORE = 0.5
    PREFILTER = r"\d\s*(?:万元|千元|元|万)"
    PRIORITY = 2
    PATTERN_NEEDS = {
        "income": ("收入", "工资", "薪", "退休金", "养老金", "离休费", "存款", "赡养费", "抚养费", "所得"),
        "debt": ("欠", "负债", "债务", "借款"),
        "benefit": ("金", "补贴", "补助", "救助", "津贴"), "benefit_amount": ("金", "补贴", "补助", "救助", "津贴"),
    }

    def accept(self, text, start, end, match) -> bool:
        if _RULE_AFTER.match(text, end):
            return False
        lead = text[max(0, start - 4):start]
        if _THRESHOLD_BEFORE.search(lead):
            return False
        inner = text[start:end]
        if "标准" in inner:
            return False
        clause_start = max(text.rfind(c, 0, start) for c in "。；;\n") + 1
        return _POPULATION.search(text, max(clause_start, start - 24), end) is None
