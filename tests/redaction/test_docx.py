import io
import os
import shutil
import subprocess
import zipfile

import docx as python_docx
import pytest

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.redaction.verify import docx_sources

from .conftest import ID_A, ID_B, MOBILE, all_findings, assert_absent, check_golden, kept_ratio

dw = pytest.importorskip("reviewer.synth.docx_writer")
DocxBuilder, Run, Ins, Del, Comment = dw.DocxBuilder, dw.Run, dw.Ins, dw.Del, dw.Comment

MOBILE_2 = "13912345678"


def _rich_docx() -> bytes:
    b = DocxBuilder()
    b.paragraph("关于2024年城乡低保对象公示的说明")
    b.paragraph(["申请人身份证号：", ID_A[:6], Run(ID_A[6:14], bold=True), ID_A[14:], "，经审核符合条件。"])
    b.paragraph(["联系人", Ins(f"王某，电话{MOBILE}", author="李四"), Del(f"原身份证号{ID_B}", author="李四"), "。"])
    b.table([["姓名", "电话"], ["王某", MOBILE_2]])
    b.header(f"经办人身份证{ID_B}")
    b.footer("第 1 页")
    b.paragraph(["请核对", Comment("此处", f"申请人身份证{ID_B}", author="张审核"), "内容。"])
    b.footnote(f"联系电话{MOBILE}。", before="正文注释")
    b.textbox(f"文本框里的电话{MOBILE_2}")
    b.paragraph("公示期为七个工作日，如有异议请向县民政局反映。" * 2)
    b.properties(author="张三", last_modified_by="李四", title=f"档案{ID_A}", comments=f"备注{ID_B}",
                 keywords="低保", company="某县民政局", manager="王局长")
    b.custom_properties({"经办人身份证": ID_B})
    return b.to_bytes()


def _findings(doc):
    return (all_findings(doc, ID_A, "id_card") + all_findings(doc, ID_B, "id_card")
            + all_findings(doc, MOBILE, "mobile") + all_findings(doc, MOBILE_2, "mobile"))


@pytest.fixture(scope="module")
def redacted():
    doc = parse_bytes(_rich_docx(), "notice.docx")
    fs = _findings(doc)
    return doc, fs, redact_document(doc, fs, accept_all=True)


def test_docx_golden_text(redacted):
    doc, fs, res = redacted
    check_golden("docx_partial.txt", parse_bytes(res.output, "out.docx").text)


def test_docx_no_removed_string_in_any_zip_part(redacted):
    doc, fs, res = redacted
    for name, text in docx_sources(res.output).items():
        assert_absent(text, [ID_A, ID_B, MOBILE, MOBILE_2], f"in {name}")
    names = zipfile.ZipFile(io.BytesIO(res.output)).namelist()
    assert not [n for n in names if "comment" in n.lower() or n.startswith("customXml/") or "thumbnail" in n]
    assert "docProps/custom.xml" not in names


def test_docx_kept_text_and_formatting_across_runs(redacted):
    doc, fs, res = redacted
    out = parse_bytes(res.output, "out.docx")
    dropped = [(b.start, b.end) for b in doc.blocks if b.part in ("comment", "deletion", "properties")]
    assert kept_ratio(doc.text, [(f.start, f.end) for f in fs] + dropped, out.text) >= 0.98
    d = python_docx.Document(io.BytesIO(res.output))
    p = d.paragraphs[1]
    assert p.text == "申请人身份证号：110105********002X，经审核符合条件。"
    bold = [r.text for r in p.runs if r.bold]
    assert bold == ["********"]  # the masked middle kept its run and its bold


def test_docx_number_split_across_runs_is_replaced_in_place():
    b = DocxBuilder()
    b.paragraph(["号码", MOBILE[:3], Run(MOBILE[3:7], italic=True), MOBILE[7:], "结束"])
    doc = parse_bytes(b.to_bytes(), "split.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True, style="label")
    d = python_docx.Document(io.BytesIO(res.output))
    assert d.paragraphs[0].text == "号码〔已删除：个人隐私〕结束"
    assert_absent(docx_sources(res.output)["word/document.xml"], [MOBILE])


def test_docx_tracked_changes_are_resolved(redacted):
    doc, fs, res = redacted
    xml = zipfile.ZipFile(io.BytesIO(res.output)).read("word/document.xml").decode()
    for tag in ("<w:ins ", "<w:del ", "w:delText", "<w:ins>", "<w:del>"):
        assert tag not in xml
    assert "原身份证号" not in xml          # deleted text does not survive, found or not
    assert "王某，电话138****5678" in python_docx.Document(io.BytesIO(res.output)).paragraphs[2].text


def test_docx_comments_removed_entirely(redacted):
    doc, fs, res = redacted
    z = zipfile.ZipFile(io.BytesIO(res.output))
    xml = z.read("word/document.xml").decode()
    assert "commentRangeStart" not in xml and "commentReference" not in xml
    assert "comments" not in z.read("word/_rels/document.xml.rels").decode()
    assert "comments" not in z.read("[Content_Types].xml").decode()
    assert "张审核" not in "".join(docx_sources(res.output).values())


def test_docx_header_footnote_textbox_table_redacted(redacted):
    doc, fs, res = redacted
    src = docx_sources(res.output)
    header = next(v for k, v in src.items() if k.startswith("word/header"))
    assert "经办人身份证360426********0071" in header
    assert "139****5678" in src["word/document.xml"]  # table cell and text box (both copies)
    assert src["word/document.xml"].count("139****5678") >= 2
    assert "联系电话138****5678" in src["word/footnotes.xml"]


def test_docx_properties_cleared(redacted):
    doc, fs, res = redacted
    cp = python_docx.Document(io.BytesIO(res.output)).core_properties
    assert (cp.author, cp.last_modified_by, cp.comments, cp.title) == ("", "", "", "")
    app = zipfile.ZipFile(io.BytesIO(res.output)).read("docProps/app.xml").decode()
    assert "某县民政局" not in app and "王局长" not in app
    cleaned = " ".join(res.log["engine"]["cleaned"])
    for what in ("作者", "最后修改者", "标题", "单位", "自定义属性", "批注", "修订记录"):
        assert what in cleaned


def test_docx_title_without_removed_text_is_kept():
    b = DocxBuilder()
    b.paragraph(f"电话{MOBILE}")
    b.properties(title="关于低保公示的说明", author="张三")
    doc = parse_bytes(b.to_bytes(), "t.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    cp = python_docx.Document(io.BytesIO(res.output)).core_properties
    assert cp.title == "关于低保公示的说明" and cp.author == ""


def test_docx_thumbnail_and_custom_xml_dropped_and_rsid_stripped():
    b = DocxBuilder()
    b.paragraph(f"电话{MOBILE}")
    b.raw_part("docProps/thumbnail.jpeg", b"\xff\xd8\xff" + MOBILE.encode(), "image/jpeg")
    b.raw_part("customXml/item1.xml", f"<root>{MOBILE}</root>".encode(), None)
    data = b.to_bytes()
    doc = parse_bytes(data, "t.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    names = zipfile.ZipFile(io.BytesIO(res.output)).namelist()
    assert "docProps/thumbnail.jpeg" not in names and "customXml/item1.xml" not in names
    z = zipfile.ZipFile(io.BytesIO(res.output))
    assert b"w:rsid" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert not [n for n in z.namelist() if n.endswith(".xml") and b"w:rsid" in z.read(n)]


def test_docx_opens_in_libreoffice(tmp_path, redacted):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed; scripts/system-deps.sh installs libreoffice-writer-nogui")
    doc, fs, res = redacted
    src = tmp_path / "out.docx"
    src.write_bytes(res.output)
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=240, env=env)
    pdf = tmp_path / "out.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode(errors="replace")[-500:]
    from .conftest import pdftotext

    text = pdftotext(pdf.read_bytes())
    assert "城乡低保对象公示" in text.replace(" ", "")
    assert_absent(text, [ID_A, ID_B, MOBILE, MOBILE_2], "in the LibreOffice rendering")


def test_docx_block_that_does_not_match_the_xml_is_refused():
    from reviewer.errors import RedactionError

    b = DocxBuilder()
    b.paragraph(f"电话{MOBILE}，其他内容。")
    doc = parse_bytes(b.to_bytes(), "m.docx")
    fs = all_findings(doc, MOBILE, "mobile")
    block = doc.block_at(fs[0].start)
    block.location["char_offset"] = block.location.get("char_offset", 0) + 3  # a parser/engine disagreement
    with pytest.raises(RedactionError) as exc:
        redact_document(doc, fs, accept_all=True)
    assert exc.value.code == "docx_text_mismatch"


def test_docx_document_variables_removed():
    b = DocxBuilder()
    b.paragraph(f"电话{MOBILE}")
    data = b.to_bytes()
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: z.read(i) for i in z.infolist()}
    settings = parts["word/settings.xml"].decode()
    settings = settings.replace("</w:settings>", '<w:docVars><w:docVar w:name="case" w:val="经办人张三"/></w:docVars></w:settings>')
    parts["word/settings.xml"] = settings.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name, raw in parts.items():
            out.writestr(name, raw)
    doc = parse_bytes(buf.getvalue(), "v.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    settings_out = zipfile.ZipFile(io.BytesIO(res.output)).read("word/settings.xml").decode()
    assert "经办人张三" not in settings_out and "docVar" not in settings_out


@pytest.mark.parametrize("seed", range(4))
def test_docx_random_spans_anywhere_are_removed_and_the_rest_kept(seed):
    import random

    from reviewer.redaction import ManualSpan

    rng = random.Random(seed)
    doc = parse_bytes(_rich_docx(), "rich.docx")
    blocks = [b for b in doc.blocks if len(b) >= 3]
    spans = []
    for _ in range(rng.randint(2, 6)):
        b = rng.choice(blocks)
        s = rng.randint(b.start, b.end - 2)
        e = min(s + rng.randint(2, 14), len(doc.text))
        if doc.text[s:e].strip():
            spans.append(ManualSpan(s, e, "manual", "随机测试"))
    res = redact_document(doc, [], manual=spans, style=rng.choice(["label", "block", "partial"]))
    assert res.verified
    out = parse_bytes(res.output, "out.docx")
    dropped = [(b.start, b.end) for b in doc.blocks if b.part in ("comment", "deletion", "properties")]
    removed = [(e["start"], e["end"]) for e in res.log["removals"]]  # with the propagated occurrences
    assert kept_ratio(doc.text, removed + dropped, out.text) >= 0.97


def test_docx_pictures_are_reported_and_embedded_objects_removed():
    b = DocxBuilder()
    b.paragraph(f"电话{MOBILE}")
    b.image()
    b.raw_part("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 60, "application/vnd.openxmlformats-officedocument.oleObject")
    doc = parse_bytes(b.to_bytes(), "emb.docx")
    res = redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    warnings = " ".join(res.log["engine"]["warnings"])
    assert "图片" in warnings and "注意" in res.log_table
    # an embedded object cannot be cleaned faithfully: it is removed and the log says so (issue #11)
    assert "word/embeddings/oleObject1.bin" not in zipfile.ZipFile(io.BytesIO(res.output)).namelist()
    assert any("嵌入对象" in c for c in res.log["engine"]["cleaned"]) and "嵌入对象" in res.log_table


def test_docx_strict_open_xml_is_refused_with_a_clear_code():
    from reviewer.errors import RedactionError

    data = DocxBuilder().paragraph(f"电话{MOBILE}").to_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            z.writestr(name, src.read(name).replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                                    b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    doc = parse_bytes(out.getvalue(), "strict.docx")
    with pytest.raises(RedactionError) as exc:
        redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    assert exc.value.code == "docx_strict_unsupported"


def test_docx_short_removed_string_never_touches_package_wiring():
    """Removing "dp" (from an e-mail address) must not rewrite "wordprocessingml" in the
    content types, relationship types or namespaces."""
    from reviewer.redaction import ManualSpan

    b = DocxBuilder()
    b.table([["邮箱"], ["sxdpf970@126.com"]])
    doc = parse_bytes(b.to_bytes(), "dp.docx")
    i = doc.text.index("dp")
    res = redact_document(doc, [], manual=[ManualSpan(i, i + 2, "manual", "测试")], style="label")
    d = python_docx.Document(io.BytesIO(res.output))
    assert d.tables[0].cell(1, 0).text == "sx〔已删除：个人隐私〕f970@126.com"
    assert "wordprocessingml" in zipfile.ZipFile(io.BytesIO(res.output)).read("[Content_Types].xml").decode()
