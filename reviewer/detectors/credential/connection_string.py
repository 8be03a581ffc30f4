"""credential.connection_string.v1 — database and service connection strings, ssh logins.

``jdbc:mysql://10.12.3.4:3306/hr?user=root&password=…``, ``jdbc:oracle:thin:@host:1521:orcl``,
``postgresql://gis:pw@172.20.1.9/gisdb``, ``redis://:pw@10.0.8.15:6379``, ``mongodb://…``,
``ftp://user:pw@host/``, ``ssh root@10.20.30.40``: each tells an attacker where a system is
and often how to log in, so the whole string is one finding (one redaction removes host,
account and password together).  A public web address (``https://www.gov.cn/``) is not a
connection string; an ``http(s)`` URL is reported only when it carries ``user:password@``.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.credential import BASIS_SECURITY

# Characters of a URI that may stand in a Chinese sentence (no full-width punctuation, no CJK).
_URI = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%()]"
# A URI does not end on sentence punctuation: "…/gisdb。" / "…6379，"
_TAIL = r"(?:" + _URI + r"*[A-Za-z0-9\-_~/=#%&@])?"
_SCHEMES = (r"mysql|mariadb|postgres(?:ql)?|redis|rediss|mongodb(?:\+srv)?|sqlserver|mssql|oracle|"
            r"amqp|amqps|ldap|ldaps|ftp|ftps|sftp|smb|telnet|rtsp|mqtt|kafka|zookeeper|clickhouse|"
            r"elasticsearch|influxdb|neo4j|dm|kingbase|gbase|oceanbase")
_HOST = r"[A-Za-z0-9\-.]+"
_USER = r"[A-Za-z0-9_.\-]{1,32}"


class ConnectionStringRecognizer(ReviewerRecognizer):
    ID = "credential.connection_string.v1"
    CATEGORY = "credential"
    TYPE = "connection_string"
    LABEL = "数据库或服务连接串、远程登录命令"
    ACTION = "redact"
    BASIS = BASIS_SECURITY
    FLAGS = re.IGNORECASE
    PATTERNS = (
        # jdbc:mysql://…, jdbc:oracle:thin:@host:port:sid, jdbc:sqlserver://…;databaseName=…
        ("jdbc", r"(?<![A-Za-z0-9])jdbc:[A-Za-z0-9]{2,20}(?::[A-Za-z]{2,10})?:(?:@|//)" + _HOST + _TAIL, 1.0),
        # mysql://…, redis://:pw@…, mongodb+srv://…, ftp://user:pw@…
        ("service_uri", r"(?<![A-Za-z0-9+])(?:" + _SCHEMES + r")://" + _URI + r"*?" + _HOST + _TAIL, 1.0),
        # any scheme with user:password@ in it (http://admin:Pa55@…)
        ("userinfo_uri", r"(?<![A-Za-z0-9+])[A-Za-z][A-Za-z0-9+.\-]{1,15}://" + _USER + r":[^\s@/，。；]{1,64}@"
                         + _HOST + _TAIL, 1.0),
        # ssh root@10.20.30.40 -p 2222 / scp file user@host:/path
        ("ssh_login", r"(?<![A-Za-z0-9])(?:ssh|scp|sftp|telnet|mysql\s+-h)\s+(?:-[A-Za-z]\s*\S+\s+)*"
                      + _USER + r"@" + _HOST + r"(?::\S*)?(?:\s+-p\s*\d{2,5})?", 1.0),
        # mysql -h 10.1.2.3 -u root -pSecret
        ("cli_login", r"(?<![A-Za-z0-9])(?:mysql|psql|redis-cli|mongo|mongosh)\s+(?:-{1,2}[A-Za-z]+[ =]?\S+\s*){2,8}", 0.9),
    )
    MIN_SCORE = 0.5
    # not every URL: a known scheme, a user:password@ after ://, a login command
    PREFILTER = (r"jdbc:|JDBC:|://[^/\s@]{0,40}@|(?:mysql|mariadb|postgres|postgresql|redis|rediss|mongodb|mongodb\+srv|"
                 r"sqlserver|mssql|amqp|ldap|ftp|sftp|smb|telnet|rtsp|mqtt|kafka|clickhouse|dm|kingbase)://|"
                 r"(?:ssh|scp|sftp|telnet) |(?:mysql|psql|redis-cli|mongo|mongosh) +-")
    PRIORITY = 30  # the whole string wins over the intranet IP or admin URL inside it

    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        value = text[start:end]
        name = self.pattern_name(match)
        if name == "cli_login":  # "mysql -h host" with a host or user option, not a prose word
            return re.search(r"\s-(?:h|u|p|-host|-user|-password)\b", value) is not None
        if name == "service_uri":
            scheme = value.split("://", 1)[0].lower()
            rest = value.split("://", 1)[1]
            if scheme in ("ftp", "ftps", "rtsp", "ldap", "ldaps", "smb", "telnet"):
                # a public download site (ftp://ftp.example.org/pub) is not a secret; an intranet host
                # or a user:password is
                return "@" in rest or re.match(r"(?:10|172\.(?:1[6-9]|2\d|3[01])|192\.168)\.", rest) is not None \
                    or re.match(r"[A-Za-z0-9\-]+(?:[:/]|$)", rest) is not None
            return len(rest) >= 3
        return True
