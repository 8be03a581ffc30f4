"""XLSX: every place of a workbook is read with sheet!cell, redacted in the cell, verified."""

from __future__ import annotations

import io
import zipfile

import pytest

from reviewer.errors import ReviewerError
from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import scan_document
from tests.formats.xlsx_build import Sheet, build_xlsx

ID1 = "11010519491231002X"       # valid checksum
ID2 = "110101199003074258"       # valid checksum
ROWS = [["序号", "姓名", "身份证号", "手机号码", "银行卡号"],
        ["1", "张建国", ID1, "13812345678", "6228480402564890018"],
        ["2", "李秀英", ID2, "13987654321", "6222020200112233441"]]


def _workbook(**kw):
    return build_xlsx([Sheet("低保名单", ROWS, hidden_rows={3}, comments={"B2": "核实：张建国电话13812345678"},
                             header="联系人 王小明 13700001111", validation=("B2:B9", '"张建国,李秀英"')),
                       Sheet("备注", [["备注"], ["住址：北京市朝阳区建国路88号"]], state="hidden")],
                      defined_names={"联系人": "'低保名单'!$B$2"}, pivot_items=["张建国", "李秀英"],
                      external="13612345678", macro=True, **kw)


def _where(doc, value):
    i = doc.text.index(value)
    return doc.location_of(i, i + len(value))


def test_xlsx_sniffed_by_content_and_every_place_read():
    doc = parse_bytes(_workbook(), "名单.bin")
    assert doc.metadata.format == "xlsx"
    loc = _where(doc, ID1)
    assert (loc["part"], loc["sheet"], loc["cell"], loc["row"], loc["col"]) == ("table", "低保名单", "C2", 1, 2)
    assert _where(doc, ID2)["hidden"] is True                               # hidden row 3
    assert _where(doc, "北京市朝阳区建国路88号")["sheet"] == "备注"          # hidden sheet
    assert _where(doc, "核实：张建国")["part"] == "comment"
    assert _where(doc, "13700001111")["part"] == "header"
    assert _where(doc, '"张建国,李秀英"')["part"] == "data_validation"
    assert _where(doc, "13612345678")["part"] == "external_link"
    assert any(b.part == "pivot_cache" for b in doc.blocks)
    assert _where(doc, "王小明")["part"] in ("header", "properties")
    codes = {w.code: w for w in doc.warnings}
    assert codes["hidden_cells"].details["hidden_sheets"] == ["备注"]
    assert "macro_present" in codes


def test_xlsx_column_semantics_reach_the_detectors():
    findings = scan_document(parse_bytes(_workbook(), "a.xlsx")).findings
    got = {(f.type, f.location.get("cell")) for f in findings if f.location.get("part") == "table"}
    assert {("id_card", "C2"), ("mobile", "D2"), ("person_name", "B2"), ("person_name", "B3")} <= got


def test_xlsx_redaction_in_the_cell_verified_everywhere():
    data = _workbook()
    doc = parse_bytes(data, "a.xlsx")
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert result.verified and result.format == "xlsx"
    assert result.log["verification"]["extractor"] == "zip-parts+openpyxl"
    out = parse_bytes(result.output, "out.xlsx")
    for value in (ID1, ID2, "13812345678", "13700001111", "13612345678", "张建国", "建国路88号"):
        assert value not in out.text
    assert "110105********002X" in out.text                            # masked in kind, in its cell
    assert _where(out, "110105********002X")["cell"] == "C2"
    names = zipfile.ZipFile(io.BytesIO(result.output)).namelist()
    assert "xl/vbaProject.bin" not in names                            # macros always go
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(result.output))
    assert wb["低保名单"]["D2"].value == "138****5678"


def test_xlsx_formula_with_removed_value_loses_its_formula():
    sheet = Sheet("表", [["姓名", "手机"], ["张建国", "x"]], formulas={"B2": ('"1381234"&"5678"', "13812345678")})
    doc = parse_bytes(build_xlsx([sheet], extra_parts={"xl/calcChain.xml": '<calcChain xmlns="http://schemas.'
                                                       'openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/></calcChain>'}), "f.xlsx")
    assert _where(doc, "13812345678")["kind"] == "formula"
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    z = zipfile.ZipFile(io.BytesIO(result.output))
    sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "138****5678" in sheet_xml
    assert "xl/calcChain.xml" not in z.namelist()


def test_xlsx_orphan_shared_string_is_read_and_redacted():
    doc = parse_bytes(build_xlsx([Sheet("表", [["备注"]])], orphan_strings=["身份证号 " + ID1]), "o.xlsx")
    assert _where(doc, ID1)["kind"] == "shared_string"
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert ID1 not in result.output.decode("latin-1")


def test_xlsx_written_by_openpyxl():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["姓名", "联系电话", "身份证号"])
    ws.append(["赵铁柱", "13812345678", ID1])
    from openpyxl.comments import Comment

    ws["A2"].comment = Comment("户主赵铁柱，身份证" + ID1, "经办人")
    buf = io.BytesIO()
    wb.save(buf)
    doc = parse_bytes(buf.getvalue(), "t.xlsx")
    assert _where(doc, ID1)["cell"] == "C2"
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    out = openpyxl.load_workbook(io.BytesIO(result.output))
    assert ID1 not in str(out["台账"]["C2"].value) and out["台账"]["A2"].comment is not None


@pytest.mark.parametrize("name,make,code", [
    ("xxe", lambda: build_xlsx([Sheet("表", [["a"]])], extra_parts={
        "xl/foo.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'}),
     "unsafe_content"),
    ("bomb", lambda: _bomb(), "unsafe_content"),
    ("truncated", lambda: _workbook()[:len(_workbook()) * 2 // 3], "corrupt_file"),
    ("bad_xml", lambda: build_xlsx([Sheet("表", [["a"]])], extra_parts={"xl/worksheets/sheet1.xml": "<worksheet><"}),
     "corrupt_file"),
])
def test_xlsx_hostile_input_gets_a_coded_error(name, make, code):
    with pytest.raises(ReviewerError) as exc:
        parse_bytes(make(), "h.xlsx")
    assert exc.value.code == code


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook())) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info))
        z.writestr("xl/big.xml", b"<a>" + b" " * (50 * 1024 * 1024) + b"</a>")
    return buf.getvalue()


def test_xlsx_parse_timeout_is_checked_inside_a_large_sheet():
    from reviewer.settings import Limits

    rows = [[f"r{i}", "x"] for i in range(6000)]
    with pytest.raises(ReviewerError) as exc:
        parse_bytes(build_xlsx([Sheet("大表", rows)]), "big.xlsx", limits=Limits(parse_timeout_s=0.0001))
    assert exc.value.code == "limit_exceeded" and exc.value.details["limit"] == "parse_timeout_s"


def test_xlsx_shared_formula_dependents_go_with_their_master():
    sheet_xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                 'spreadsheetml/2006/main"><sheetData>'
                 '<row r="1"><c r="A1" t="inlineStr"><is><t>手机</t></is></c></row>'
                 '<row r="2"><c r="A2" t="str"><f t="shared" ref="A2:A3" si="0">"1381234"&amp;"5678"</f><v>13812345678</v></c></row>'
                 '<row r="3"><c r="A3" t="str"><f t="shared" si="0"/><v>x</v></c></row></sheetData></worksheet>')
    data = build_xlsx([Sheet("表", [["x"]])], extra_parts={"xl/worksheets/sheet1.xml": sheet_xml})
    doc = parse_bytes(data, "s.xlsx")
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    out = zipfile.ZipFile(io.BytesIO(result.output)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f" not in out and "138****5678" in out and "<v>x</v>" in out


def test_xlsx_redacted_workbook_opens_in_libreoffice_calc():
    from reviewer.parsers import office_convert

    if office_convert.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    doc = parse_bytes(_workbook(), "a.xlsx")
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    try:
        again = office_convert.convert(result.output, ".xlsx", target="xlsx", timeout_s=120)
    except ReviewerError as exc:
        pytest.skip(f"LibreOffice Calc cannot run here ({exc.code})")
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(again))["低保名单"]
    assert ws["C2"].value == "110105********002X" and ws["D2"].value == "138****5678"


def test_xlsx_dates_read_as_the_sheet_shows_them():
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "出生日期", "金额"])
    ws.append(["张建国", dt.date(1990, 3, 7), 1234.5])
    buf = io.BytesIO()
    wb.save(buf)
    doc = parse_bytes(buf.getvalue(), "d.xlsx")
    assert _where(doc, "1990-03-07")["kind"] == "date" and "1234.5" in doc.text
