import io
import json

import pikepdf
import pytest

from reviewer.cli import main
from reviewer.errors import VerificationError
from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document, write_output
from reviewer.redaction.verify import build_needles, verify_txt

from .conftest import ID_A, MOBILE, finding

TEXT = f"关于低保公示的说明\n申请人身份证号{ID_A}，联系电话{MOBILE}。\n公示期七个工作日。\n"


def test_verify_finds_spaced_hyphenated_and_digit_only_forms():
    needles = build_needles([f"138-1234-5678"], expected_text="无关内容")
    for leaked in ("电话 138 1234 5678", "电话13812345678", "电话138–1234–5678"):
        with pytest.raises(VerificationError) as exc:
            verify_txt(leaked.encode(), "utf-8", needles)
        assert exc.value.code == "verification_failed"
    assert verify_txt("电话138****5678".encode(), "utf-8", needles)["passed"] is True


def test_verify_skips_strings_the_reviewer_kept_elsewhere():
    needles = build_needles([ID_A], expected_text=f"保留的{ID_A}")
    assert not needles.forms and needles.skipped


def test_verification_failure_raises_and_leaves_no_file(tmp_path, monkeypatch):
    doc = parse_bytes(TEXT.encode(), "a.txt")
    import reviewer.redaction.txt as txt_engine

    monkeypatch.setattr(txt_engine, "redact_txt", lambda d, r: (d.source, {"encoding": "utf-8", "cleaned": []}))
    with pytest.raises(VerificationError):
        redact_document(doc, [finding(doc, ID_A, "id_card")], accept_all=True)
    assert not list(tmp_path.iterdir())


def test_write_output_is_atomic(tmp_path):
    doc = parse_bytes(TEXT.encode(), "a.txt")
    res = redact_document(doc, [finding(doc, ID_A, "id_card")], accept_all=True)
    out = tmp_path / "o.txt"
    write_output(res, out)
    assert out.read_bytes() == res.output and not (tmp_path / "o.txt.part").exists()
    res.log["document"]["sha256_out"] = "0" * 64  # the bytes on disk no longer match what was verified
    with pytest.raises(VerificationError):
        write_output(res, tmp_path / "p.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.txt"]


# --------------------------------------------------------------------------- CLI
def _run(*argv) -> int:
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(list(argv)))
    return exc.value.code


def test_cli_accept_all_writes_output_and_both_logs(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(TEXT.encode("gb18030"))
    out = tmp_path / "out.txt"
    assert _run("redact", str(src), "-o", str(out), "--accept-all", "--actor", "李审核") == 0
    text = out.read_bytes().decode("gb18030")
    assert ID_A not in text and MOBILE not in text
    log = json.loads((tmp_path / "out.txt.redaction-log.json").read_text(encoding="utf-8"))
    assert log["verification"]["passed"] and log["document"]["sha256_out"]
    assert {e["accepted_by"] for e in log["removals"]} == {"李审核"}
    assert "政府信息区分处理说明" in (tmp_path / "out.txt.redaction-log.md").read_text(encoding="utf-8")


def test_cli_decisions_file_with_reject_and_manual_span(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    from reviewer.scan import scan_document

    findings = scan_document(parse_bytes(src.read_bytes(), "in.txt")).findings
    by_type = {f.type: f for f in findings}
    assert {"id_card", "mobile"} <= set(by_type)
    start = TEXT.index("公示期")
    dec = {"decisions": {by_type["id_card"].id: "accept", by_type["mobile"].id: "reject"},
           "manual": [{"start": start, "end": start + 3, "type": "manual", "reason": "测试人工标注"}],
           "actor": "王复核"}
    (tmp_path / "d.json").write_text(json.dumps(dec, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert _run("redact", str(src), "-o", str(out), "--decisions", str(tmp_path / "d.json"), "--style", "block") == 0
    text = out.read_text(encoding="utf-8")
    assert ID_A not in text and MOBILE in text and "■■■七个工作日" in text


@pytest.mark.parametrize("extra", [[], ["--accept-all", "--style", "fancy"], ["--accept-all", "--style", "x=y"]])
def test_cli_usage_errors_exit_2(tmp_path, extra):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert _run("redact", str(src), "-o", str(tmp_path / "o.txt"), *extra) == 2
    assert not (tmp_path / "o.txt").exists()


def test_cli_unreadable_input_exits_3(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _run("redact", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "o.txt"), "--accept-all") == 3


def test_cli_verification_failure_exits_4_and_leaves_nothing(tmp_path):
    pdfw = pytest.importorskip("reviewer.synth.pdf_writer")
    if not pdfw.have_cjk_font():
        pytest.skip("no CJK font")
    data = pdfw.text_pdf([f"申请人身份证号{ID_A}，联系电话{MOBILE}。"])
    # A private catalog entry repeats the ID: no parser reads it and no cleaner knows
    # it, so only the independent verification can catch it.
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.PrivateData = pikepdf.String(f"备份 {ID_A}")
        buf = io.BytesIO()
        pdf.save(buf)
    src = tmp_path / "in.pdf"
    src.write_bytes(buf.getvalue())
    out = tmp_path / "out.pdf"
    assert _run("redact", str(src), "-o", str(out), "--accept-all") == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]


@pytest.mark.parametrize("removed,checked", [("三", False), ("502", False), ("张三", True), ("ab12", True),
                                             (" —\nu", False), ("13812345678", True)])
def test_verify_strings_too_short_to_prove_anything_are_skipped(removed, checked):
    needles = build_needles([removed], expected_text="无关")
    assert bool(needles.forms) is checked and bool(needles.skipped) is not checked


@pytest.mark.parametrize("style,expected", [
    ("block", "身份证号■■■"),
    ("label", "身份证号〔已删除：个人隐私〕"),
    ("id_card=block,mobile=label", "身份证号■■■"),
    ("style.json", "身份证号110105########002X"),
])
def test_cli_style_forms(tmp_path, style, expected):
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    if style == "style.json":
        (tmp_path / "style.json").write_text(json.dumps({"mask_char": "#"}), encoding="utf-8")
        style = str(tmp_path / "style.json")
    out = tmp_path / "out.txt"
    assert _run("redact", str(src), "-o", str(out), "--accept-all", "--style", style) == 0
    assert expected in out.read_text(encoding="utf-8")


def test_engine_failure_on_a_damaged_source_is_a_coded_error():
    from reviewer.errors import RedactionError

    pdfw = pytest.importorskip("reviewer.synth.pdf_writer")
    if not pdfw.have_cjk_font():
        pytest.skip("no CJK font")
    doc = parse_bytes(pdfw.text_pdf([f"身份证号{ID_A}。"]), "a.pdf")
    doc.source = b"%PDF-1.4\n" + b"\0" * 64   # the bytes no longer match what was parsed
    with pytest.raises(RedactionError) as exc:
        redact_document(doc, [finding(doc, ID_A, "id_card")], accept_all=True)
    assert exc.value.code == "redaction_failed" and "PDF" in exc.value.message


def test_verify_pdf_reads_every_bookmark_of_a_long_chain():
    from reviewer.redaction.verify import verify_pdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_outline() as outline:
        for k in range(40):
            outline.root.append(pikepdf.OutlineItem(f"第{k + 1}部分" + (f" {ID_A}" if k == 37 else ""), 0))
    buf = io.BytesIO()
    pdf.save(buf)
    with pytest.raises(VerificationError) as exc:
        verify_pdf(buf.getvalue(), build_needles([ID_A], expected_text=""))
    assert any(h["where"] == "outlines" for h in exc.value.details["found"])
