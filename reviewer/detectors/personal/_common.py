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
