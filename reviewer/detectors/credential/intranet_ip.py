"""credential.intranet_ip.v1 — private IPv4 addresses (RFC 1918): 10/8, 172.16/12, 192.168/16.

Digit lookarounds rather than ``\\b`` (Chinese characters are word characters):
"服务器地址为192.168.1.1请勿外传" matches, "1.10.2.3" (a version) and "V10.2.3.4" do not.
Every octet must be 0–255.  A 10.x address is also a plausible clause number
("10.1.2.3 技术要求"), so it needs a context word (服务器, IP, 地址…); 192.168 and
172.16–31 addresses are reported on their own.  A CIDR suffix (/24) is part of the match.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.credential import BASIS_SECURITY

_B = r"(?<![0-9A-Za-z.\-_/])"
_A = r"(?![0-9]|\.[0-9]|[A-Za-z_\-])"
_O = r"\d{1,3}"
_CIDR = r"(?:/(?:3[0-2]|[12]?\d))?"
VERSION_BEFORE = re.compile(r"(?:[Vv]|版本号?|[Vv]ersion|ver\.?|Ver\.?)\s*[:：]?\s*$")


class IntranetIpRecognizer(ReviewerRecognizer):
    ID = "credential.intranet_ip.v1"
    CATEGORY = "credential"
    TYPE = "intranet_ip"
    LABEL = "内网IP地址"
    ACTION = "redact"
    BASIS = BASIS_SECURITY
    PATTERNS = (
        ("ip_192_168", _B + rf"192\.168\.{_O}\.{_O}{_CIDR}" + _A, 0.6),
        ("ip_172_16_12", _B + rf"172\.(?:1[6-9]|2\d|3[01])\.{_O}\.{_O}{_CIDR}" + _A, 0.6),
        ("ip_10", _B + rf"10\.{_O}\.{_O}\.{_O}{_CIDR}" + _A, 0.4),
    )
    CONTEXT = ("IP", "ip", "地址", "服务器", "内网", "网段", "主机", "网关", "端口", "访问", "登录",
               "数据库", "设备", "DNS", "终端", "路由", "子网", "掩码", "部署", "http")
    CONTEXT_BEFORE = 20
    CONTEXT_AFTER = 10
    CONTEXT_BOOST = 0.2
    MIN_SCORE = 0.5
    PREFILTER = r"192\.168\.\d|172\.\d|10\.\d"

    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        addr = text[start:end].split("/")[0]
        if any(int(o) > 255 for o in addr.split(".")):
            return False
        return VERSION_BEFORE.search(text[max(start - 10, 0):start]) is None
