"""Highlighted segments of the document text: offsets, overlaps, categories."""

from __future__ import annotations

import time

from api.web.textview import redacted_preview, segments


def _f(fid, start, end, category="personal", decision=None, text=None, ftype="id_card", action="redact"):
    return {"id": fid, "start": start, "end": end, "category": category, "type": ftype, "action": action,
            "text": text, "score": 1.0, "basis": "", "decision": {"decision": decision} if decision else None}


def test_segments_cover_the_text_exactly_with_their_offsets():
    text = "甲乙丙丁戊己庚辛"
    segs = segments(text, [_f("A", 1, 4), _f("B", 3, 6, "secrecy")], [{"id": 7, "start": 6, "end": 7}])
    assert "".join(s.text for s in segs) == text
    assert all(text[s.start:s.end] == s.text for s in segs)
    by_start = {s.start: s for s in segs}
    assert by_start[0].category is None
    assert by_start[1].finding_ids == ["A"] and by_start[1].category == "personal"
    assert sorted(by_start[3].finding_ids) == ["A", "B"] and by_start[3].category == "secrecy"   # secrecy wins
    assert by_start[4].finding_ids == ["B"]
    assert by_start[6].finding_ids == ["M7"] and by_start[6].category == "manual"
    assert by_start[7].category is None


def test_segments_ignore_spans_outside_the_text_and_scale():
    text = "x" * 200_000
    findings = [_f(f"F{i}", i * 20, i * 20 + 10) for i in range(5000)] + [_f("bad", 5, 999_999)]
    t0 = time.monotonic()
    segs = segments(text, findings)
    assert time.monotonic() - t0 < 2.0
    assert "".join(s.text for s in segs) == text
    assert sum(1 for s in segs if s.category) == 5000


def test_preview_removes_accepted_and_manual_keeps_rejected_and_undecided():
    text = "身份证号11010519491231002X，电话13912345678，姓名王小明。"
    idn, tel = text.index("1101"), text.index("139")
    findings = [_f("A", idn, idn + 18, decision="accept", text="11010519491231002X"),
                _f("B", tel, tel + 11, decision="reject", text="13912345678", ftype="mobile")]
    name = text.index("王小明")
    manual = [{"id": 1, "start": name, "end": name + 3, "reason": "姓名"}]
    partial, summary = redacted_preview(text, findings, manual, "partial")
    assert "110105********002X" in partial and "13912345678" in partial and "王小明" not in partial
    assert summary["accepted"] == ["A"] and summary["rejected"] == ["B"]
    block, _ = redacted_preview(text, findings, manual, "block")
    assert "■■■" in block and "1101" not in block
    labelled, _ = redacted_preview(text, findings, manual, "label")
    assert "〔已删除：个人隐私〕" in labelled
