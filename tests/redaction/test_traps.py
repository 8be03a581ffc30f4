"""Each place a value hides in a DOCX, alone: the value must be gone from every part."""

import io
import zipfile

import pytest

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.redaction.verify import docx_sources

from .conftest import ID_A, all_findings, assert_absent

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
