"""DOCX parser: every location kind, checked against the XML it claims to point at.

The files are built by reviewer.synth.docx_writer; each block's (xml_part, paragraph,
char_offset) is re-read here with an independent implementation of the joined-text
rule (XPath on the raw part), so a wrong index or offset fails the test.
"""

import html
import io
import zipfile

import docx
import pytest
from lxml import etree

from reviewer.parsers import parse_bytes
from reviewer.synth.docx_writer import Break, Comment, Del, DocxBuilder, Ins, Link, Note, Run, Tab, Table

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
ID_NUMBER = "11010519491231002X"
CHARS = {"t": None, "tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


def _xml(data: bytes, part: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))


def _joined(p) -> str:
    """Reference joined text: text-bearing elements whose own paragraph is ``p`` and
    that sit in no mc:Fallback, w:pPr or w:rPr between themselves and ``p``."""
    out = []
    for el in p.iter(*(f"{{{NS['w']}}}{k}" for k in CHARS)):
        between = []
        for a in el.iterancestors():
            if a is p:
                break
            between.append(etree.QName(a).localname)
        if "p" in between or {"Fallback", "pPr", "rPr"} & set(between):
            continue
        local = etree.QName(el).localname
        out.append((el.text or "") if local == "t" else CHARS[local])
    return "".join(out)


def _deltext(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{NS['w']}}}delText"))


def _paragraph(data: bytes, part: str, index: int):
    return list(_xml(data, part).iter(f"{{{NS['w']}}}p"))[index]


def _source_text(data: bytes, block) -> str:
    """The characters a block claims, read back from the XML part."""
    loc = block.location
    p = _paragraph(data, loc["xml_part"], loc["paragraph"])
    full = _deltext(p) if block.part == "deletion" else _joined(p)
    return full[loc["char_offset"]: loc["char_offset"] + len(block)]


def _rich() -> bytes:
    b = DocxBuilder()
    b.paragraph("关于做好2024年政务公开工作的通知")
    b.paragraph(["身份证号：", ID_NUMBER[:6], Run(ID_NUMBER[6:14], bold=True), ID_NUMBER[14:], "。"])
    b.paragraph(["联系人", Ins("王小明", author="李四", date="2024-05-06T07:08:09Z"), "，原为",
                 Del("张三", author="赵六"), Del("丰", author="赵六"), "，电话", Tab(), "13812345678", Break(), "止"])
    b.table([["姓名", "电话"], ["王小明", "13912345678"], ["备注", Table([["内层", "嵌套单元格"]])]])
    b.header("内部资料 注意保存", kind="default")
    b.header("首页页眉", kind="first")
    b.header("偶数页页眉", kind="even")
    b.footer("默认页脚", kind="default")
    b.footer("首页页脚", kind="first")
    b.comment("王小明", "请核实身份证号", author="审核员甲", before="经办人：", after="。")
    b.footnote("依据《中华人民共和国政府信息公开条例》第十五条。", before="脚注所在句")
    b.endnote("尾注正文", before="尾注所在句")
    b.textbox(["文本框电话13700001111", "第二行"])
    b.hyperlink("政务网站", "http://www.example.gov.cn/", before="见")
    b.paragraph("正文最后一段")
    b.properties(author="张三", last_modified_by="李四", title="内部通知", subject="人事",
                 comments="仅供内部", keywords="秘密;内部", company="某某市人民政府办公室", manager="王局长")
    b.custom_properties({"密级": "秘密", "承办人": "孙七", "份数": 5})
    return b.to_bytes()


@pytest.fixture(scope="module")
def rich():
    data = _rich()
    return data, parse_bytes(data, "rich.docx")


def _find(doc, text, part=None):
    start = doc.text.index(text)
    loc = doc.location_of(start, start + len(text))
    if part is not None:
        assert loc["part"] == part, loc
    return start, loc


def test_docx_writer_output_opens_in_python_docx(rich):
    data, _doc = rich
    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].text == "关于做好2024年政务公开工作的通知"
    assert d.core_properties.author == "张三" and d.core_properties.title == "内部通知"
    assert len(d.tables) == 1 and d.tables[0].cell(1, 1).text == "13912345678"
    assert d.sections[0].first_page_header.paragraphs[0].text == "首页页眉"


def test_docx_every_block_points_at_its_source_characters(rich):
    data, doc = rich
    checked = 0
    for block in doc.blocks:
        if block.part == "properties":
            continue
        if "paragraph" not in block.location:  # a value outside the paragraphs (issue #11): in its part
            raw = zipfile.ZipFile(io.BytesIO(data)).read(block.location["xml_part"]).decode("utf-8")
            assert doc.text[block.start:block.end] in html.unescape(raw), block
            continue
        assert _source_text(data, block) == doc.text[block.start:block.end], block
        checked += 1
    assert checked >= 25


def test_docx_text_split_across_runs_is_joined(rich):
    data, doc = rich
    start, loc = _find(doc, ID_NUMBER, "body")
    assert loc["xml_part"] == "word/document.xml" and loc["paragraph"] == 1
    p = _paragraph(data, "word/document.xml", 1)
    assert len(p.findall("w:r", NS)) >= 4  # really several runs in the file
    off = loc["char_offset"] + loc["offset_in_block"]
    assert _joined(p)[off: off + len(ID_NUMBER)] == ID_NUMBER


@pytest.mark.parametrize("text,table,row,col", [
    ("姓名", 0, 0, 0), ("电话", 0, 0, 1), ("13912345678", 0, 1, 1), ("备注", 0, 2, 0),
    ("内层", 1, 0, 0), ("嵌套单元格", 1, 0, 1),
])
def test_docx_table_cells_carry_table_row_col(rich, text, table, row, col):
    data, doc = rich
    [block] = [b for b in doc.blocks if doc.text[b.start:b.end] == text and b.part == "table"]
    loc = block.location
    assert (loc["table"], loc["row"], loc["col"]) == (table, row, col)
    cell = _paragraph(data, "word/document.xml", loc["paragraph"]).xpath("ancestor::w:tc[1]", namespaces=NS)[0]
    assert "".join(cell.itertext()).startswith(text)


@pytest.mark.parametrize("text,part,kind,xml_prefix", [
    ("内部资料 注意保存", "header", "default", "word/header"),
    ("首页页眉", "header", "first", "word/header"),
    ("偶数页页眉", "header", "even", "word/header"),
    ("默认页脚", "footer", "default", "word/footer"),
    ("首页页脚", "footer", "first", "word/footer"),
])
def test_docx_headers_and_footers_carry_kind(rich, text, part, kind, xml_prefix):
    data, doc = rich
    start, loc = _find(doc, text, part)
    assert loc["kind"] == kind and loc["xml_part"].startswith(xml_prefix)
    assert _joined(_paragraph(data, loc["xml_part"], loc["paragraph"])) == text


def test_docx_comment_is_its_own_part_with_id_and_author(rich):
    data, doc = rich
    _start, loc = _find(doc, "请核实身份证号", "comment")
    assert loc["xml_part"] == "word/comments.xml" and loc["author"] == "审核员甲"
    comment = _xml(data, "word/comments.xml").find("w:comment", NS)
    assert comment.get(f"{{{NS['w']}}}id") == loc["comment_id"]
    # the anchored text stays in the body
    _find(doc, "经办人：王小明。", "body")


def test_docx_tracked_insertion_is_an_insertion_block(rich):
    data, doc = rich
    start = doc.text.index("联系人王小明")
    block = doc.block_at(start + 3)
    assert block.part == "insertion" and doc.text[block.start:block.end] == "王小明"
    assert block.location["author"] == "李四" and block.location["date"] == "2024-05-06T07:08:09Z"
    assert block.location["paragraph"] == 2 and block.location["char_offset"] == 3
    assert doc.block_at(start).part == "body"


def test_docx_tracked_deletion_comes_after_body_with_deltext_offsets(rich):
    data, doc = rich
    line = doc.text.splitlines()[2]
    assert "张三" not in line and line.startswith("联系人王小明，原为，电话\t13812345678")
    dels = [b for b in doc.blocks if b.part == "deletion"]
    assert [doc.text[b.start:b.end] for b in dels] == ["张三丰"]  # same author and date: one block
    assert dels[0].location["char_offset"] == 0 and dels[0].location["author"] == "赵六"
    last_body = max(b.end for b in doc.blocks if b.part in ("body", "table", "insertion"))
    assert dels[0].start > last_body
    assert _source_text(data, dels[0]) == "张三丰"


def test_docx_tab_and_break_are_characters_in_the_paragraph(rich):
    _data, doc = rich
    assert "电话\t13812345678\n止" in doc.text


@pytest.mark.parametrize("text,part,xml_part", [
    ("依据《中华人民共和国政府信息公开条例》第十五条。", "footnote", "word/footnotes.xml"),
    ("尾注正文", "endnote", "word/endnotes.xml"),
])
def test_docx_notes_are_read(rich, text, part, xml_part):
    data, doc = rich
    _start, loc = _find(doc, text, part)
    assert loc["xml_part"] == xml_part and loc["note_id"] == "1"
    assert text in _joined(_paragraph(data, xml_part, loc["paragraph"]))


def test_docx_textbox_is_read_once_with_its_fallback_copy_noted(rich):
    data, doc = rich
    assert doc.text.count("文本框电话13700001111") == 1
    _start, loc = _find(doc, "文本框电话13700001111", "textbox")
    paras = list(_xml(data, "word/document.xml").iter(f"{{{NS['w']}}}p"))
    assert _joined(paras[loc["paragraph"]]) == "文本框电话13700001111"
    mirror = paras[loc["mirror_paragraph"]]
    assert _joined(mirror) == "文本框电话13700001111" and mirror.xpath("ancestor::mc:Fallback", namespaces=NS)
    # the paragraph holding the text box does not repeat its text
    assert "文本框电话" not in doc.text[: doc.text.index("内部资料")]


def test_docx_textbox_with_different_fallback_text_reads_both():
    b = DocxBuilder().textbox("可见文本")
    data = b.to_bytes()
    z = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as o:
        for name in z.namelist():
            blob = z.read(name)
            if name == "word/document.xml":  # the VML copy says something else
                head, _, tail = blob.decode().rpartition("可见文本")
                blob = (head + "隐藏文本" + tail).encode()
            o.writestr(name, blob)
    doc = parse_bytes(out.getvalue(), "a.docx")
    assert "可见文本" in doc.text and "隐藏文本" in doc.text
    loc = _find(doc, "隐藏文本", "textbox")[1]
    assert loc.get("mirror_paragraph") is None and loc["fallback"] is True
    assert "fallback" not in _find(doc, "可见文本", "textbox")[1]


@pytest.mark.parametrize("field,value,xml_part", [
    ("author", "张三", "docProps/core.xml"), ("last_modified_by", "李四", "docProps/core.xml"),
    ("title", "内部通知", "docProps/core.xml"), ("subject", "人事", "docProps/core.xml"),
    ("comments", "仅供内部", "docProps/core.xml"), ("keywords", "秘密;内部", "docProps/core.xml"),
    ("company", "某某市人民政府办公室", "docProps/app.xml"), ("manager", "王局长", "docProps/app.xml"),
    ("密级", "秘密", "docProps/custom.xml"), ("承办人", "孙七", "docProps/custom.xml"),
])
def test_docx_properties_are_blocks_and_metadata(rich, field, value, xml_part):
    _data, doc = rich
    blocks = [b for b in doc.blocks if b.part == "properties" and b.location["field"] == field]
    assert len(blocks) == 1
    assert doc.text[blocks[0].start:blocks[0].end] == value and blocks[0].location["xml_part"] == xml_part
    stored = doc.metadata.properties.get("custom", {}) if xml_part.endswith("custom.xml") else doc.metadata.properties
    assert stored[field] == value


def test_docx_groups_come_in_schema_order(rich):
    _data, doc = rich
    order = ["body", "header", "footer", "footnote", "endnote", "textbox", "comment", "deletion", "properties"]
    seen = [b.part for b in doc.blocks if b.part in order]
    firsts = [seen.index(p) for p in order]
    assert firsts == sorted(firsts)
    lasts = {p: max(i for i, s in enumerate(seen) if s == p) for p in order}
    assert all(lasts[a] < firsts[order.index(b)] for a, b in zip(order[1:], order[2:]))


def test_docx_metadata_and_warnings(rich):
    _data, doc = rich
    assert doc.metadata.format == "docx" and doc.metadata.encoding is None and doc.metadata.pages == 1
    codes = {w.code for w in doc.warnings}
    assert {"tracked_changes", "comments", "external_relationships"} <= codes
    assert "macros" not in codes and "custom_xml" not in codes
    by_code = {w.code: w for w in doc.warnings}
    assert by_code["tracked_changes"].details["authors"] == ["李四", "赵六"]
    assert by_code["comments"].details["authors"] == ["审核员甲"]
    ext = by_code["external_relationships"]
    assert "http://www.example.gov.cn/" in ext.details["targets"]


def test_docx_plain_document_has_no_warnings():
    doc = parse_bytes(DocxBuilder().paragraph("普通正文").to_bytes(), "plain.docx")
    assert doc.text == "普通正文\n" and doc.warnings == []


def test_docx_macros_images_altchunk_and_custom_xml_are_reported(monkeypatch):
    monkeypatch.setenv("REVIEWER_OCR", "0")   # the parser's own notice; pictures read by OCR: tests/ocr
    b = DocxBuilder().paragraph("正文").image()
    b.raw_part("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    b.raw_part("word/embeddings/oleObject1.bin", b"\0" * 16)
    b.raw_part("word/charts/chart1.xml", b"<c:chartSpace xmlns:c='urn:c'/>")
    b.raw_part("customXml/item1.xml", "<data><承办人>孙七</承办人></data>".encode())
    body = b.document.element.body
    body.insert(0, etree.fromstring(f'<w:altChunk xmlns:w="{NS["w"]}" xmlns:r="http://schemas.openxml'
                                    'formats.org/officeDocument/2006/relationships" r:id="rIdX"/>'))
    doc = parse_bytes(b.to_bytes(), "m.docx")
    codes = {w.code: w for w in doc.warnings}
    assert {"macros", "images", "embedded_objects", "alt_chunk", "custom_xml", "charts_diagrams"} <= set(codes)
    assert codes["images"].details["count"] == 1


def test_docx_field_codes_are_skipped_and_field_results_kept():
    b = DocxBuilder().paragraph("前")
    p = b.document.paragraphs[0]._p
    w = f"{{{NS['w']}}}"
    for kind, child, text in (("begin", None, None), (None, "instrText", ' HYPERLINK "http://x.gov.cn" '),
                              ("separate", None, None), (None, "t", "结果13812345678"), ("end", None, None)):
        r = etree.SubElement(p, w + "r")
        if kind:
            etree.SubElement(r, w + "fldChar").set(w + "fldCharType", kind)
        else:
            etree.SubElement(r, w + child).text = text
    b.paragraph(["隐藏", Run("的", bold=True)])
    rpr = b.document.paragraphs[1].runs[1]._r.get_or_add_rPr()
    etree.SubElement(rpr, w + "vanish")
    doc = parse_bytes(b.to_bytes(), "f.docx")
    assert doc.text.startswith("前结果13812345678\n隐藏的\n")
    # the instruction is not part of the paragraph, but it ships with the file: its own block
    [field] = [blk for blk in doc.blocks if "HYPERLINK" in doc.text[blk.start:blk.end]]
    assert field.part == "field" and field.location["xml_part"] == "word/document.xml"
    assert "hidden_text" in {w.code for w in doc.warnings}


def test_docx_item_types_all_supported_by_writer():
    b = DocxBuilder().paragraph(["a", Run("b", italic=True, font="仿宋_GB2312", size_pt=16), Ins("c"), Del("d"),
                                 Comment("e", "注"), Note("f"), Note("g", endnote=True), Link("h", "http://h.cn"),
                                 Tab(), Break()])
    doc = parse_bytes(b.to_bytes(), "items.docx")
    assert doc.text.startswith("abceh\t\n\n")
    assert {b.part for b in doc.blocks} >= {"body", "insertion", "deletion", "comment", "footnote", "endnote"}


def test_docx_writer_is_reproducible():
    assert _rich() == _rich()


def test_docx_strict_open_xml_namespaces_are_read():
    data = DocxBuilder().paragraph("严格格式正文").header("页眉文字").properties(author="张三").to_bytes()
    swaps = ((b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            blob = src.read(name)
            for a, b in swaps:
                blob = blob.replace(a, b)
            z.writestr(name, blob)
    doc = parse_bytes(out.getvalue(), "strict.docx")
    assert doc.text == "严格格式正文\n页眉文字\n张三\n"
    assert [b.part for b in doc.blocks] == ["body", "header", "properties"]


def test_docx_deletions_apart_in_the_paragraph_stay_apart():
    b = DocxBuilder().paragraph(["甲", Del("王"), "乙", Del("小明"), Del("同志")])
    doc = parse_bytes(b.to_bytes(), "d.docx")
    dels = [(doc.text[x.start:x.end], x.location["char_offset"]) for x in doc.blocks if x.part == "deletion"]
    assert dels == [("王", 0), ("小明同志", 1)]
    assert doc.text.startswith("甲乙\n")


def test_docx_header_lines_are_separate_paragraphs():
    doc = parse_bytes(DocxBuilder().header("第一行").header("第二行").footer("页脚").to_bytes(), "h.docx")
    assert doc.text == "第一行\n第二行\n页脚\n"
    assert [(b.part, b.location["paragraph"], b.location["kind"]) for b in doc.blocks] == [
        ("header", 0, "default"), ("header", 1, "default"), ("footer", 0, "default")]


def test_docx_unreferenced_parts_are_still_read():
    """A header or properties part no relationship points at is not shown by Word but
    ships with the file, so it is reviewed (location ``unreferenced``)."""
    data = DocxBuilder().paragraph("正文").properties(author="张三").to_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    hdr = f'<w:hdr xmlns:w="{NS["w"]}"><w:p><w:r><w:t>遗留页眉13812345678</w:t></w:r></w:p></w:hdr>'
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            blob = src.read(name)
            if name == "_rels/.rels":
                blob = blob.replace(b"docProps/core.xml", b"docProps/missing.xml")
            z.writestr(name, blob)
        z.writestr("word/header9.xml", hdr)
    doc = parse_bytes(out.getvalue(), "o.docx")
    _start, loc = _find(doc, "遗留页眉13812345678", "header")
    assert loc["xml_part"] == "word/header9.xml" and loc["unreferenced"] is True and "kind" not in loc
    assert doc.metadata.properties["author"] == "张三"


def test_docx_pages_is_none_without_app_properties():
    doc = parse_bytes(DocxBuilder().paragraph("正文").drop_part("docProps/app.xml").to_bytes(), "n.docx")
    assert doc.metadata.pages is None and doc.text == "正文\n"
