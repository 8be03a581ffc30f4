"""credential.admin_url.v1 — URLs of internal systems and management back-ends.

``http://192.168.12.24:8080/eportall/admin`` (an intranet host), ``http://oa.local/``,
``https://www.example.gov.cn/manage/login.jsp`` (a public host, but a management
path).  A public site's ordinary page (``https://www.gov.cn/zhengce/``) is not reported.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.credential import BASIS_SECURITY

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
# A path ends on a character that cannot be sentence punctuation: "(见http://x/admin)。"
_PATH = rf"(?:/(?:{_URL_CHARS}*[A-Za-z0-9\-_~/=#%&])?)?"
PRIVATE_HOST = re.compile(
    r"^(?:10\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])|192\.168)\.\d{1,3}\.\d{1,3}$"
    r"|^(?:localhost|127\.0\.0\.1)$"
    r"|^[A-Za-z0-9\-]+$"                                       # single-label intranet name
    r"|\.(?:local|lan|intra|intranet|internal|corp|home)$", re.I)
ADMIN_WORDS = re.compile(
    r"(?:^|[/._\-=?])(?:admin\w*|manage\w*|manager|oa|login|logon|eportal\w*|console|backend|"
    r"sysadmin|system|cms|webadmin|dashboard|phpmyadmin|druid|actuator|nacos|jenkins|wp-admin)"
    r"(?:$|[/._\-?=#])", re.I)


class AdminUrlRecognizer(ReviewerRecognizer):
    ID = "credential.admin_url.v1"
    CATEGORY = "credential"
    TYPE = "admin_url"
    LABEL = "内部系统或管理后台地址"
    ACTION = "redact"
    BASIS = BASIS_SECURITY
    PATTERNS = (
        ("url", r"(?i)https?://(?P<host>[A-Za-z0-9\-.]+)(?::\d{1,5})?" + _PATH, 0.9),
        ("ip_port_path", r"(?<![0-9A-Za-z./])(?P<host>(?:10|172\.(?:1[6-9]|2\d|3[01])|192\.168)"
                         r"(?:\.\d{1,3}){2,3}):\d{2,5}" + _PATH, 0.9),
        # an intranet address with a path and no scheme: "10.3.2.1/admin/login.jsp", "oa.hb.local/portal"
        ("ip_path", r"(?<![0-9A-Za-z./])(?P<host>(?:10|172\.(?:1[6-9]|2\d|3[01])|192\.168)(?:\.\d{1,3}){2,3})"
                    r"/[A-Za-z][A-Za-z0-9\-._~/?=&%#]*[A-Za-z0-9\-_~/=#%&]", 0.9),
        ("local_host_path", r"(?<![0-9A-Za-z./@])(?P<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:local|lan|intra|intranet|internal|corp))"
                            r"(?::\d{2,5})?(?:/[A-Za-z0-9\-._~/?=&%#]*)?(?![A-Za-z0-9])", 0.85),
    )
    CONTEXT = ("系统", "后台", "登录", "访问", "地址", "网址", "链接")
    CONTEXT_BOOST = 0.1
    MIN_SCORE = 0.5
    PREFILTER = r"(?i)https?://|\d:\d|\d/[A-Za-z]|\.(?:local|lan|intra|intranet|internal|corp)(?![A-Za-z])"
    PRIORITY = 20

    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        host = match.group("host").rstrip(".")
        if match.re.pattern.startswith("(?<!"):
            return True  # an intranet ip:port or ip/path, a .local host: internal by construction
        rest = match.group(0)[match.group(0).find(host) + len(host):]
        if PRIVATE_HOST.search(host):
            return True
        return ADMIN_WORDS.search(host.split(".")[0] + "." + rest if rest else host.split(".")[0] + ".") is not None
