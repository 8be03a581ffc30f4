import codecs

import pytest

from reviewer.errors import RedactionError, UsageError
from reviewer.parsers import parse_bytes
from reviewer.redaction import Decision, ManualSpan, redact_document

from .conftest import ID_A, ID_B, MOBILE, assert_absent, check_golden, finding, kept_ratio

TEXT = ("关于2024年城乡低保对象公示的说明\n"
        f"申请人王某某，身份证号{ID_A}，联系电话{MOBILE}，经审核符合条件。\n"
        f"共同生活人身份证号{ID_B}。\n"
        "公示期为七个工作日，如有异议请向民政部门反映。\n")


def _doc(text=TEXT, encoding="utf-8", newline="\n", bom=b""):
    data = bom + text.replace("\n", newline).encode(encoding)
    return parse_bytes(data, "notice.txt")


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("gb18030", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
])
def test_txt_redaction_keeps_encoding_bom_and_newlines(encoding, bom, newline):
    doc = _doc(encoding=encoding, newline=newline, bom=bom)
    fs = [finding(doc, ID_A, "id_card"), finding(doc, ID_B, "id_card"), finding(doc, MOBILE, "mobile")]
    res = redact_document(doc, fs, accept_all=True)
    assert res.output.startswith(bom)
    text = res.output[len(bom):].decode(encoding)
    assert text.count(newline) == TEXT.count("\n")
    if newline == "\n":
        assert "\r" not in text
    assert "110105********002X" in text and "138****5678" in text
    assert_absent(text, [ID_A, ID_B, MOBILE])
    # parsing the output again gives the same encoding
    again = parse_bytes(res.output, "out.txt")
    assert again.metadata.encoding == doc.metadata.encoding


def test_txt_golden_and_kept_text():
    doc = _doc(encoding="gb18030", newline="\r\n")
    fs = [finding(doc, ID_A, "id_card"), finding(doc, ID_B, "id_card"), finding(doc, MOBILE, "mobile")]
    manual = [ManualSpan(doc.text.index("王某某"), doc.text.index("王某某") + 3, "person_name", "申请人姓名")]
    res = redact_document(doc, fs, manual=manual, accept_all=True, style="label")
    out = res.output.decode("gb18030")
    check_golden("txt_gb18030_label.txt", out.replace("\r\n", "\n"))
    spans = [(f.start, f.end) for f in fs] + [(m.start, m.end) for m in manual]
    assert kept_ratio(doc.text, spans, out) >= 0.98
    assert res.verified and res.log["verification"]["passed"]
    assert [e["type"] for e in res.log["removals"]] == ["person_name", "id_card", "mobile", "id_card"]


def test_txt_decisions_reject_keeps_and_accept_removes_with_who_and_when():
    doc = _doc()
    fa, fb = finding(doc, ID_A, "id_card"), finding(doc, ID_B, "id_card")
    res = redact_document(doc, [fa, fb], decisions={
        fa.id: Decision("accept", by="李审核", at="2024-05-01T10:00:00+08:00", reason="申请人身份证号属于个人隐私"),
        fb.id: "reject"})
    out = res.output.decode("utf-8")
    assert ID_A not in out and ID_B in out
    (entry,) = res.log["removals"]
    assert entry["accepted_by"] == "李审核" and entry["accepted_at"] == "2024-05-01T10:00:00+08:00"
    assert entry["reason"] == "申请人身份证号属于个人隐私"
    assert entry["basis"].startswith("《中华人民共和国政府信息公开条例》第十五条")
    assert entry["location"] == {"part": "body", "line": 2}
    assert res.log["decisions"]["rejected"] == [fb.id]
    assert "李审核" in res.log_table and "第2行" in res.log_table


def test_txt_accept_suggested_leaves_block_and_review_findings():
    doc = _doc("机密★5年\n" + TEXT)
    mark = finding(doc, "机密★5年", "secrecy_mark", category="secrecy", action="block")
    rev = finding(doc, ID_B, "id_card", action="review")
    res = redact_document(doc, [mark, rev, finding(doc, ID_A, "id_card")], accept_suggested=True)
    out = res.output.decode("utf-8")
    assert "机密★5年" in out and ID_B in out and ID_A not in out
    assert res.log["decisions"]["blocking_unresolved"] == [mark.id]
    assert "不得公开" in res.log_table


def test_txt_overlapping_findings_merge_into_one_removal():
    doc = _doc()
    s = doc.text.index(ID_A)
    f1 = finding(doc, ID_A, "id_card")
    m = ManualSpan(s - 5, s + 6, "manual", "人工标注")
    res = redact_document(doc, [f1], manual=[m], accept_all=True)
    assert len(res.log["removals"]) == 1
    assert len(res.log["removals"][0]["sources"]) == 2
    assert_absent(res.output.decode(), [ID_A])


@pytest.mark.parametrize("decisions,manual,code", [
    ({"nope": "accept"}, (), "unknown_finding"),
    ({}, [{"start": 5, "end": 2}], "bad_manual_span"),
    ({}, [{"start": 0}], "bad_manual_span"),
])
def test_txt_bad_decisions_are_usage_errors(decisions, manual, code):
    doc = _doc()
    with pytest.raises(UsageError) as exc:
        redact_document(doc, [finding(doc, ID_A, "id_card")], decisions=decisions, manual=manual)
    assert exc.value.code == code


def test_txt_encoding_that_cannot_hold_the_mask_is_an_error():
    data = "姓名：張三，電話13812345678。\n".encode("big5")
    doc = parse_bytes(data, "big5.txt")
    if doc.metadata.encoding.lower().replace("_", "") not in ("big5",):
        pytest.skip(f"parser read this sample as {doc.metadata.encoding}")
    with pytest.raises(RedactionError) as exc:
        redact_document(doc, [finding(doc, "13812345678", "mobile")], accept_all=True, style="label")  # 删 is not in Big5
    assert exc.value.code == "encoding_cannot_hold_mask"


def test_txt_log_table_golden():
    doc = _doc(encoding="gb18030", newline="\r\n")
    fs = [finding(doc, ID_A, "id_card"), finding(doc, MOBILE, "mobile"), finding(doc, ID_B, "id_card")]
    at = "2024-05-06T09:30:00+08:00"
    decisions = {fs[0].id: Decision("accept", "李审核", at, "申请人的身份证号属于个人隐私"),
                 fs[1].id: Decision("accept", "李审核", at),
                 fs[2].id: Decision("reject", "李审核", at, "共同生活人同意公开")}
    manual = [ManualSpan(doc.text.index("王某某"), doc.text.index("王某某") + 3, "person_name", "申请人姓名",
                         by="王复核", at=at)]
    res = redact_document(doc, fs, decisions=decisions, manual=manual)
    check_golden("txt_log_table.md", res.log_table)
