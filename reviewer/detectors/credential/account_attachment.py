"""credential.account_attachment.v1 — attachments that carry accounts and passwords.

"附件：系统账号及密码", "附件2.各单位登录账号密码清单", "账号密码详见附件": the body is
harmless, the attachment is not.  Action ``review``: the reviewer checks that the
attachment is withheld (or its credentials removed) before publication.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import ReviewerRecognizer
from reviewer.detectors.credential import BASIS_SECURITY

_CRED = r"(?:账号|帐号|用户名|登录名|口令|密码|密钥)"


class AccountAttachmentRecognizer(ReviewerRecognizer):
    ID = "credential.account_attachment.v1"
    CATEGORY = "credential"
    TYPE = "account_attachment"
    LABEL = "附件含系统账号密码"
    ACTION = "review"
    BASIS = BASIS_SECURITY
    FLAGS = re.MULTILINE
    PATTERNS = (
        ("attachment_title",
         r"(?:^|(?<=[\n \t\u3000]))附件[ \t\u3000]*\d{0,2}[ \t\u3000]*[:：.．、]?[ \t\u3000]*(?:\d{1,2}[.．、])?"
         r"[^。；;\n：:，,（）()\u3000]{0,24}?" + _CRED + r"[^。；;\n]{0,16}?(?:及|和|与|、)?(?:密码|口令|清单|一览表|表|信息)(?:清单|一览表|表)?",
         0.85),
        # the attachment's own title on a line of its own: "各县区统计直报系统账号及初始密码一览表"
        ("attachment_heading",
         r"^[ \t\u3000]*(?P<v>(?!第[一二三四五六七八九十百零\d]+[章节条])(?![ \t\u3000])[^。；;\n：:，,]{0,30}?" + _CRED
         + r"(?:及|和|与|、)(?:初始|登录|默认)?(?:密码|口令)(?:清单|一览表|汇总表|明细表|分配表|表|信息)?)[ \t\u3000]*$",
         0.8),
        ("see_attachment",
         _CRED + r"(?:及|和|与|、)?(?:密码|口令)[^。；;\n]{0,8}?(?:详)?见附件[ \t\u3000]*\d{0,2}", 0.85),
    )
    MIN_SCORE = 0.5
    PREFILTER = r"附件|(?:及|和|与|、)(?:初始|登录|默认)?(?:密码|口令)"
