"""Home addresses down to the door: 门牌号, 号楼/栋/单元/室, 村…组…号.

The match is anchored on the fine-grained tail (``3号楼2单元501室``, ``5-2-301``,
``幸福村3组15号``) and extended to the left over the address (``河北省石家庄市…小区``),
stopping at punctuation or a label (住址：, 家住…).  A tail in a residential place
(小区, 花园, 家园, 村, 组, 公寓…) is reported on its own; any other tail (an office
building's room) only next to a home-address context word (住址, 家住, 户籍地…).
Addresses of offices ("地址：…大厦5层") in contact blocks become ``review`` through
``personal.official_contact.v1``.
"""

from __future__ import annotations

import re

from reviewer.detectors.base import NOT_DIGIT_AFTER, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY, NO_MASK_AFTER

_N = r"[0-9０-９]{1,5}"
_CN = r"[一二三四五六七八九十百]{1,4}"
_BLD = rf"(?:{_N}|{_CN})(?:号楼|栋|幢|座|号院)"
_UNIT2 = rf"{_N}(?:单元|门)"
_ROOM = rf"{_N}(?:室|号|户)"
_DASH = r"[0-9０-９]{1,4}[-－][0-9０-９]{1,3}[-－][0-9０-９]{1,4}(?:室|号)?"  # 5-2-301, not 138-1234-5678
_UNIT = (rf"(?:{_BLD}(?:{_DASH}|{_UNIT2}(?:{_N}(?:室|号|户)?)?|{_ROOM})?"
         rf"|{_UNIT2}(?:{_N}(?:室|号|户)?)?|{_DASH}|{_N}室)(?![0-9０-９\-－])")
_RESIDENTIAL = r"(?:小区|花园|家园|公寓|新村|社区|苑|庄园|宿舍|家属院|家属楼|村|屯|组)"
_DOOR = rf"(?:村|组|队|庄|屯|巷|弄|胡同|里|路|街|道|大街){_N}号(?:院)?"

_ADDR_CHARS = re.compile(r"[\u4e00-\u9fa50-9０-９A-Za-z#＃\-－]")
_LEAD_WORDS = ("家庭住址", "现住址", "户籍地址", "户籍所在地", "居住地址", "住址", "住所地", "住所", "地址",
               "家住", "现住", "现居住", "居住在", "居住于", "住在", "户籍地", "位于", "坐落于", "址",
               "：", ":", "住")
_ADMIN = re.compile(r"省|自治区|市|区|县|旗|镇|乡|街道|村|路|街|巷|弄|胡同|小区|花园|苑|里")


class AddressRecognizer(ReviewerRecognizer):
    ID = "personal.address.v1"
    TYPE = "address"
    HARM = False         # an organ's public details share this type (条例第二十条（二）)
    LABEL = "详细住址"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("residential_unit", rf"{_RESIDENTIAL}[\u4e00-\u9fa5]{{0,6}}?(?:{_UNIT})" + NOT_DIGIT_AFTER + NO_MASK_AFTER, 0.6),
        ("village_door", rf"(?:村|组|队|屯){_N}号(?:院)?" + NOT_DIGIT_AFTER + NO_MASK_AFTER, 0.55),
        ("unit", rf"(?:{_UNIT})" + NOT_DIGIT_AFTER + NO_MASK_AFTER, 0.35),
        ("door", _DOOR + NOT_DIGIT_AFTER + NO_MASK_AFTER, 0.3),
    )
    # not 住所/住所地: in decisions and licences that is where a company is registered
    CONTEXT = ("家庭住址", "住址", "家住", "现住", "户籍", "居住", "住宅", "户籍地", "家庭地址", "现居")
    NEGATIVE_CONTEXT = ("会议室", "会议", "召开", "办公", "举行", "报名地点", "考点", "考场", "邮寄地址")
    NEGATIVE_BEFORE = 30
    NEGATIVE_AFTER = 8
    CONTEXT_BEFORE = 40
    MIN_SCORE = 0.5
    PREFILTER = r"室|单元|号楼|栋|幢|号院|[村组队屯巷弄路街里道]\d|\d-\d"
    PRIORITY = 1

    def refine(self, text, start, end, match):
        """Extend to the left over the address itself."""
        i = start
        limit = max(0, start - 40)
        while i > limit and _ADDR_CHARS.match(text, i - 1):
            i -= 1
        head = text[i:start]
        cut = 0
        for w in _LEAD_WORDS:
            k = head.rfind(w)
            if k >= 0:
                cut = max(cut, k + len(w))
        head = head[cut:]
        if _ADMIN.search(head) is None:  # no place name: keep at most a short name before
            head = head[-8:]
        return start - len(head), end
