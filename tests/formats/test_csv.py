"""CSV: cells by row and column, redacted in place in the file's own encoding."""

from __future__ import annotations

import pytest

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import scan_document

ID1 = "11010519491231002X"
TABLE = f'姓名,身份证号,手机,住址\r\n张建国,{ID1},13812345678,"北京市朝阳区建国路88号"\r\n李秀英,110101199003074258,13987654321,"上海市, 浦东新区"\r\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_cells_located_and_redacted_in_its_encoding(encoding):
    data = TABLE.encode(encoding)
    doc = parse_bytes(data, "名单.txt")                      # by content, not by name
    assert doc.metadata.format == "csv"
    i = doc.text.index(ID1)
    loc = doc.location_of(i, i + len(ID1))
    assert (loc["part"], loc["cell"], loc["row"], loc["col"]) == ("table", "B2", 1, 1)
    j = doc.text.index("上海市, 浦东新区")
    assert doc.location_of(j, j + 3)["cell"] == "D3"         # a quoted cell with a comma inside
    findings = scan_document(doc).findings
    assert {("id_card", "B2"), ("mobile", "C2"), ("person_name", "A2")} <= {(f.type, f.location["cell"]) for f in findings}
    result = redact_document(doc, findings, accept_all=True)
    out = result.output.decode(encoding)
    assert ID1 not in out and "13812345678" not in out and "\r\n" in out
    assert out.startswith("\ufeff姓名" if encoding == "utf-8-sig" else "姓名") or encoding == "utf-8-sig"
    assert out.splitlines()[1].split(",")[1] == "110105********002X"   # the columns are unchanged


def test_prose_with_commas_stays_txt():
    text = "关于做好工作的通知\n各单位：\n现将有关事项通知如下, 请遵照执行。\n联系人: 王某, 电话: 12345\n"
    assert parse_bytes(text.encode(), "x.txt").metadata.format == "txt"


def test_csv_removal_across_cells_fails_closed():
    from reviewer.errors import RedactionError
    from reviewer.redaction.plan import ManualSpan

    doc = parse_bytes(TABLE.encode(), "a.csv")
    i = doc.text.index("张建国,")
    with pytest.raises(RedactionError) as exc:
        redact_document(doc, [], manual=[ManualSpan(i, i + 6, "person_name", "跨单元格")])
    assert exc.value.code == "csv_span_crosses_cells"
