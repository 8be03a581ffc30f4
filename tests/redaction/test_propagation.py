"""Issue #11: a value removed once is gone everywhere, in every spelling; 'accept all'
means all; the verifier reads every member of the output package."""

import json
import re

import pytest

from reviewer.errors import VerificationError
from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.redaction.verify import build_needles, verify_docx

from .conftest import ID_A, MOBILE, all_findings, finding
from .docx_surfaces import leaks, members, rezip

NAME = "闫嘉春"
FULLWIDTH_ID = ID_A.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
SPACED = f"{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}"
DASHED = f"{MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}"

TXT = (f"关于低保公示的说明\n申请人{NAME}，身份证号{ID_A}，联系电话{MOBILE}。\n"
       f"经办人复核：{NAME}本人签字。\n身份证（抄录）：{FULLWIDTH_ID}\n电话：{SPACED}，备用 {DASHED}\n"
       "银行卡号6228138123456780不是电话。\n")


def test_txt_removed_values_are_removed_everywhere_in_every_spelling():
    doc = parse_bytes(TXT.encode(), "a.txt")
    fs = [finding(doc, NAME, "person_name"), finding(doc, ID_A, "id_card"), finding(doc, MOBILE, "mobile")]
    res = redact_document(doc, fs, accept_all=True)
    out = res.output.decode("utf-8")
    assert NAME not in out and FULLWIDTH_ID not in out and SPACED not in out and DASHED not in out
    assert "闫某" in out and "138 **** 5678" in out
    assert "6228138123456780" in out  # the same digits inside a longer number are another value
    propagated = [e for e in res.log["removals"] if all(s["kind"] == "propagated" for s in e["sources"])]
    assert len(propagated) == 4 and res.log["decisions"]["propagated"] == 4
    assert all("一并删除" in e["reason"] for e in propagated)
    assert "一并删除" in res.log_table
    # the name and the ID are left nowhere, so the verifier checks them (before: skipped as "kept elsewhere");
    # the mobile's digits stay inside the card number, and that the verifier must skip
    assert [s for s in res.log["verification"]["skipped"] if s[0] in "闫1" and s[-1] in "春X"] == []
    # an occurrence the reviewer explicitly kept stays (and the verifier lists the value as skipped)
    second = finding(doc, NAME, "person_name", occurrence=1)
    res = redact_document(doc, fs + [second], decisions={second.id: "reject"}, accept_all=True)
    out = res.output.decode("utf-8")
    assert out.count(NAME) == 1 and f"经办人复核：{NAME}" in out and FULLWIDTH_ID not in out


def _docx_with_name_everywhere() -> bytes:
    from reviewer.synth.docx_writer import Comment, DocxBuilder

    b = DocxBuilder()
    b.paragraph(f"申请人{NAME}，身份证号{ID_A}。")
    b.paragraph(f"另见：{NAME}的电话{SPACED}。")
    b.table([["姓名", "身份证号"], [NAME, FULLWIDTH_ID]])
    b.header(f"经办人 {NAME}　电话{DASHED}")
    b.paragraph(["请核对", Comment("此处", f"{NAME}已签字", author="审核员"), "。"])
    b.paragraph(f"联系电话{MOBILE}")
    return b.to_bytes()


def test_docx_removed_values_are_removed_from_body_header_table_and_comment():
    data = _docx_with_name_everywhere()
    doc = parse_bytes(data, "n.docx")
    fs = [finding(doc, NAME, "person_name"), finding(doc, ID_A, "id_card"), finding(doc, MOBILE, "mobile")]
    res = redact_document(doc, fs, accept_all=True)
    assert leaks(res.output, [NAME, ID_A, FULLWIDTH_ID, MOBILE]) == []
    out = parse_bytes(res.output, "o.docx")
    assert "闫某" in out.text and "138 **** 5678" in out.text
    parts = {e["location"]["part"] for e in res.log["removals"] if e["sources"][0]["kind"] == "propagated"}
    assert {"body", "table", "header"} <= parts


def test_accept_all_accepts_review_and_block_findings_and_accept_suggested_does_not():
    text = f"机密★5年\n申请人{NAME}，身份证号{ID_A}。\n"
    doc = parse_bytes(text.encode(), "a.txt")
    mark = finding(doc, "机密★5年", "secrecy_mark", category="secrecy", action="block")
    name = finding(doc, NAME, "person_name", action="review")
    fid = finding(doc, ID_A, "id_card")
    res = redact_document(doc, [mark, name, fid], accept_all=True)
    out = res.output.decode()
    assert "机密★5年" not in out and NAME not in out and ID_A not in out
    assert res.log["decisions"]["blocking_removed"] == [mark.id] and res.log["decisions"]["undecided"] == []
    assert "删除标志不等于本文件可以公开" in res.log_table
    res = redact_document(doc, [mark, name, fid], accept_suggested=True)
    out = res.output.decode()
    assert "机密★5年" in out and NAME in out and ID_A not in out
    assert res.log["decisions"]["blocking_unresolved"] == [mark.id]


def _run(*argv) -> int:
    from reviewer.cli import main

    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(list(argv)))
    return exc.value.code


def test_cli_accept_all_removes_review_findings_and_accept_suggested_keeps_them(tmp_path, capsys):
    src = tmp_path / "in.txt"
    src.write_text(f"关于低保公示的说明\n申请人张伟，身份证号{ID_A}，联系电话{MOBILE}。\n", encoding="utf-8")
    assert _run("redact", str(src), "-o", str(tmp_path / "all.txt"), "--accept-all") == 0
    assert "张伟" not in (tmp_path / "all.txt").read_text(encoding="utf-8")
    assert _run("redact", str(src), "-o", str(tmp_path / "sug.txt"), "--accept-suggested") == 0
    kept = (tmp_path / "sug.txt").read_text(encoding="utf-8")
    assert "张伟" in kept and ID_A not in kept
    log = json.loads((tmp_path / "sug.txt.redaction-log.json").read_text(encoding="utf-8"))
    assert log["decisions"]["undecided"]  # the review finding, left to a person
    assert _run("redact", str(src), "-o", str(tmp_path / "x.txt"), "--accept-all", "--accept-suggested") == 2


# --------------------------------------------------------------------------- verifier
def _clean_output() -> bytes:
    from reviewer.synth.docx_writer import DocxBuilder

    data = DocxBuilder().paragraph(f"电话{MOBILE}，身份证{ID_A}").to_bytes()
    doc = parse_bytes(data, "v.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile") + all_findings(doc, ID_A, "id_card"),
                          accept_all=True)
    return res.output


def _nested_zip(text: str) -> bytes:
    return rezip({"xl/sharedStrings.xml": f"<sst><si><t>{text}</t></si></sst>".encode()})


LEAKS = {
    "unknown part, UTF-8": ("word/foo.xml", f"<foo><bar>身份证{ID_A}</bar></foo>".encode()),
    "custom XML item": ("customXml/item9.xml", f"<data>{ID_A}</data>".encode()),
    "UTF-16 XML": ("word/bar.xml", f'<?xml version="1.0" encoding="UTF-16"?><bar>身份证{ID_A}</bar>'.encode("utf-16")),
    "UTF-16 without BOM": ("word/baz.xml", f"<baz>身份证{ID_A}</baz>".encode("utf-16-le")),
    "numeric entities": ("word/ent.xml", ("<e>" + "".join(f"&#{ord(c)};" for c in ID_A) + "</e>").encode()),
    "split over runs": ("word/runs.xml", f"<p><r><t>{ID_A[:7]}</t></r><r><t>{ID_A[7:]}</t></r></p>".encode()),
    "single-quoted attribute": ("word/att.xml", f"<a title='身份证{ID_A}'/>".encode()),
    "spaced in an attribute": ("word/att2.xml", f'<a title="电话 {SPACED}"/>'.encode()),
    "percent-encoded link": ("word/_rels/x.xml.rels", (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" '
        'Type="t" TargetMode="External" Target="https://a.gov.cn/?q=%E8%BA%AB%E4%BB%BD%E8%AF%81' + ID_A + '"/>'
        '</Relationships>').encode()),
    "XML comment": ("word/cmt.xml", f"<c><!-- 身份证 {ID_A} --></c>".encode()),
    "nested package": ("word/embeddings/Book1.xlsx", _nested_zip(f"电话{MOBILE}")),
    "UTF-16 at an odd offset": ("word/embeddings/o.bin", b"\x01" + f"身份证{ID_A}".encode("utf-16-le")),
    "full-width digits": ("word/fw.xml", f"<f>{FULLWIDTH_ID}</f>".encode()),
    "RTF escapes": ("word/chunk.rtf", ("{\\rtf1\\ansi\\ansicpg936 " + "".join(f"\\'{b:02x}" for b in ID_A.encode())
                                       + "}").encode()),
    "MHT base64": ("word/chunk.mht", (
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + __import__("base64").b64encode(f"<p>{ID_A}</p>".encode()).decode() + "\r\n").encode()),
}


def test_verifier_searches_every_member_of_the_output_package():
    clean = _clean_output()
    needles = build_needles([ID_A, MOBILE], expected_text="电话138****5678，身份证110105********002X")
    assert verify_docx(clean, needles)["passed"]
    missed = []
    for label, (name, raw) in LEAKS.items():
        parts = members(clean)
        parts[name] = raw
        try:
            verify_docx(rezip(parts), needles)
            missed.append(label)
        except VerificationError:
            pass
    assert missed == []


def test_pdf_removed_values_are_removed_on_every_page():
    pdfw = pytest.importorskip("reviewer.synth.pdf_writer")
    from .conftest import pdftotext

    data = pdfw.build_pdf([pdfw.Page([f"申请人{NAME}，身份证号{ID_A}。"]),
                           pdfw.Page([f"第二页复述：{NAME}，电话{SPACED}，以上信息仅用于审核。"])])
    doc = parse_bytes(data, "p.pdf")
    fs = [finding(doc, NAME, "person_name"), finding(doc, ID_A, "id_card")]
    mobile = doc.text.index(SPACED)
    from reviewer.redaction import ManualSpan

    res = redact_document(doc, fs, manual=[ManualSpan(mobile, mobile + len(SPACED), "mobile", "电话")],
                          accept_all=True)
    text = re.sub(r"\s", "", pdftotext(res.output))
    assert NAME not in text and ID_A not in text and MOBILE not in text
    assert "以上信息仅" in text and "第二页复述：闫" in text  # the rest is kept, 闫某 keeps its surname
    assert res.log["decisions"]["propagated"] >= 1
