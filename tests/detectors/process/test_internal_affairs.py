"""process.internal_affairs.v1: internal affairs as the document's subject (its title)."""

import pytest

from reviewer.detectors.process.internal_affairs import InternalAffairsDetector
from reviewer.parsers import parse_bytes

DET = InternalAffairsDetector()


@pytest.mark.parametrize("text, expected", [
    ("关于2024年春节期间值班安排的通知\n各科室：", ["值班安排"]),
    ("关于张××等同志职务任免的通知\n各单位：", ["职务任免"]),
    ("关于2023年度机关工作人员考勤情况的通报\n各处室：", ["考勤"]),
    ("××局机关公务用车管理办法\n第一条", ["公务用车"]),
    # negatives: the words inside a sentence, or a public policy title
    ("为加强干部考察工作，制定本办法。", []),
    ("关于做好2024年高校毕业生就业工作的通知\n各市人民政府：\n要做好考勤管理。", []),
])
def test_internal_affairs(text, expected):
    assert [f.explanation["context_word"] for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected
