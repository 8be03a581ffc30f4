"""Decisions carry over to a revised draft only where the text and its context are unchanged."""

from __future__ import annotations

from reviewer.review.carryover import carry_over, context_key, locate_span

OLD = ("各区县人民政府，市政府各部门：\n经研究，决定对困难群众王小明（身份证号：11010519491231002X）开展走访慰问。"
       "请各单位按照要求认真组织实施，确保慰问资金及时足额发放。")


def _finding(text: str, needle: str, fid: str) -> dict:
    i = text.index(needle)
    return {"id": fid, "context_key": context_key(text, i, i + len(needle), "id_card")}


def test_carryover_same_context_is_carried():
    new = "示例市人民政府办公室文件\n" + OLD + "\n特此通知。"      # edits far from the finding
    prev = {_finding(OLD, "11010519491231002X", "A")["context_key"]: {"decision": "accept"}}
    assert carry_over(prev, [_finding(new, "11010519491231002X", "B")]) == {"B": {"decision": "accept"}}


def test_carryover_changed_context_is_not_carried():
    new = OLD.replace("王小明", "李四")
    prev = {_finding(OLD, "11010519491231002X", "A")["context_key"]: {"decision": "accept"}}
    assert carry_over(prev, [_finding(new, "11010519491231002X", "B")]) == {}


def test_carryover_manual_span_relocated():
    i = OLD.index("王小明")
    before, after = OLD[max(0, i - 24):i], OLD[i + 3:i + 27]
    new = "新增一段。\n" + OLD
    assert locate_span(new, "王小明", before, after) == (new.index("王小明"), new.index("王小明") + 3)
    assert locate_span(new.replace("困难群众", "群众"), "王小明", before, after) is None
