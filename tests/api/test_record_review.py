"""The 保密审查记录 states the security review itself, in all three forms (JSON, DOCX, PDF).

Who (the 保密审查员) decided the redactions and their opinion; each finding with its decision
(删除 / 保留) and reason; manual redactions; the attribute chosen and whether it overrode the
suggestion (then an opinion is required); the recognised items that were kept.  Types and
places are in Chinese, never ``person_name`` or ``body``.
"""

from __future__ import annotations

import io
import subprocess

from tests.api.conftest import ID_NUMBER, docx_text
from tests.api.helpers import scanned, sign


def _pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def _docx_all(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return docx_text(data) + "\n" + "\n".join(cells)


def test_record_names_the_security_review(server):
    doc = scanned(server, "联系单位：市民政局社会救助科，联系电话：0571-85171234。")
    case_id = doc["id"]
    officer = server.client("officer")
    findings = doc["current_version"]["scan"]["findings"]
    by_type = {f["type"]: f for f in findings}
    assert doc["current_version"]["scan"]["suggestion"]["attribute"] == "not_public"
    decisions = [{"finding_id": by_type["id_card"]["id"], "decision": "accept"},
                 {"finding_id": by_type["warning_label"]["id"], "decision": "accept"},
                 {"finding_id": by_type["person_name"]["id"], "decision": "reject",
                  "reason": "慰问对象姓名经本人同意公开"}]
    assert officer.post(f"/api/documents/{case_id}/decisions", json={"decisions": decisions}).status_code == 200
    text = officer.get(f"/api/documents/{case_id}/text").json()["text"]
    start = text.index("慰问资金")
    r = officer.post(f"/api/documents/{case_id}/manual-spans",
                     json={"start": start, "end": start + 4, "reason": "资金安排尚未确定"})
    assert r.status_code == 201, r.text

    # overriding the suggestion (不予公开 → 主动公开) without an opinion is refused
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={"attribute": "proactive"})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "opinion_required"
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={"attribute": "proactive", "comment": " "})
    assert r.status_code == 422 and r.json()["error"]["code"] == "opinion_required"
    opinion = "删除警示字样和身份证号后不再涉及不予公开内容，改为主动公开"
    r = officer.post(f"/api/documents/{case_id}/redactions/approve", json={"attribute": "proactive", "comment": opinion})
    assert r.status_code == 200, r.text
    for username, tier in (("drafter", 1), ("head", 2), ("unithead", 3)):
        assert sign(server, username, case_id, tier).status_code == 200

    rec = officer.get(f"/api/documents/{case_id}/record").json()
    assert rec["security_officer"] == "李保密" and rec["security_opinion"] == opinion
    assert rec["suggested_attribute"] == "not_public" and rec["attribute"] == "proactive"
    assert rec["attribute_overridden"] is True
    labels = {(d["what"], d["decision_label"], d["reason"]) for d in rec["decisions"]}
    assert ("身份证号码", "删除", "") in labels and ("警示字样", "删除", "") in labels
    assert ("姓名", "保留", "慰问对象姓名经本人同意公开") in labels
    assert all(d["decided_by"] == "李保密" for d in rec["decisions"])
    assert [w["manual"] for w in rec["withheld"]].count(True) == 1
    # the office phone the detectors recognised as lawful (条例第二十条（二）) is listed as kept
    assert [(r["what"], r["excerpt"]) for r in rec["recognised"]] == [("固定电话", "0571-85171234")]
    assert "机关工作联系方式" in rec["recognised"][0]["note"] and "第二十条" in rec["recognised"][0]["note"]

    for form, data in (("docx", _docx_all(officer.get(f"/api/documents/{case_id}/record",
                                                      params={"format": "docx"}).content)),
                       ("pdf", _pdf_text(officer.get(f"/api/documents/{case_id}/record",
                                                     params={"format": "pdf"}).content))):
        squashed = "".join(data.split())
        for needle in ("保密审查员", "李保密", opinion, "逐项审查决定", "身份证号码", "警示字样", "保留",
                       "慰问对象姓名经本人同意公开", "人工标注删除", "资金安排尚未确定", "识别后予以保留的合法内容", "0571-85171234", "机关工作联系方式",
                       "确定为主动公开（系统建议：不予公开；未采纳系统建议", "删除3处", "正文第4段",
                       rec["original_sha256"][:16]):
            assert "".join(needle.split()) in squashed, (form, needle)
        for english in ("person_name", "id_card", "warning_label", "body", "header"):
            assert english not in data, (form, english)
        assert ID_NUMBER not in data


def test_record_json_has_a_recognised_section_when_the_scan_lists_them():
    """``result.get("recognised", [])``: the section lights up once the scan contract has them."""
    from reviewer.review.record import RecognisedItem, ReviewRecord, to_docx

    rec = ReviewRecord(title="t", doc_number=None, summary="s", unit="u", department="d", drafter="x", case_id=1,
                       version_no=1, state="scanned", attribute="proactive", partial_disclosure=False,
                       recognised=[RecognisedItem("公务联系方式", "0571-12345678", "正文 第 2 段", "机关办公电话，可以公开")])
    text = _docx_all(to_docx(rec))
    assert "识别后予以保留的合法内容" in text and "0571-12345678" in text and "机关办公电话，可以公开" in text
