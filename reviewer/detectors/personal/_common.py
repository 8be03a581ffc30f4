"""Shared pieces of the personal-data detectors."""

from __future__ import annotations

from reviewer.legal import cite  # noqa: E402

BASIS_PRIVACY = cite("ogi", 15)
BASIS_SENSITIVE = cite("ogi", 15) + "；" + cite("pipl", 28)
BASIS_OFFICIAL = cite("ogi", 20, item=2)

# A masked value is compliant: a mask character next to a match means the match is
# only the visible part of a masked identifier.
MASK_CHARS = "*＊×xX●•·○□■◆#"
NO_MASK_BEFORE = r"(?<![*＊×●•○□■])"
NO_MASK_AFTER = r"(?![*＊×●•○□■])"

# Words near a number that say it is not personal data.
NOT_PERSONAL_CONTEXT = ("发文字号", "文号", "索引号", "邮编", "邮政编码", "备案号", "ICP",
                        "网站标识码", "标识码", "统一社会信用代码", "信用代码", "组织机构代码",
                        "注册号", "登记号", "批准文号", "许可证号", "编号：", "订单号", "流水号")

def _urlish(ch: str) -> bool:
    return "!" <= ch <= "~"


def in_url(text: str, start: int, end: int) -> bool:
    """True when ``[start, end)`` sits inside a URL (``…/h5/194860/18081624640/``)."""
    i = start
    while i > 0 and _urlish(text[i - 1]) and start - i < 300:
        i -= 1
    j = end
    while j < len(text) and _urlish(text[j]) and j - end < 300:
        j += 1
    token = text[i:j]
    return "://" in token or "www." in token or (text[start - 1:start] == "/" and text[end:end + 1] == "/")

# Words saying a sentence is about one natural person (not a policy about a group).
PERSON_CONTEXT = ("本人", "该人", "该员", "该户", "该患者", "该生", "当事人", "申请人", "户主", "姓名",
                  "之子", "之女", "其子", "其女", "儿子", "女儿", "妻子", "丈夫", "家属", "家庭成员",
                  "男，", "女，", "男,", "女,", "（男", "（女", "周岁", "岁，", "岁,", "身份证", "出生",
                  "村民", "住址", "家住", "现住")


def word_alternation(words) -> str:
    """A regex alternation of ``words`` grouped by first character (a trie one level deep),
    longest first within a group: ``re`` tries an alternative only when its first character
    matches, so a lexicon of a few hundred words costs little more than one character class."""
    import re as _re

    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for head, tails in sorted(groups.items()):
        rest = [_re.escape(t) for t in tails if t]
        alt = "|".join(rest)
        if "" in tails:
            parts.append(_re.escape(head) + (f"(?:{alt})?" if rest else ""))
        else:
            parts.append(_re.escape(head) + f"(?:{alt})")
    return "(?:" + "|".join(parts) + ")"


# Words that point at one person (kin, 该户/该生, 现年…), for the context of the sensitive
# detectors; ``PERSON_CUE`` is the stricter regex ``person_anchor`` accepts instead of a name.
PERSON_CUE_WORDS = ("该户", "该生", "该同志", "该患者", "该员", "该人", "该名", "该男子", "该女子", "该老人",
                    "该职工", "该村民", "该居民", "该学生", "该儿童", "该犯", "其妻", "其夫", "其父", "其母",
                    "其子", "其女", "其配偶", "其丈夫", "其妻子", "其儿子", "其女儿", "其孙", "之妻", "之夫",
                    "妻子", "丈夫", "儿子", "女儿", "老伴", "父亲", "母亲", "公公", "婆婆", "爷爷", "奶奶",
                    "外公", "外婆", "孙子", "孙女", "我父亲", "我母亲", "我妻子", "我丈夫", "我儿子", "我女儿",
                    "我家", "我本人", "其家庭", "本户", "该家庭", "现年", "同志", "先生", "女士")
PERSON_CUE = (r"该(?:户|生|同志|患者|男子|女子|老人|犯|户主|家庭|人员|对象)|该村民(?!委员会|小组|代表)|本户|"
              r"其家庭(?!成员)|其家(?:中|里)|其(?:妻|夫|父(?!母)|母(?!亲属)|孙|长子|次子|长女|次女)|其子(?!女)|其女(?!婿)|之(?:妻|夫|子(?!女)|女(?!婿))|"
              r"妻子|丈夫|儿子|女儿|老伴|父亲|母亲|公公|婆婆|爷爷|奶奶|外公|外婆|孙子|孙女|"
              r"我(?:父亲|母亲|妻子|丈夫|儿子|女儿|爱人|家|本人|于|因|自|曾)|本人(?:于|因患|患有|患)|申请人(?:于|因|在|自|曾|系|患)|"
              r"现年|同志|先生|女士|同学(?!们|会)|"
              r"(?<![0-9满过])\d{1,3}\s*周?岁(?!以[上下]|及以[上下]|[至到\-—～~]|以内|的)|"
              r"(?<![一二三四五六七八九十满过])[一二三四五六七八九十]{1,3}周?岁(?!以[上下]|及以[上下]|[至到\-—～~]|以内|的)|"
              r"[，,（(]\s*[男女]\s*[，,）)、]|户主|申请人[\u4e00-\u9fa5]{2,3}[，,（(]")
