"""credential.api_key.v1 — access keys and tokens: AKIA…, LTAI…, sk-…, long hex/base64 secrets.

Well-known prefixes are reported on their own.  A bare long hex or base64 string is
reported only next to a key word (密钥, token, AccessKey, SecretKey, AppSecret …);
a hash next to SHA256/MD5/哈希/校验值 is not a secret.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_ALNUM_AFTER, NOT_ALNUM_BEFORE, ReviewerRecognizer
from reviewer.detectors.credential import BASIS_SECURITY

_B, _A = NOT_ALNUM_BEFORE, NOT_ALNUM_AFTER


class ApiKeyRecognizer(ReviewerRecognizer):
    ID = "credential.api_key.v1"
    CATEGORY = "credential"
    TYPE = "api_key"
    LABEL = "访问密钥或令牌"
    ACTION = "redact"
    BASIS = BASIS_SECURITY
    PATTERNS = (
        ("aws_access_key", _B + r"(?:AKIA|ASIA)[0-9A-Z]{16}" + _A, 0.9),
        ("aliyun_access_key", _B + r"LTAI[0-9A-Za-z]{12,20}" + _A, 0.85),
        ("sk_token", r"(?<![0-9A-Za-z\-])sk-[A-Za-z0-9_\-]{20,}" + _A, 0.85),
        ("github_token", _B + r"gh[pousr]_[A-Za-z0-9]{36}" + _A, 0.9),
        ("jwt", _B + r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{6,}" + _A, 0.95),
        ("bearer", r"(?<![A-Za-z])Bearer[ \t]+(?P<v>[A-Za-z0-9\-._~+/]{16,}=*)", 0.9),
        # a value written after a key label, whatever its length: "SecretKey：Yx8kPq2LmN4v", "token=…"
        ("labelled_secret", r"(?<![A-Za-z])(?:AccessKey(?:[ _]?(?:ID|Id|Secret))?|SecretKey|SecretId|Secret[ _]?Key|"
                            r"AppKey|AppSecret|App[ _]?Secret|ClientSecret|client_secret|access_token|accessToken|"
                            r"refresh_token|api[_\-]?key|API[ _]?Key|ApiKey|token|Token|TOKEN|secret|"
                            r"密钥|秘钥|私钥|令牌|授权码|接口密钥|访问密钥)"
                            r"(?:[ \t]*(?:[:：=]|为|是)[ \t]*|[ \t]+)[\"']?(?P<v>[A-Za-z0-9+/_\-.]{12,128}={0,2})(?![A-Za-z0-9+/_\-])",
         0.85),
        ("hex_secret", _B + r"[0-9a-fA-F]{32,64}" + _A, 0.2),
        ("base64_secret", r"(?<![0-9A-Za-z+/=_\-])[A-Za-z0-9+/_\-]{24,88}={0,2}(?![0-9A-Za-z+/=_\-])", 0.15),
    )
    CONTEXT = ("密钥", "秘钥", "私钥", "令牌", "token", "Token", "TOKEN", "AccessKey", "accessKey",
               "access_key", "AccessKeySecret", "SecretKey", "secretKey", "secret_key", "Secret", "secret",
               "AppKey", "appKey", "app_key", "AppSecret", "appSecret", "app_secret", "API Key",
               "API key", "api_key", "apikey", "APIKey", "ApiKey", "授权码", "key=", "Key：", "Key:")
    NEGATIVE_CONTEXT = ("SHA256", "sha256", "SHA-256", "SHA1", "sha1", "MD5", "md5", "哈希", "散列",
                        "校验值", "校验码", "摘要", "指纹", "sha256:", "commit")
    CONTEXT_BEFORE = 24
    CONTEXT_AFTER = 4
    CONTEXT_BOOST = 0.45
    MIN_SCORE = 0.6
    PREFILTER = r"[0-9A-Za-z+/_\-]{12}"

    def accept(self, text: str, start: int, end: int, match: re.Match) -> bool:
        value = text[start:end]
        # a generic string must mix letters and digits (not a long English word or number)
        return bool(re.search(r"\d", value) and re.search(r"[A-Za-z]", value))
