"""Vehicle plates (GA 36): province abbreviation + letter + 5 characters; new-energy
plates with 6 (D/F first or last); 挂/学/警/港/澳 suffixes."""

from __future__ import annotations

from reviewer.detectors.base import NOT_ALNUM_AFTER, ReviewerRecognizer
from reviewer.detectors.personal._common import BASIS_PRIVACY, NO_MASK_AFTER

_PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_L = "A-HJ-NP-Z"
_SEP = r"[·•・ -]?"


class VehiclePlateRecognizer(ReviewerRecognizer):
    ID = "personal.vehicle_plate.v2"
    TYPE = "vehicle_plate"
    HARM = True          # 条例第十五条: publishing it harms the person, whoever they are
    LABEL = "机动车号牌"
    ACTION = "redact"
    BASIS = BASIS_PRIVACY
    PATTERNS = (
        ("new_energy", rf"[{_PROV}][{_L}]{_SEP}(?:[DF][{_L}0-9]\d{{4}}|\d{{5}}[DF])" + NOT_ALNUM_AFTER
         + NO_MASK_AFTER, 0.65),
        ("ordinary", rf"[{_PROV}][{_L}]{_SEP}(?=[{_L}0-9]*\d)[{_L}0-9]{{4}}[{_L}0-9挂学警港澳]"
         + NOT_ALNUM_AFTER + NO_MASK_AFTER, 0.55),
    )
    CONTEXT = ("车牌", "号牌", "车辆", "车号", "驾驶", "机动车", "牌照", "小型汽车", "轿车", "货车")
    MIN_SCORE = 0.5
    PREFILTER = rf"[{_PROV}][{_L}]"
    PRIORITY = 5
    FLAGS = 0

    def invalidate_result(self, pattern_text: str) -> bool:
        return "XX" in pattern_text  # 陕XXX010: masked with X
