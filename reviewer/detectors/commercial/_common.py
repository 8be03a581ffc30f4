"""Shared pieces of the commercial (商业秘密) detectors.

A commercial keyword (投标报价, 成本构成, 配方, 客户名单 …) is a trade-secret finding only
when the sentence ties it to a *named* enterprise (××有限公司, 本公司, 该企业) or to a
bid (招标/投标/中标/标段), and — for prices, costs and financial data — carries a figure.
Sentences of law text (应当/不得/依照/第×条 with no named enterprise) are mentions:
反不正当竞争法 第九条 and 招标投标法 第二十二条 name 商业秘密 and 标底 without any secret.
"""

from __future__ import annotations

import re
from typing import ClassVar

from reviewer.detectors import position as pos
from reviewer.detectors.rule import OGI, UCL, RuleDetector

BASIS_TRADE_SECRET = f"{OGI}第十五条；{UCL}第九条"

STRONG_SUFFIX = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司")
WEAK_SUFFIX = ("集团公司", "公司", "集团", "厂", "事务所")
SUFFIX = re.compile("|".join(STRONG_SUFFIX + WEAK_SUFFIX))
# Characters that end an enterprise name when walking back from its suffix.
NAME_STOP = set("的之与或者和及对在等了是为将把被从向以其该各本这那个每由经给让使、，。；：:;,.“”\"《》 \t\n\u3000")
GENERIC_NAME = re.compile(
    r"^(?:有关|相关|其他|其它|上市|保险|证券|投资|担保|会计师|律师|资产评估|外国|外资|国有|国有独资|一人|合伙|"
    r"个人独资|物业服务|物业|控股|股份|分|子|母|总|房地产开发|融资担保|典当|信托|基金|期货|财务|金融|小额贷款|"
    r"邮政|电信|电网|供电|燃气|网络|平台|运营|建设|施工|监理|代理|中介|评估|咨询)$")
GENERIC_TAIL = re.compile(r"(?:企业|机构|单位|部门|级|类|型|性|家|骨干|龙头|大型|中型|小型|中小|民营|国有|骨干企业)$")
SELF_ENTERPRISE = re.compile(r"本公司|我公司|贵公司|该公司|本企业|我企业|该企业|我司|本司|我方|投标人[A-Z甲乙丙丁]|[甲乙丙丁]公司")


def enterprise_names(sentence: str) -> list[tuple[int, str]]:
    """``(offset, name)`` of named enterprises: a proper name before a company suffix."""
    out = []
    for m in SUFFIX.finditer(sentence):
        i = m.start()
        while i > 0 and m.start() - i < 24 and sentence[i - 1] not in NAME_STOP:
            i -= 1
        name = sentence[i:m.start()]
        cut = max(name.rfind("（"), name.rfind("("))
        if cut >= 0 and not re.search(r"[）)]", name[cut:]):  # "设计机构（公司": the bracket opened a gloss
            i, name = i + cut + 1, name[cut + 1:]
        strong = m.group(0) in STRONG_SUFFIX
        if not strong and GENERIC_TAIL.search(name):  # 千亿级企业集团, 龙头企业集团
            continue
        if len(name) < (2 if strong else 4) or GENERIC_NAME.match(name) or re.search(r"[A-Za-z0-9]{6,}", name):
            continue
        out.append((i, sentence[i:m.end()]))
    for m in SELF_ENTERPRISE.finditer(sentence):
        out.append((m.start(), m.group(0)))
    return sorted(out)


def named_enterprise(sentence: str, before: int | None = None) -> str | None:
    """A named enterprise (or an enterprise's self-reference) in the sentence, starting
    before offset ``before`` when given; or None."""
    for i, name in enterprise_names(sentence):
        if before is None or i < before:
            return name
    return None


BID = re.compile(r"招标|投标|中标|标段|标底|开标|评标|竞标|比选|磋商报价|竞争性谈判|采购项目")
NORMATIVE = re.compile(r"应当|不得|依照|依法|本法|本条例|本办法|本规定|第[一二三四五六七八九十百零]+条|可以|禁止|违反")
AMOUNT = re.compile(
    r"\d[\d,，]*(?:\.\d+)?\s*(?:元/吨|元/平方米|元/件|万美元|万元|亿元|千元|美元|元)"
    r"|[壹贰叁肆伍陆柒捌玖拾佰仟万亿零]{2,}元")
PERCENT = re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十点零]+")



class KeywordRule(RuleDetector):
    """A keyword tied to an enterprise or a bid in the same sentence."""

    CATEGORY = "commercial"
    ACTION = "review"
    BASIS = BASIS_TRADE_SECRET
    ORDER = 60
    KEYWORDS: ClassVar[re.Pattern] = re.compile(r"(?!x)x")
    NEEDS_FIGURE: ClassVar[bool] = False      # an amount (or a percentage) must be in the sentence
    PERCENT_OK: ClassVar[bool] = False
    BID_TIES: ClassVar[bool] = True           # a bid context is enough of a tie
    SCORE: ClassVar[float] = 0.75
    FIGURE_WITHIN: ClassVar[int] = 30         # characters between the keyword and its figure

    def analyze(self, doc) -> list:
        text = doc.text
        out = []
        taken = -1
        for m in self.KEYWORDS.finditer(text):
            s, e = m.start(), m.end()
            if s < taken or pos.quoted(text, s, e):
                continue
            ss, se = pos.sentence_bounds(text, s, e, limit=120)
            sentence = text[ss:se]
            who = named_enterprise(sentence, before=s - ss)  # the keyword belongs to it
            bid = BID.search(sentence) if self.BID_TIES else None
            if not (who or bid):
                continue
            if NORMATIVE.search(sentence) and not who:
                continue
            end = e
            figure = None
            if self.NEEDS_FIGURE:
                fm = AMOUNT.search(text, e, se) or (PERCENT.search(text, e, se) if self.PERCENT_OK else None)
                if fm is None or fm.start() - e > self.FIGURE_WITHIN:
                    continue
                figure, end = fm.group(0), fm.end()
            action, why = self.decide(sentence, m.group(0))
            out.append(self.make_finding(
                doc, s, end, score=self.SCORE, pattern=self.TYPE, context_word=who or bid.group(0),
                action=action,
                reason=f"“{m.group(0)}”与{('企业“' + who + '”') if who else '招投标'}相关{why}，"
                       f"可能属商业秘密，公开前须征求第三方意见（第三十二条）。",
                enterprise=who, figure=figure))
            taken = end
        return out

    def decide(self, sentence: str, keyword: str) -> tuple[str, str]:
        return self.ACTION, ""
