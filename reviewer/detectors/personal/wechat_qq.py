"""WeChat and QQ account ids after their labels: 微信号：zhang_san88, 微信：wxid_…, QQ：123456789.

A private person's instant-messaging id is contact information like a mobile number
(条例第十五条).  Formats (as the two services publish them): a WeChat id is 6–20 letters,
digits, ``_`` or ``-`` starting with a letter, or a system id ``wxid_…``; a QQ number is
5–12 digits not starting with 0.  Both are ordinary strings, so an id is reported only
right after its label (微信/微信号/VX/WeChat, QQ/QQ号).  Not reported: 公众号/视频号/小程序
names, QQ群 and 微信群 numbers (a group, not a person), an id given by an organ for
咨询/报名/客服 or in its 联系人/联系电话/邮箱 clause (its own contact channel, 条例第二十条（二）), and a mobile number written as the WeChat id
(``personal.mobile`` reports that one).
"""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_ALNUM_AFTER, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY, NO_MASK_AFTER
from reviewer.detectors.personal.official_contact import OFFICIAL_MARKERS, PRIVATE_MARKERS

_LABEL_SEP = r"\s*(?:号码?|账号|帐号|ID|id)?\s*(?:为|是)?\s*[:：]?\s*"
_ORGAN_USE = re.compile(r"(?:咨询|报名|客服|官方|服务|工作|办公|热线|公众|投诉(?!人)|举报(?!人)|联系我们)[^，。；\n]{0,6}$")


class WechatQQRecognizer(ReviewerRecognizer):
    ID = "personal.wechat_qq.v1"
    TYPE = "wechat_qq"
    HARM = True          # 条例第十五条: a private person's messaging id, like a mobile number
    LABEL = "微信号/QQ号"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("wechat", r"(?:微信|微信号|WeChat|Wechat|wechat|WECHAT|VX|vx|Vx|V信|威信)(?!公众|群|视频|小程序|支付|搜索)"
                   + _LABEL_SEP + r"(?P<v>wxid_[A-Za-z0-9_-]{4,30}|[A-Za-z][-_A-Za-z0-9]{5,19})"
                   + NOT_ALNUM_AFTER + r"(?![-_@.])" + NO_MASK_AFTER, 0.7),
        ("qq", r"(?<![A-Za-z])(?:QQ|qq|Qq)(?!群|邮箱|空间)" + _LABEL_SEP
               + r"(?P<v>[1-9]\d{4,11})(?![0-9@.])" + NO_MASK_AFTER, 0.7),
    )
    CONTEXT = ()
    MIN_SCORE = 0.5
    PREFILTER = r"微信|WeChat|Wechat|wechat|WECHAT|VX|vx|Vx|V信|威信|QQ|qq|Qq"
    PRIORITY = 4
    PATTERN_NEEDS = {"wechat": ("微信", "WeChat", "Wechat", "wechat", "WECHAT", "VX", "vx", "Vx", "V信", "威信"),
                     "qq": ("QQ", "qq", "Qq")}

    def accept(self, text, start, end, match) -> bool:
        value = text[start:end]
        if self.pattern_name(match) == "wechat" and re.fullmatch(r"[Xx*]+|[A-Za-z]+\*+.*", value):
            return False
        clause = max(text.rfind(c, 0, match.start()) for c in "。；;\n") + 1
        if _ORGAN_USE.search(text, max(clause, match.start() - 12), match.start()):
            return False
        # in an organ's 联系人/联系电话/邮箱 clause it is that office's channel (条例第二十条（二）)
        left = text[max(clause, match.start() - 80):match.start()]
        return not (OFFICIAL_MARKERS.search(left) and not PRIVATE_MARKERS.search(left))
