"""Values the detectors see but that may be published: masked identifiers and public hotlines.

* Already-masked values — ``110101********1234``, ``138****5678``, ``6222 **** **** 0018``,
  ``张某``/``李**`` after a personal label — were de-identified before the draft reached
  review (区分处理, 条例第三十七条).  They are *recognised* (rule ``masked``), so the review
  page can show that the mask was seen, and never become findings.
* A 统一社会信用代码 (``commercial.org_id.v1``) is an organisation's public register number:
  recognised (rule ``published_by_rule``), never a finding or a trade secret.
* Public service hotlines — 12345 政务服务便民热线, 12315, 12333, 12369 … — are an organ's
  contact details (条例第二十条（二）): recognised (rule ``public_hotline``) when written as a
  number of their own next to a hotline word.

The unmasked identifier detectors never match these forms (they refuse a mask character
next to a digit run), so nothing here overlaps a finding.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_OFFICIAL, BASIS_PRIVACY
from reviewer.detectors.personal._names import split_surname

_M = "*＊×Xx●•○□■"
MASKED = (
    ("id_card", "居民身份证号码", re.compile(rf"(?<![0-9A-Za-z])[1-9]\d{{3,5}}[{_M}]{{6,10}}\d{{2,3}}[0-9Xx{_M}]"
                                          rf"(?![0-9A-Za-z])")),
    ("mobile", "手机号码", re.compile(rf"(?<![0-9])1[3-9]\d[{_M}]{{4}}\d{{4}}(?![0-9])|"
                                     rf"(?<![0-9])1[3-9]\d{{2}}[{_M}]{{4}}\d{{3}}(?![0-9])")),
    ("bank_card", "银行卡号", re.compile(rf"(?<![0-9])\d{{4,6}}[ ]?(?:[{_M}]{{4}}[ ]?){{1,3}}[{_M}]{{0,4}}\d{{3,4}}"
                                       rf"(?![0-9])")),
)
# a masked name after a personal label: 当事人：张某, 申请人李**, 户主王××
MASKED_NAME = re.compile(r"(?:姓名|当事人|申请人|被申请人|户主|举报人|投诉人|信访人|患者|被执行人|监护人|救助对象|"
                         r"被处罚人|法定代表人|负责人|联系人)\s*[:：]?\s*"
                         r"(?P<v>[\u4e00-\u9fa5]{1,2}?(?:某某?|[*＊×○〇□]{1,3}|XX|ＸＸ|xx))")
HOTLINES = {"12345": "政务服务便民热线", "12315": "市场监管投诉举报热线", "12333": "人力资源社会保障服务热线",
            "12369": "生态环境举报热线", "12320": "卫生健康热线", "12348": "公共法律服务热线",
            "12355": "青少年服务热线", "12366": "纳税服务热线", "12358": "价格举报热线", "12388": "纪检监察举报电话",
            "12380": "组工信访举报电话", "12310": "国家安全机关举报电话", "12336": "自然资源违法举报电话",
            "12319": "城建服务热线", "12329": "住房公积金热线", "12339": "国家安全机关举报电话",
            "12351": "职工维权热线", "12338": "妇女维权热线", "12328": "交通运输服务热线", "12321": "网络不良信息举报"}
_X_MASK = re.compile(r"\d[Xx]{2}|[Xx]{2}\d")
HOTLINE = re.compile(r"(?<![0-9\-－])(?P<v>" + "|".join(HOTLINES) + r")(?![0-9])")
HOTLINE_WORDS = re.compile(r"热线|拨打|电话|举报|投诉|咨询|服务|专线|值班|监督")


class LawfulValuesDetector(DocumentDetector):
    ID = "personal.lawful_values.v1"
    TYPES = ("id_card", "mobile", "bank_card", "person_name", "landline")
    LABEL = "已遮盖信息、公共服务热线"
    ACTION = "review"
    BASIS = BASIS_PRIVACY
    ORDER = 45

    def detect(self, doc, text_results):
        text = doc.text
        out = []
        for f in text_results:   # a 统一社会信用代码 is a public register number, never a trade secret
            if f.type == "org_id" and not f.recognised:
                f.recognise("published_by_rule", "统一社会信用代码是依法公示的登记号码，不是个人信息或商业秘密")
        taken: list[tuple[int, int]] = []
        masks = any(c in text for c in "*＊×●•○□■") or bool(_X_MASK.search(text))
        if masks or "某" in text:
            for typ, label, rx in MASKED if masks else ():
                for m in rx.finditer(text):
                    if sum(ch.isdigit() for ch in m.group()) < 6 or \
                            any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    taken.append(m.span())
                    out.append(self._recognised(doc, m.start(), m.end(), typ, "masked",
                                                f"已遮盖的{label}（部分字符已隐去），不属于待删除的个人信息"))
            for m in MASKED_NAME.finditer(text):
                s, e = m.span("v")
                if split_surname(text[s:s + 1] + "某") is None and split_surname(text[s:s + 2] + "某") is None:
                    continue
                out.append(self._recognised(doc, s, e, "person_name", "masked",
                                            "已隐去名字的姓名，不属于待删除的个人信息"))
        if "123" in text:
            for m in HOTLINE.finditer(text):
                s, e = m.span("v")
                around = text[max(0, s - 12):s] + text[e:e + 8]
                if not HOTLINE_WORDS.search(around):
                    continue
                f = self._recognised(doc, s, e, "landline", "public_hotline",
                                     f"{HOTLINES[m.group('v')]}，为公开的公共服务号码")
                f.basis = BASIS_OFFICIAL
                out.append(f)
        return out

    def _recognised(self, doc, s, e, typ, rule, why):
        f = self.finding(doc, s, e, score=0.9, text=why, type=typ, pattern=rule)
        f.recognise(rule, why)
        return f
