"""Each place a value hides in a DOCX, alone: the value must be gone from every part."""

import io
import zipfile

import pytest

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.redaction.verify import docx_sources

from .conftest import ID_A, MOBILE, all_findings, assert_absent

dw = pytest.importorskip("reviewer.synth.docx_writer")


def _comment(b):
    b.paragraph(["请核对", dw.Comment("此处", f"身份证{ID_A}", author="审核员"), "。"])


def _insertion(b):
    b.paragraph(["申请人", dw.Ins(f"身份证{ID_A}", author="李四"), "。"])


def _deletion(b):
    b.paragraph(["申请人", dw.Del(f"身份证{ID_A}", author="李四"), "。"])


def _header(b):
    b.header(f"经办人身份证{ID_A}")


def _core_properties(b):
    b.properties(title=f"档案{ID_A}", comments=ID_A, author="张三")


def _split_runs(b):
    b.paragraph(["身份证", ID_A[:4], dw.Run(ID_A[4:10], bold=True), dw.Run(ID_A[10:], italic=True)])


@pytest.mark.parametrize("place,part", [
    (_comment, "comment"), (_insertion, "insertion"), (_deletion, "deletion"), (_header, "header"),
    (_core_properties, "properties"), (_split_runs, "body"),
])
def test_trap_docx_value_hidden_in(place, part):
    b = dw.DocxBuilder()
    b.paragraph("关于某事项的说明。")
    place(b)
    doc = parse_bytes(b.to_bytes(), "trap.docx")
    fs = all_findings(doc, ID_A, "id_card")
    assert fs and part in {doc.block_at(f.start).part for f in fs}
    res = redact_document(doc, fs, accept_all=True, style="block")
    for name, text in docx_sources(res.output).items():
        assert_absent(text, [ID_A], f"in {name}")
    z = zipfile.ZipFile(io.BytesIO(res.output))
    assert z.testzip() is None
    assert "关于某事项的说明" in parse_bytes(res.output, "out.docx").text


def test_trap_docx_value_in_alt_text_link_target_and_field_code():
    b = dw.DocxBuilder()
    b.paragraph(f"联系电话{MOBILE}。")
    b.hyperlink("拨打电话", f"tel:{MOBILE}", before="或")
    b.image()
    z = zipfile.ZipFile(io.BytesIO(b.to_bytes()))
    parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    # the picture's alt text and a HYPERLINK field instruction carry the number too
    xml = xml.replace("<wp:docPr ", f'<wp:docPr descr="电话{MOBILE}" ', 1)
    field = (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
             f'HYPERLINK "tel:{MOBILE}" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    xml = xml.replace("<w:sectPr", field + "<w:sectPr", 1)
    assert f'descr="电话{MOBILE}"' in xml and f'HYPERLINK "tel:{MOBILE}"' in xml
    assert MOBILE in parts["word/_rels/document.xml.rels"].decode()
    parts["word/document.xml"] = xml.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, raw in parts.items():
            out.writestr(name, raw)
    doc = parse_bytes(buf.getvalue(), "alt.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    for name, text in docx_sources(res.output).items():
        assert_absent(text, [MOBILE], f"in {name}")
    assert any("替代文字" in c for c in res.log["engine"]["cleaned"])  # edited where they are (issue #11)


def test_trap_docx_deleted_table_rows_go_and_an_emptied_table_with_them():
    b = dw.DocxBuilder()
    b.paragraph("名单如下：")
    b.table([["姓名", "身份证号"], ["王某", ID_A]])
    b.paragraph("以上。")
    z = zipfile.ZipFile(io.BytesIO(b.to_bytes()))
    parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    # mark every row as a tracked deletion
    xml = xml.replace("<w:tr>", '<w:tr><w:trPr><w:del w:id="90" w:author="李四" w:date="2024-03-01T09:00:00Z"/></w:trPr>')
    assert xml.count("<w:trPr>") == 2
    parts["word/document.xml"] = xml.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name, raw in parts.items():
            out.writestr(name, raw)
    doc = parse_bytes(buf.getvalue(), "rows.docx")
    res = redact_document(doc, [], manual=[])
    out_xml = zipfile.ZipFile(io.BytesIO(res.output)).read("word/document.xml").decode()
    assert "<w:tbl>" not in out_xml and "<w:tbl " not in out_xml
    assert ID_A not in out_xml and "以上。" in out_xml
