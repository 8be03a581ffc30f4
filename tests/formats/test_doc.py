"""DOC / WPS / RTF: converted to DOCX in a sandboxed LibreOffice, read and redacted as DOCX."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import pytest

from reviewer.errors import ReviewerError
from reviewer.parsers import office_convert, parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import scan_document
from reviewer.synth.docx_writer import DocxBuilder

pytestmark = pytest.mark.skipif(office_convert.soffice() is None, reason="LibreOffice is not installed")
ID1 = "11010519491231002X"


def _to(fmt: str, docx: bytes) -> bytes:
    """DOCX -> .doc / .rtf with LibreOffice (its own profile), as offices' files are made."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / ("in.xlsx" if fmt == "xls" else "in.docx")
        src.write_bytes(docx)
        subprocess.run([office_convert.soffice(), f"-env:UserInstallation=file://{tmp}/p", "--headless",
                        "--convert-to", fmt, "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=120)
        return (Path(tmp) / f"in.{fmt}").read_bytes()


@pytest.fixture(scope="module")
def draft() -> bytes:
    b = DocxBuilder()
    b.paragraph("关于张建国同志低保申请的情况说明")
    b.paragraph(f"申请人张建国，身份证号码{ID1}，联系电话13812345678。")
    b.table([["姓名", "手机号码"], ["李秀英", "13987654321"]])
    return b.to_bytes()


@pytest.mark.parametrize("fmt", ["doc", "rtf"])
def test_converted_by_content_and_redacted_as_docx(draft, fmt):
    data = _to(fmt, draft)
    doc = parse_bytes(data, "申请.dat")                         # by content, not by name
    assert doc.metadata.format == fmt
    assert {w.code for w in doc.warnings} >= {"converted_format"}
    i = doc.text.index(ID1)
    assert doc.location_of(i, i + len(ID1))["xml_part"] == "word/document.xml"
    findings = scan_document(doc).findings
    assert {"id_card", "mobile"} <= {f.type for f in findings}
    result = redact_document(doc, findings, accept_all=True)
    assert result.format == "docx" and result.verified
    assert result.log["engine"]["converted_from"] == fmt
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(result.output)).paragraphs)
    assert ID1 not in text and "110105********002X" in text


def test_a_doc_named_docx_is_still_converted(draft):
    assert parse_bytes(_to("doc", draft), "a.docx").metadata.format == "doc"


@pytest.mark.parametrize("script,code", [("exit 1", "conversion_failed"), ("sleep 30", "conversion_timeout")])
def test_conversion_failure_and_timeout_are_coded(monkeypatch, tmp_path, script, code):
    """A converter that fails or hangs (as LibreOffice does on some damaged files) is stopped
    and reported with a stable code; nothing is left running."""
    exe = tmp_path / "soffice"
    exe.write_text(f"#!/bin/sh\n{script}\n")
    exe.chmod(0o755)
    monkeypatch.setattr(office_convert, "soffice", lambda: str(exe))
    with pytest.raises(ReviewerError) as exc:
        office_convert.convert(f"{{\\rtf1 {code}}}".encode(), ".rtf", timeout_s=2)
    assert exc.value.code == code


def test_no_soffice_is_a_coded_error(monkeypatch):
    monkeypatch.setattr(office_convert, "soffice", lambda: None)
    with pytest.raises(ReviewerError) as exc:
        office_convert.convert(b"{\\rtf1 x}" + b" " * 7, ".rtf")
    assert exc.value.code == "converter_missing"


def test_xls_converted_and_redacted_as_xlsx(tmp_path):
    """A legacy .xls (as LibreOffice Calc writes it) is read through XLSX, cells located."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "身份证号", "手机"])
    ws.append(["张建国", ID1, "13812345678"])
    buf = io.BytesIO()
    wb.save(buf)
    try:
        xls = _to("xls", buf.getvalue())
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("LibreOffice Calc is not installed")
    doc = parse_bytes(xls, "名单.et")
    assert doc.metadata.format == "xls"
    i = doc.text.index(ID1)
    assert doc.location_of(i, i + len(ID1))["cell"] == "B2"
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert result.format == "xlsx" and result.verified
    out = openpyxl.load_workbook(io.BytesIO(result.output))
    assert out["名单"]["B2"].value == "110105********002X"


def test_cli_redacts_a_doc_into_a_docx(draft, tmp_path):
    from reviewer.cli import main

    src = tmp_path / "申请.doc"
    src.write_bytes(_to("doc", draft))
    assert main(["redact", str(src), "-o", str(tmp_path / "public.doc"), "--accept-all"]) == 2   # named .doc: refused
    assert main(["redact", str(src), "-o", str(tmp_path / "public.docx"), "--accept-all"]) == 0
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "public.docx")).paragraphs)
    assert ID1 not in text
