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
SELF_ENTERPRISE = re.compile(r"本公司|我公司|贵公司|该公司|本企业|我企业|该企业|该厂|本厂|我厂|该集团|我司|本司|我方|投标人[A-Z甲乙丙丁]|[甲乙丙丁]公司|(?<![A-Za-z])[A-Z]公司|(?<![A-Za-z])[A-Z]企业")


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


BID = re.compile(r"招标|投标|中标|标段|标底|开标|评标|竞标|比选|磋商报价|竞争性谈判|采购项目|询价|报价人|供应商报价")
NORMATIVE = re.compile(r"应当|不得|依照|依法|本法|本条例|本办法|本规定|第[一二三四五六七八九十百零]+条|可以|禁止|违反")
# Figures a statement about an enterprise carries.  Money: 1,286.5万元, 人民币986万, ¥3650/吨;
# shares and rates: 4.2%, 3.85个百分点; process values: 185℃, 0.8MPa, 4小时, 1:3; volumes: 1200吨.
_NUM = r"\d[\d,，]*(?:\.\d+)?"
MONEY = re.compile(
    rf"(?:人民币|¥|￥|RMB)?\s*{_NUM}\s*(?:万亿元|亿元|万元|千元|元|万美元|美元|亿|万(?![^\s]{{0,1}}[人户家个项吨台件]))"
    r"(?:\s*/\s*(?:吨|件|台|套|平方米|㎡|米|千克|公斤|kg|个|辆|股|千瓦时|度|立方米|吨公里))?"
    rf"|(?:每(?:吨|件|台|套|平方米|千克|公斤|个|辆))\s*{_NUM}\s*元"
    r"|[壹贰叁肆伍陆柒捌玖拾佰仟万亿零]{2,}元(?:整)?")
SHARE = re.compile(rf"{_NUM}\s*(?:[%％‰]|个百分点)|百分之[一二三四五六七八九十点零]+")
MEASURE = re.compile(
    rf"{_NUM}\s*(?:[-~～至]\s*{_NUM}\s*)?(?:℃|°C|摄氏度|MPa|兆帕|kPa|千帕|Pa|帕|bar|小时|h(?![A-Za-z])|分钟|min|秒|"
    r"转/分钟?|rpm|r/min|mg/L|g/L|mol/L|kg|千克|克|吨|t(?![A-Za-z])|毫米|mm|微米|μm|纳米|nm|目|kV|kW|千瓦|"
    r"[%％‰]|个百分点)"
    rf"|{_NUM}\s*[:：]\s*{_NUM}(?:\s*[:：]\s*{_NUM})?(?=[^\d:：]|$)"
    rf"|pH\s*值?\s*(?:为|控制在|保持在)?\s*{_NUM}")
VOLUME = re.compile(rf"{_NUM}\s*(?:万吨|吨|万件|件|万台|台|万套|套|万辆|辆|万箱|箱|万平方米|平方米|万千瓦时|千瓦时|万立方米|立方米|批|单)")
FIGURE_KINDS = {"money": (MONEY,), "money_share": (MONEY, SHARE), "measure": (MEASURE,),
                "volume": (MONEY, VOLUME, SHARE)}
FIGURE_GAP = 30          # characters between one figure and the next taken into the span
CREDIT_CODE = re.compile(r"统一社会信用代码|信用代码|组织机构代码|纳税人识别号")
# Sentences about many enterprises at once (statistics): no single enterprise's secret.
AGGREGATE = re.compile(r"全省|全市|全国|全县|全区|全镇|我省|我市|我县|本省|本市|产业|行业|集群|园区|板块|全行业|规模以上|规上|行业平均|各类企业|企业平均|平均每户|户均|累计为企业")
# A sentence that refers back to an enterprise named before it.
ANAPHOR = re.compile(r"^[^，,。；]{0,12}?(?:其(?![他它余中次实])|该公司|该企业|该厂|该集团|厂方|对方|该单位|上述企业|该投标人|该供应商)")
# Thresholds, targets, rewards and conditions: a policy or a rule, not an enterprise's figure.
POLICY = re.compile(r"不低于|不少于|不高于|不超过|不足|低于|高于|以上的|以下的|达到|力争|目标|预计|可实现|将实现|奖励|补贴|补助|"
                    r"给予|最高|比重|所占比例|条件|标准|要求|鼓励|支持|引导|推动|确保|争取|培育|打造|超过|超\d|(?<=[\d元%％吨个家户项])以[上下]")
# A line that is an article of law text ("第五条 金融资产管理公司的注册资本为…").
ARTICLE_LINE = re.compile(r"^[\s\u3000#]*第[一二三四五六七八九十百零]+条")
# Documents that publish bid results by rule (中标/成交公告, 候选人公示): their prices are public.
PUBLISHED_RESULT = re.compile(r"中标公告|中标结果|成交公告|成交结果|中标候选人公示|中选结果|结果公告|结果公示|中标（成交）结果|中标\(成交\)结果")
BID_DOC = re.compile(r"评标|评审报告|评审意见|评分|投标文件|开标记录|报价单|比选|磋商|谈判|询价")


def literal_words(*groups: str) -> re.Pattern:
    """A pattern of literal alternatives, longest first ("成本构成" before "成本").  Plain literals
    let ``re`` skip most positions by their first character: several times faster over 1 MB than
    an alternation with optional groups or lookarounds (those checks go in ``keyword_ok``)."""
    words = {w for g in groups for w in g.split("|") if w}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))


def figures_after(text: str, start: int, limit: int, kinds: tuple, within: int) -> tuple[int, str] | None:
    """End of the last figure of the statement starting at ``start``: the first figure within
    ``within`` characters, then each next one within ``FIGURE_GAP`` of the previous; never past
    a credit-code label (a public register number is not part of the secret).  None: no figure."""
    cut = CREDIT_CODE.search(text, start, limit)
    if cut:
        limit = cut.start()
    end, first, pos = None, None, start
    while pos < limit:
        best = None
        for rx in kinds:
            m = rx.search(text, pos, limit)
            if m and (best is None or m.start() < best.start()):
                best = m
        if best is None or best.start() - pos > (within if end is None else FIGURE_GAP):
            break
        if first is None:
            first = best.group(0)
        end, pos = best.end(), best.end()
    return (end, first) if end is not None else None


def enterprise_tie(text: str, ss: int, s: int, se: int, look_back: int = 300,
                   title_who: str | None = None) -> tuple[str | None, str]:
    """The enterprise a statement at ``s`` (sentence ``[ss, se)``) is about, and how it was tied:
    named before it in the sentence ("sentence"), after it ("sentence_after"), named in the
    text before a sentence that refers back to it (其/该公司/公司…: "discourse"), or the one
    enterprise the document's title is about ("title": 关于××有限公司申请贴息的审核意见)."""
    sentence = text[ss:se]
    who = named_enterprise(sentence, before=s - ss)
    if who:
        return who, "sentence"
    if AGGREGATE.search(sentence):
        return None, ""
    names = [n for _, n in enterprise_names(sentence) if not SELF_ENTERPRISE.fullmatch(n)]
    if names:
        return names[0], "sentence_after"
    head = text[ss:s]
    if ANAPHOR.search(head):
        # "其/该公司…" refers back to the last enterprise named in the 300 characters before
        lo = max(ss - look_back, 0)
    else:
        # no pronoun: only an enterprise named earlier in the same paragraph, close by
        lo = max(ss - 150, text.rfind("\n", max(ss - 150, 0), ss) + 1)
    before = text[lo:ss]
    found = [n for _, n in enterprise_names(before) if not SELF_ENTERPRISE.fullmatch(n)]
    if found:
        return found[-1], "discourse"
    if title_who:
        return title_who, "title"
    return None, ""


# Titles of documents published by rule about an enterprise (penalties, licences, lists).
PUBLIC_TITLE = re.compile(r"处罚|决定书|公告|公示|通报|表彰|名单|许可|批复|备案|登记|注销|信用")


def title_enterprise(doc) -> str | None:
    """The one registered enterprise (…有限公司) a document's title is about, unless the title is of a
    kind published by rule (处罚决定书, 公告, 公示, 批复 …)."""
    span = pos.title_span(doc)
    if not span:
        return None
    title = doc.text[span[0]:span[1]]
    if PUBLIC_TITLE.search(title):
        return None
    names = {n for _, n in enterprise_names(title) if n.endswith(STRONG_SUFFIX)}
    return names.pop() if len(names) == 1 else None


def doc_head(doc, n: int = 300) -> str:
    title = pos.title_span(doc)
    head = doc.text[:n]
    return (doc.text[title[0]:title[1]] + "\n" + head) if title else head


class KeywordRule(RuleDetector):
    """A keyword tied to an enterprise or a bid, reported with the figures that follow it.

    The span runs from the keyword to the last figure of the statement ("投标报价为人民币
    1,286.5万元", "反应温度控制在185℃，压力保持在0.8MPa"), so the values themselves are
    covered.  The tie: an enterprise named in the sentence, or named just before a sentence
    that refers back to it (其/该公司), or a bid (招标/投标/评标 in the sentence or the
    document's title)."""

    CATEGORY = "commercial"
    ACTION = "review"
    BASIS = BASIS_TRADE_SECRET
    ORDER = 60
    KEYWORDS: ClassVar[re.Pattern] = re.compile(r"(?!x)x")
    NEEDS_FIGURE: ClassVar[bool] = False      # a figure must follow the keyword in the sentence
    FIGURES: ClassVar[str] = "money"          # which figures count (FIGURE_KINDS)
    PERCENT_OK: ClassVar[bool] = False        # money_share instead of money
    FIGURE_UNLESS: ClassVar[re.Pattern | None] = None  # a figure is needed unless this is in the sentence
    BID_TIES: ClassVar[bool] = True           # a bid context is enough of a tie
    SCORE: ClassVar[float] = 0.75
    FIGURE_WITHIN: ClassVar[int] = 30         # characters between the keyword and its figure
    PREFILTER: ClassVar[tuple] = ()           # literal words; the document is skipped without one

    def analyze(self, doc) -> list:
        text = doc.text
        if self.PREFILTER and not any(w in text for w in self.PREFILTER):
            return []
        head = doc_head(doc)
        law = pos.law_text(text)
        title_who = title_enterprise(doc)
        bid_doc = BID_DOC.search(head) if self.BID_TIES else None
        out = []
        taken = -1
        kinds = FIGURE_KINDS["money_share" if self.PERCENT_OK and self.FIGURES == "money" else self.FIGURES]
        for m in self.KEYWORDS.finditer(text):
            s, e = m.start(), m.end()
            if s < taken or pos.quoted(text, s, e):
                continue
            ss, se = pos.sentence_bounds(text, s, e, limit=120)
            sentence = text[ss:se]
            if not self.keyword_ok(text, s, e, sentence):
                continue
            fig = figures_after(text, e, se, kinds, self.FIGURE_WITHIN)  # cheap: before the tie
            if fig is None and (self.NEEDS_FIGURE or (self.FIGURE_UNLESS is not None
                                                      and not self.FIGURE_UNLESS.search(sentence))):
                continue
            who, how = enterprise_tie(text, ss, s, se, title_who=title_who)
            bid = (BID.search(sentence) or bid_doc) if self.BID_TIES else None
            if not (who or bid):
                continue
            if NORMATIVE.search(sentence) and how != "sentence":
                continue
            if POLICY.search(sentence) and not bid:
                continue
            ls = text.rfind("\n", 0, s) + 1
            if (law or ARTICLE_LINE.match(text, ls)) and not (how == "sentence" and who.endswith(STRONG_SUFFIX)):
                continue  # law text names kinds of companies (金融资产管理公司), not one enterprise
            end, figure = e, None
            if fig is not None:
                end, figure = fig
            else:
                end = self.extend(text, e, se)
            action, why = self.decide(sentence, m.group(0))
            tie = ('企业“' + who + '”') if who else '招投标'
            out.append(self.make_finding(
                doc, s, end, score=self.SCORE if how in ("sentence", "") else self.SCORE - 0.05,
                pattern=self.TYPE, context_word=who or bid.group(0), action=action,
                reason=f"“{m.group(0)}”与{tie}相关{why}，可能属商业秘密，公开前须征求第三方意见（第三十二条）。",
                enterprise=who, tie=how or "bid", figure=figure))
            taken = end
        return out

    def keyword_ok(self, text: str, s: int, e: int, sentence: str) -> bool:
        """A last look at the keyword in its sentence (subclasses veto look-alikes)."""
        return True

    def extend(self, text: str, e: int, se: int) -> int:
        """End of the span when no figure follows (the keyword alone by default)."""
        return e

    def decide(self, sentence: str, keyword: str) -> tuple[str, str]:
        return self.ACTION, ""
