"""The 保密审查记录 renders to DOCX and to PDF with the CJK font embedded."""

from __future__ import annotations

import io

import pytest

from reviewer.review.record import CJK_FONT_PATH, ReviewRecord, SignerLine, WithheldItem, mask, to_docx, to_pdf


def record() -> ReviewRecord:
    return ReviewRecord(
        title="关于开展困难群众走访慰问工作的通知", doc_number="示政办发〔2026〕12号", summary="", unit="示例市人民政府办公室",
        department="综合科", drafter="王承办", case_id=3, version_no=2, state="published", attribute="proactive",
        partial_disclosure=True,
        withheld=[WithheldItem("身份证号", mask("11010519491231002X"), "《中华人民共和国政府信息公开条例》第十五条", "body 第 4 段")],
        signers=[SignerLine(1, "承办人员初审", "承办人员", "王承办", "已删除个人信息", "approve", "2026-11-22T10:00:00+08:00"),
                 SignerLine(3, "单位负责人审发", "单位负责人", "刘主任", "同意发布", "approve", "2026-11-23T09:00:00+08:00")],
        original_sha256="a" * 64, output_sha256="b" * 64, generated_at="2026-11-23T09:01:00+08:00")


def test_record_mask_never_shows_the_whole_value():
    assert mask("11010519491231002X") == "110*************2X"
    assert mask("王小明") == "王**" and mask("王明") == "**"


def test_record_docx_contents():
    import docx

    d = docx.Document(io.BytesIO(to_docx(record())))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in d.paragraphs] + cells)
    for needle in ("政府信息公开保密审查记录", "示政办发〔2026〕12号", "公开属性：主动公开", "区分处理：是",
                   "身份证号：110*************2X", "《中华人民共和国政府信息公开条例》第十五条", "单位负责人审发（单位负责人）",
                   "刘主任", "同意发布", "2026-11-23"):
        assert needle in text, needle
    assert "11010519491231002X" not in text


@pytest.mark.skipif(not __import__("os").path.exists(CJK_FONT_PATH), reason="CJK font not installed")
def test_record_pdf_embeds_cjk_font_and_reads_back():
    pdf = to_pdf(record())
    assert pdf.startswith(b"%PDF") and b"FontFile2" in pdf
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as p:
        text = "".join(page.extract_text() or "" for page in p.pages)
    for needle in ("保密审查记录", "主动公开", "刘主任", "同意发布"):
        assert needle in text, needle


def test_record_not_public_states_the_conclusion_and_basis():
    import docx
    from dataclasses import replace

    rec = replace(record(), state="withheld", attribute="not_public",
                  not_public_basis="内部事务信息（《中华人民共和国政府信息公开条例》第十六条）")
    concl = rec.conclusion()
    assert "公开属性：不予公开" in concl and "审查结论：不予公开（审查完毕，不提供公开版本）" in concl
    assert "依据：内部事务信息（《中华人民共和国政府信息公开条例》第十六条）" in concl
    assert "区分处理" not in concl               # nothing is released, so nothing is released in part
    d = docx.Document(io.BytesIO(to_docx(rec)))
    text = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert "审查完毕，不予公开" in text and "第十六条" in text and "审签稿 SHA-256（不予公开）" in text
    # without a stated basis the record cites the articles that allow withholding
    assert "第十四条至第十六条" in replace(rec, not_public_basis="").conclusion()
    # a released document keeps the 区分处理 conclusion
    assert "区分处理：是" in record().conclusion() and "不予公开" not in record().conclusion()


def _pdftotext(pdf: bytes) -> str:
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_record_pdf_keeps_digits_and_latin_letters():
    """The PDF record once dropped every digit and Latin letter: the CJK font has no ASCII glyphs."""
    rec = record()
    text = _squash(_pdftotext(to_pdf(rec)))
    for needle in ("示政办发〔2026〕12号", "3/第2稿", "a" * 64, "b" * 64, "删除1处", "body第4段",
                   "2026-11-23", "SHA-256", "110*************2X"):
        assert needle in text, needle
    # pdfminer, a second, independent extractor, reads the same
    from pdfminer.high_level import extract_text

    mined = _squash(extract_text(io.BytesIO(to_pdf(rec))))
    assert "示政办发〔2026〕12号" in mined and "a" * 64 in mined and "删除1处" in mined
