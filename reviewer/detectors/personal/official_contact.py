"""Official contact details are lawful content: recognise them instead of raising them.

《政府信息公开条例》第二十条(二) makes the contact details of an organ public: the
"联系人：…，电话：…" at the end of a 通知 or in a 附注, a 咨询电话, an office e-mail
(…@….gov.cn), the 负责人 in a 机构职能 notice.  This document detector runs after the
text recognizers and before ``personal.name_layout.v1``; it marks contact items in such a
clause as *recognised* (``Finding.recognise``: they leave ``findings`` for the contract's
``recognised`` list, with the rule and the reason).  A label on the line above or below
counts as the same clause.  A mobile number stays a finding (``review``): it may be the
official's own phone.  A clause that is about a private person (申请人, 当事人, 户主,
身份证, 家住…) is left alone.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import DocumentDetector
from reviewer.detectors.personal._common import BASIS_OFFICIAL

CONTACT_TYPES = {"mobile", "landline", "email", "person_name", "address"}
OFFICIAL_MARKERS = re.compile(
    r"联系人|联系电话|联系方式|咨询电话|办公电话|监督电话|举报电话|投诉电话|值班电话|服务电话|热线|传\s*真|"
    r"电子邮箱|电子信箱|邮箱|通讯地址|邮寄地址|联系地址|办公地址|办公室|受理电话|报名电话|政策咨询|"
    r"发送至|发至|报送至|报至|发送到|投递至|报送邮箱|电子邮件至|邮件至|发送邮件|电子邮件发送|来信来函")
# words that put a private person in the clause ("残疾", "学生" are not here: they are in
# the names of organs — 残疾人联合会, 学生资助管理中心)
PRIVATE_MARKERS = re.compile(
    r"申请人|被申请人|当事人|户主|被处罚|患者|身份证|公民身份号码|家住|住址|现住|举报人|投诉人|信访人|"
    r"村民|低保户|救助对象|特困人员|家属|监护人|犯罪|"
    # a private person's own number: 家庭电话, 宅电, 本人…
    r"本人|家庭电话|家庭住址|住宅电话|宅电|家中|私人|个人(?:电话|手机|邮箱|微信)|妻子|丈夫|其妻|其夫|其子|其女|"
    r"来信人|反映人|求助人|受害人|被害人|网民")
# a number written right after the name of an organ: 石家庄市教育局 0311-…
ORG_BEFORE = re.compile(r"(?:局|厅|委|办|中心|院|政府|部|处|科|室|所|站|会|馆|队|司|中心校|学校|医院)"
                        r"[\s/:：、，,（(]*$")
OFFICIAL_TITLES = re.compile(r"机构职能|领导(?:信息|分工|班子|简介)|机构设置|内设机构|通讯录|联系方式")
_CLAUSE_STOP = "。！？!?\n"
# a unit of an organ right before a name right before the number: 公共服务处田伟强0311-…
STAFF_OF_UNIT = re.compile(r"(?:厅|局|处|科|司|中心|部|委|办公室|办|站|所|院|队|会|室|股)[:：]?"
                           r"[\u4e00-\u9fa5]{2,3}[:：，,]?[\s（(]*$")


def clause_around(text: str, start: int, end: int, before: int = 80, after: int = 30) -> tuple[int, int]:
    i = start
    while i > 0 and start - i < before and text[i - 1] not in _CLAUSE_STOP:
        i -= 1
    j = end
    while j < len(text) and j - end < after and text[j] not in _CLAUSE_STOP:
        j += 1
    return i, j


class OfficialContactDetector(DocumentDetector):
    ID = "personal.official_contact.v1"
    TYPES = ("mobile", "landline", "email", "person_name", "address")
    LABEL = "机关工作联系方式"
    ACTION = "review"
    BASIS = BASIS_OFFICIAL
    ORDER = 50

    def detect(self, doc, text_results):
        text = doc.text
        title = (getattr(doc.structure, "title", None) or text[:200])
        official_doc = bool(OFFICIAL_TITLES.search(title))
        last_official_end = -10**9
        for f in sorted(text_results, key=lambda f: f.start):
            if f.type not in CONTACT_TYPES or f.category != "personal" or f.recognised:
                continue
            reason = self.official_reason(text, f, official_doc)
            if reason is None and f.start - last_official_end <= 40 \
                    and not any(c in text[last_official_end:f.start] for c in "。！？!?") \
                    and not PRIVATE_MARKERS.search(text[last_official_end:f.start]):
                reason = "与机关联系方式同列"
            if reason is None:
                reason = self.neighbour_line_reason(text, f)
            if reason:
                mark_official(f, reason)
                last_official_end = f.end
        return []

    @staticmethod
    def neighbour_line_reason(text: str, f) -> str | None:
        """联系人：王明\n0311-87654321 — the label on the line above, or just below."""
        if f.type not in ("landline", "email", "person_name", "mobile", "address"):
            return None
        ls = text.rfind("\n", 0, f.start) + 1
        le = text.find("\n", f.end)
        le = len(text) if le < 0 else le
        line = text[ls:le]
        if len(line) > 60 or PRIVATE_MARKERS.search(line):
            return None
        prev_s = text.rfind("\n", 0, max(0, ls - 1)) + 1
        prev = text[prev_s:max(prev_s, ls - 1)]
        nxt_e = text.find("\n", le + 1)
        nxt = text[le + 1:len(text) if nxt_e < 0 else nxt_e] if le < len(text) else ""
        for other, where in ((prev[-40:], "上一行"), (nxt[:40], "下一行")):
            if not other or PRIVATE_MARKERS.search(other):
                continue
            m = OFFICIAL_MARKERS.search(other)
            if m:
                return f"{where}为“{m.group(0)}”等机关联系方式"
        return None

    @staticmethod
    def official_reason(text: str, f, official_doc: bool) -> str | None:
        if f.type == "email" and re.search(r"\.gov\.cn$|\.gov$", f.text, re.I):
            return "政府机关域名邮箱"
        i, j = clause_around(text, f.start, f.end)
        left, right = text[i:f.start], text[f.end:j]
        if PRIVATE_MARKERS.search(left) or PRIVATE_MARKERS.search(right[:12]):
            return None
        m = OFFICIAL_MARKERS.search(left) or OFFICIAL_MARKERS.search(right[:10])
        if m:
            return f"位于“{m.group(0)}”等机关联系方式中"
        if f.type in ("landline", "mobile", "email") and STAFF_OF_UNIT.search(left[-24:]):
            return "机关内设机构工作人员的联系方式"
        if f.type in ("landline", "email") and ORG_BEFORE.search(text[max(0, f.start - 12):f.start]):
            return "紧随机关名称的联系方式"
        if f.type == "landline" and re.search(r"电\s*话|传\s*真|Tel|TEL", left[-12:]):
            return "机关办公电话"
        if official_doc and f.type in ("person_name", "landline", "email"):
            return "机构职能/领导信息类公开内容"
        return None


def mark_official(f, reason: str) -> None:
    """Recognise an official contact item; a mobile stays a finding for ``review``."""
    f.action = "review"
    f.explanation = dict(f.explanation)
    f.explanation["official_contact"] = reason
    line = f.explanation.get("text") or ""
    if f.type == "mobile":
        f.explanation["lawful_basis"] = BASIS_OFFICIAL
        f.explanation["text"] = (f"{line}；{reason}，但手机号码可能是工作人员的个人号码，"
                                 "请确认是否为公开的办公号码").lstrip("；")
        return
    rule = "agency_address" if f.type == "address" else "official_contact"
    f.recognise(rule, f"{reason}（条例第二十条（二））")
    f.explanation["text"] = f"{line}；{reason}，依法可公开".lstrip("；")
