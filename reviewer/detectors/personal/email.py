"""E-mail addresses (ASCII local part; touching Chinese text on either side); next to
邮箱/电子邮件 also the obfuscated forms (zhangsan#163.com, zhangsan(at)163.com, spaces around
@, a Chinese full stop in the domain)."""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY


_GLUED_PHONE = re.compile(r"(?:0\d{2,3}-)?\d{7,8}(?=[A-Za-z][A-Za-z0-9._%+-]*@)")


class EmailRecognizer(ReviewerRecognizer):
    ID = "personal.email.v2"
    TYPE = "email"
    HARM = False         # an organ's public details share this type (条例第二十条（二）)
    LABEL = "电子邮箱"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("email", r"(?<![A-Za-z0-9._%+*＊-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
                  r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                  r"\.[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])", 0.8),
        # written so a crawler cannot read it: zhangsan#163.com, zhangsan(at)163.com, a space
        # around @, a Chinese full stop in the domain — only next to 邮箱/电子邮件
        ("obfuscated", r"(?<![A-Za-z0-9._%+*＊-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
                       r"(?:\s?[#＃]\s?|\s?[(（\[【]\s?(?:at|AT)\s?[)）\]】]\s?|\s(?:at|AT)\s|\s@\s?|@\s)"
                       r"[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:[.。][A-Za-z0-9-]{1,63})*[.。](?:com|cn|net|org|edu|gov)"
                       r"(?:[.。]cn)?(?![A-Za-z0-9])"
                       r"|(?<![A-Za-z0-9._%+*＊-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}"
                       r"(?:[.。][A-Za-z0-9-]{1,63})*。(?:com|cn|net|org)(?![A-Za-z0-9])", 0.3),
    )
    CONTEXT = ("邮箱", "电子邮件", "E-mail", "Email", "email", "邮件", "信箱")
    MIN_SCORE = 0.5
    PREFILTER = r"@|#|＃|at|AT"
    PATTERN_NEEDS = {"email": ("@",)}
    PRIORITY = 6

    def refine(self, text, start, end, match):
        """Text extracted from HTML glues a phone number to the address that follows it
        (``022-28237492lishuli@tj.gov.cn``): leave the number out."""
        m = _GLUED_PHONE.match(text, start, end)
        return (m.end(), end) if m else (start, end)

    def invalidate_result(self, pattern_text: str) -> bool:
        local = pattern_text.split("@", 1)[0]
        if re.fullmatch(r"[Xx]+", local):  # XXX@shandong.cn: already masked
            return True
        return ".." in pattern_text or local.endswith(".")
