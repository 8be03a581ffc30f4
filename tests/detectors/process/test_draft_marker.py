"""process.draft_marker.v1: a draft marker in the title or on its own line, not a mention."""

import pytest

from reviewer.detectors.process.draft_marker import DraftMarkerDetector
from reviewer.parsers import parse_bytes

DET = DraftMarkerDetector()


@pytest.mark.parametrize("text, expected", [
    ("××市人民政府办公室\n关于印发《××市政务公开管理办法》的通知（征求意见稿）\n各县（市、区）人民政府：",
     ["（征求意见稿）"]),
    ("××市政务公开管理办法\n（征求意见稿）\n第一条 为了规范政务公开工作，制定本办法。", ["（征求意见稿）"]),
    ("讨论稿\n关于调整城市低保标准的方案\n各区民政局：", ["讨论稿"]),
    ("正文。\n附件\n××县农村公路养护管理办法（送审稿）\n第一条 ……", ["（送审稿）"]),
    # negatives: mentions
    ("现将《××办法（征求意见稿）》印发给你们，请对草案提出意见。", []),
    ("第十条 起草部门应当对草案进行审查。", []),
    ("各单位在初稿基础上修改完善，形成送审稿后报市政府。", []),
])
def test_draft_marker(text, expected):
    assert [f.text for f in DET.analyze(parse_bytes(text.encode("utf-8")))] == expected


def test_draft_marker_is_review_under_article_16():
    [f] = DET.analyze(parse_bytes("××办法\n（讨论稿）\n正文".encode("utf-8")))
    assert (f.category, f.type, f.action) == ("process", "draft_marker", "review")
    assert "第十六条" in f.basis
