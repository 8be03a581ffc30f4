"""verify_pdf is never vacuous: both extractors, page by page, and a reading order that
is not the parser's does not turn chance digit windows into 'leaks'."""

import io
import os
import shutil
import stat

import pytest

from reviewer.errors import VerificationError
from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.redaction import verify as verify_mod
from reviewer.redaction.verify import build_needles, verify_pdf

from .conftest import ID_A, MOBILE, all_findings, assert_absent, pdftotext

pdfw = pytest.importorskip("reviewer.synth.pdf_writer")
Page, Para = pdfw.Page, pdfw.Para

POPPLER_GB1 = os.path.isdir("/usr/share/poppler/cMap/Adobe-GB1")


def stsong_pdf() -> bytes:
    """A real PDF in the non-embedded STSong-Light (UniGB-UCS2-H), as older office software writes 宋体."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, f"申请人王某某，身份证号{ID_A}，联系电话{MOBILE}。")
    c.drawString(72, 680, "公示期为七个工作日，如有异议请向县民政局反映。")
    c.showPage()
    c.save()
    return buf.getvalue()


def _stsong_doc():
    doc = parse_bytes(stsong_pdf(), "songti.pdf")
    return doc, all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile")


def _blind_pdftotext(tmp_path, monkeypatch):
    """A pdftotext that reads nothing but the page break: poppler without poppler-data
    on a non-embedded CJK font."""
    exe = tmp_path / "bin" / "pdftotext"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\ncat >/dev/null\nprintf '\\f'\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    assert shutil.which("pdftotext") == str(exe)


@pytest.fixture
def blind_pdftotext(tmp_path, monkeypatch):
    _blind_pdftotext(tmp_path, monkeypatch)


def test_verify_pdf_fails_closed_when_pdftotext_reads_nothing_of_a_cjk_page(blind_pdftotext):
    doc, fs = _stsong_doc()
    with pytest.raises(VerificationError) as exc:
        redact_document(doc, fs, accept_all=True)
    assert exc.value.code == "verification_incomplete"
    assert exc.value.details["short_pages"] == {"pdftotext": [1]}


def test_verify_pdf_fails_closed_when_pdfminer_reads_nothing(monkeypatch):
    doc, fs = _stsong_doc()
    from reviewer.redaction import verify_pdf as pdf_check

    monkeypatch.setattr(pdf_check, "_pdfminer_page_texts", lambda d: ["\n"])
    with pytest.raises(VerificationError) as exc:
        redact_document(doc, fs, accept_all=True)
    assert exc.value.code == "verification_incomplete"
    assert exc.value.details["short_pages"] == {"pdfminer": [1]}


def test_verify_pdf_without_pdftotext_is_a_failure_not_a_fallback(tmp_path, monkeypatch):
    doc, fs = _stsong_doc()
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(VerificationError) as exc:
        redact_document(doc, fs, accept_all=True)
    assert exc.value.code == "verification_incomplete"


def test_verify_pdf_on_its_own_holds_the_extractors_to_each_other(tmp_path, monkeypatch):
    doc, fs = _stsong_doc()
    if not POPPLER_GB1:
        pytest.skip("needs poppler-data (scripts/system-deps.sh) to redact the STSong-Light file first")
    output = redact_document(doc, fs, accept_all=True).output
    assert verify_pdf(output, build_needles(["无关"], ""))["passed"] is True
    _blind_pdftotext(tmp_path, monkeypatch)
    with pytest.raises(VerificationError) as exc:   # no parser figures: pdfminer's count is the yardstick
        verify_pdf(output, build_needles(["无关"], ""))
    assert exc.value.code == "verification_incomplete"


def test_non_embedded_stsong_light_pdf_is_read_by_both_extractors():
    doc, fs = _stsong_doc()
    assert len(fs) == 2
    if not POPPLER_GB1:  # without poppler-data pdftotext reads nothing: refused, never passed
        with pytest.raises(VerificationError) as exc:
            redact_document(doc, fs, accept_all=True)
        assert exc.value.code == "verification_incomplete"
        return
    res = redact_document(doc, fs, accept_all=True)
    cov = res.log["verification"]["coverage"]
    assert res.log["verification"]["extractor"] == "pdftotext+pdfminer"
    assert cov["chars"]["pdftotext"] >= 0.9 * cov["expected_chars"] > 40
    assert cov["chars"]["pdfminer"] >= 0.9 * cov["expected_chars"]
    text = pdftotext(res.output)
    assert "公示期为七个工作日" in text
    assert_absent(text, [ID_A, MOBILE], "in pdftotext output")


# A small version of the 200-page draft (~1,700 findings) that failed verification on every
# run: the last line of page 1 ends with a mobile that runs on to page 2.  Redacted, pdftotext
# reads "电话199" / "— 1 —" / "0776…": the page number between the kept digits makes the
# window 9910, which is the hidden middle of another mobile (139 9910 1234).  Nothing leaked.
FILL = "各地要健全完善工作机制，加强组织领导，明确责任分工，细化工作措施，确保各项政策落到实处。"
RUN_ON = "19987010776"
OTHER = "13999101234"


def _run_on_pdf() -> bytes:
    text = (FILL * 40)[:28 * 21] + FILL[:17] + "在电话" + RUN_ON + "现有职业技能等级设置基础上，结合实际适当调整。"
    return pdfw.build_pdf([Page([Para(text, chars_per_line=28, indent=0), f"另，申请人本人手机{OTHER}。"])])


def test_pdf_page_number_between_kept_digits_is_not_a_leak():
    doc = parse_bytes(_run_on_pdf(), "run_on.pdf")
    fs = all_findings(doc, RUN_ON, "mobile") + all_findings(doc, OTHER, "mobile")
    assert len(fs) == 2 and {b.location["page"] for b in doc.blocks_in(fs[0].start, fs[0].end)} == {1, 2}
    res = redact_document(doc, fs, accept_all=True)           # partial: 199****0776, 139****1234
    assert res.log["verification"]["passed"] is True
    text = pdftotext(res.output)
    assert "9910" in verify_mod.compact(text)                  # the chance window is really there
    assert_absent(text, [RUN_ON, OTHER], "in pdftotext output")
    lines = [verify_mod.compact(line) for line in text.splitlines()]
    assert not any(h in line for line in lines for h in ("8701", "9910"))   # hidden digits gone


def test_pdf_run_on_case_redacts_and_verifies_from_a_fresh_cli_process(tmp_path):
    import subprocess
    import sys

    src, out = tmp_path / "run_on.pdf", tmp_path / "public.pdf"
    src.write_bytes(_run_on_pdf())
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "redact", str(src), "-o", str(out),
                           "--accept-all"], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert_absent(pdftotext(out.read_bytes()), [RUN_ON, OTHER], "in pdftotext output")


@pytest.mark.parametrize("leaked, found", [
    ("电话199\n— 1 —\n\n0776", False),       # digits of different lines joined by the extractor
    ("电话1999910776", True),                # the hidden digits on one line
    ("联系人电话139 9910 1234", True),        # the whole number, spaced
    ("电话13999\n101234", True),             # a long needle wrapped across lines
])
def test_verify_short_needles_are_matched_within_extracted_lines(leaked, found):
    needles = build_needles([OTHER, "9910"], expected_text="联系人电话1391234")
    hits: list = []
    verify_mod._hits(needles, "text:pdftotext", leaked, hits)
    assert bool(hits) is found


# --------------------------------------------------------------------------- output name
def test_cli_refuses_to_write_a_pdf_under_a_docx_name(tmp_path, capsys):
    from reviewer.cli import main

    src = tmp_path / "申请材料.docx"           # really a PDF
    src.write_bytes(pdfw.build_pdf([Page([f"申请人身份证号{ID_A}，联系电话{MOBILE}。"])]))
    out = tmp_path / "public.docx"
    assert main(["redact", str(src), "-o", str(out), "--accept-all"]) == 2
    err = capsys.readouterr().err
    assert "output_format_mismatch" in err and "public.pdf" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["申请材料.docx"]      # nothing written, no log
    assert main(["redact", str(src), "-o", str(tmp_path / "public.pdf"), "--accept-all"]) == 0
    assert (tmp_path / "public.pdf").read_bytes().startswith(b"%PDF-")


def test_write_output_refuses_a_name_of_another_format(tmp_path):
    from reviewer.errors import UsageError
    from reviewer.redaction import write_output

    doc = parse_bytes(pdfw.build_pdf([Page([f"身份证号{ID_A}。"])]), "a.docx")
    res = redact_document(doc, all_findings(doc, ID_A, "id_card"), accept_all=True)
    with pytest.raises(UsageError) as exc:
        write_output(res, tmp_path / "a.docx")
    assert exc.value.code == "output_format_mismatch"
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("raw, found", [
    ("1 0 0 1 0 0 cm (13999101234) Tj", True),
    ("BT /F1 12 Tf <00ff>13999101234ET", True),        # inside a longer run
    ("x139991012y", False),
    ("1399 9101234", False),                            # raw objects are not compacted
    ("联系人电话13999101234", True),
])
def test_verify_raw_sources_find_alphanumeric_needles_inside_longer_runs(raw, found):
    needles = build_needles([OTHER], expected_text="")
    hits: list = []
    verify_mod._hits(needles, "streams", raw, hits)
    assert bool(hits) is found
