"""Issue #11: an ID number and a mobile hidden anywhere in a DOCX package are read by the
parser (shown as findings with their location), removed by the redaction (or the part
is dropped and the log says so), and the output holds them nowhere."""

import io

import docx as python_docx
import pytest
from lxml import etree

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document

from .conftest import ID_A, MOBILE, all_findings
from .docx_surfaces import (
    W_NS, add_part, base_parts, body_append, edit_xml, fake_ole, fake_xlsx, leaks, members, rezip,
)

NAME = "欧阳明远"


def _redact(data: bytes, values=((ID_A, "id_card"), (MOBILE, "mobile")), style=None):
    doc = parse_bytes(data, "s.docx")
    fs = [f for v, t in values for f in all_findings(doc, v, t)]
    return doc, redact_document(doc, fs, accept_all=True, style=style)


def _parts_of(doc, value: str) -> set[str]:
    """The block parts that hold ``value``."""
    out = set()
    start = doc.text.find(value)
    while start >= 0:
        out |= {b.part for b in doc.blocks_in(start, start + len(value))}
        start = doc.text.find(value, start + 1)
    return out


def _check(data: bytes, where: dict[str, str], values=((ID_A, "id_card"), (MOBILE, "mobile"))):
    """Each value is read into the part named, and is gone from the output."""
    doc = parse_bytes(data, "s.docx")
    for value, part in where.items():
        assert part in _parts_of(doc, value), f"{value[:3]}… not read as part {part!r}: {_parts_of(doc, value)}"
    doc, res = _redact(data, values)
    assert res.verified
    assert leaks(res.output, [v for v, _ in values]) == []
    python_docx.Document(io.BytesIO(res.output))  # still a Word document
    return doc, res


# --------------------------------------------------------------------------- hyperlinks
def test_hyperlink_targets_and_tooltips_are_read_and_redacted():
    parts = base_parts()
    add_part(parts, f"tel:{MOBILE}", b"", rel_type="hyperlink", rid="rIdL1", external=True)
    add_part(parts, f"https://zw.example.gov.cn/q?tel={MOBILE}&sfz={ID_A}", b"", rel_type="hyperlink",
             rid="rIdL2", external=True)
    from urllib.parse import quote

    add_part(parts, f"https://zw.example.gov.cn/q?name={quote(NAME)}", b"", rel_type="hyperlink", rid="rIdL3",
             external=True)
    body_append(parts, '<w:p><w:hyperlink r:id="rIdL1" w:tooltip="身份证 ' + ID_A + '"><w:r><w:t>联系我们</w:t></w:r>'
                '</w:hyperlink><w:hyperlink r:id="rIdL2"><w:r><w:t>查询</w:t></w:r></w:hyperlink></w:p>')
    body_append(parts, f'<w:p><w:r><w:t>经办人{NAME}</w:t></w:r></w:p>')
    doc, res = _check(rezip(parts), {MOBILE: "link", ID_A: "link", NAME: "link"},
                      values=((ID_A, "id_card"), (MOBILE, "mobile"), (NAME, "person_name")))
    loc = [b.location for b in doc.blocks if b.part == "link"]
    assert {x["xml_part"] for x in loc} == {"word/_rels/document.xml.rels", "word/document.xml"}
    rels = members(res.output)["word/_rels/document.xml.rels"].decode()
    assert "tel:138****5678" in rels  # the link stays, masked like the text
    assert quote(NAME) not in rels and quote(NAME[0]) in rels  # the encoded name masked (欧某), still encoded
    assert any("超链接" in e["where"] for e in res.log["removals"])


# --------------------------------------------------------------------------- alt text
def test_image_alt_text_titles_and_vml_alt_are_read_and_redacted():
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder().paragraph("正文").image()
    parts = members(b.to_bytes())

    def alt(root):
        for el in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            el.set("descr", f"申请人身份证{ID_A}")
            el.set("title", f"电话{MOBILE}")
    edit_xml(parts, "word/document.xml", alt)
    body_append(parts, f'<w:p><w:r><w:pict><v:shape id="s9" alt="身份证{ID_A}" title="手机 {MOBILE[:3]} {MOBILE[3:7]} '
                f'{MOBILE[7:]}" style="width:10pt;height:10pt"><v:imagedata o:title="照片{ID_A}"/></v:shape></w:pict>'
                '</w:r></w:p>')
    doc, res = _check(rezip(parts), {ID_A: "alt_text", MOBILE: "alt_text"})
    xml = members(res.output)["word/document.xml"].decode()
    assert 'descr="申请人身份证110105********002X"' in xml


# --------------------------------------------------------------------------- field codes
def test_field_codes_instrtext_split_over_runs_and_fldsimple_are_read_and_redacted():
    parts = base_parts()
    body_append(parts, (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> HYPERLINK "tel:{MOBILE[:5]}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{MOBILE[5:]}" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>拨打电话</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        f'<w:p><w:fldSimple w:instr=" QUOTE &quot;{ID_A}&quot; "><w:r><w:t>引用</w:t></w:r></w:fldSimple></w:p>'
        '<w:p><w:fldSimple w:instr=" MERGEFIELD 身份证号 "><w:r><w:t>' + ID_A + '</w:t></w:r></w:fldSimple></w:p>'))
    doc, res = _check(rezip(parts), {MOBILE: "field", ID_A: "field"})
    assert "拨打电话" in parse_bytes(res.output, "o.docx").text


# --------------------------------------------------------------------------- glossary
GLOSSARY = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:glossaryDocument xmlns:w="{W_NS}">'
            '<w:docParts><w:docPart><w:docPartPr><w:name w:val="经办人"/></w:docPartPr><w:docPartBody>'
            f'<w:p><w:r><w:t>经办人身份证{ID_A}，电话{MOBILE}</w:t></w:r></w:p></w:docPartBody></w:docPart>'
            '</w:docParts></w:glossaryDocument>')


def test_glossary_building_blocks_are_read_and_redacted():
    parts = base_parts()
    add_part(parts, "word/glossary/document.xml", GLOSSARY.encode(),
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
             "glossaryDocument", rid="rIdG1")
    doc, res = _check(rezip(parts), {ID_A: "glossary", MOBILE: "glossary"})
    assert "经办人身份证110105********002X" in members(res.output)["word/glossary/document.xml"].decode()


# --------------------------------------------------------------------------- altChunk
def _chunk(kind: str) -> tuple[str, bytes, str]:
    body = f"<p>申请人身份证{ID_A}</p><p>电话{MOBILE}</p>"
    if kind == "html":
        return "word/afchunk.htm", f"<html><body>{body}</body></html>".encode(), "text/html"
    if kind == "mht":
        import base64

        payload = base64.encodebytes(f"<html><body>{body}</body></html>".encode()).decode()
        mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
               "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
               f"{payload}\r\n--B--\r\n")
        return "word/afchunk.mht", mht.encode(), "message/rfc822"
    rtf = ("{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}}\\f0 "
           + "".join(f"\\'{b:02x}" for b in "申请人身份证".encode("gbk")) + f" {ID_A}\\par "
           + "".join(f"\\u{ord(c)}?" for c in "电话") + f"{MOBILE}\\par}}")
    return "word/afchunk.rtf", rtf.encode("ascii"), "application/rtf"


@pytest.mark.parametrize("kind", ["html", "mht", "rtf"])
def test_alt_chunk_is_read_and_removed_with_a_log_entry(kind):
    parts = base_parts()
    name, data, ctype = _chunk(kind)
    add_part(parts, name, data, ctype, "aFChunk", rid="rIdC1")
    body_append(parts, '<w:altChunk r:id="rIdC1"/>')
    doc, res = _check(rezip(parts), {ID_A: "alt_chunk", MOBILE: "alt_chunk"})
    out = members(res.output)
    assert name not in out and "altChunk" not in out["word/document.xml"].decode()
    assert "rIdC1" not in out["word/_rels/document.xml.rels"].decode()
    assert any("altChunk" in c for c in res.log["engine"]["cleaned"])


# --------------------------------------------------------------------------- embedded objects
def test_embedded_ole_object_and_package_are_read_and_removed():
    parts = base_parts()
    add_part(parts, "word/embeddings/oleObject1.bin", fake_ole(f"身份证{ID_A}"),
             "application/vnd.openxmlformats-officedocument.oleObject", "oleObject", rid="rIdO1")
    add_part(parts, "word/embeddings/Microsoft_Excel_Worksheet1.xlsx", fake_xlsx(f"电话{MOBILE}"),
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "package", rid="rIdO2")
    body_append(parts, '<w:p><w:r><w:object><v:shape id="o1" style="width:20pt;height:20pt"/>'
                '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="o1" r:id="rIdO1"/></w:object></w:r></w:p>'
                '<w:p><w:r><w:object><v:shape id="o2" style="width:20pt;height:20pt"/>'
                '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="o2" r:id="rIdO2"/></w:object></w:r></w:p>')
    doc, res = _check(rezip(parts), {ID_A: "embedded", MOBILE: "embedded"})
    out = members(res.output)
    assert not [n for n in out if n.startswith("word/embeddings/")]
    assert "OLEObject" not in out["word/document.xml"].decode()
    assert "rIdO1" not in out["word/_rels/document.xml.rels"].decode()
    assert sum("嵌入对象" in c for c in res.log["engine"]["cleaned"]) >= 1


def test_embedded_object_is_removed_even_without_a_finding_in_it():
    parts = base_parts(f"电话{MOBILE}")
    add_part(parts, "word/embeddings/oleObject1.bin", fake_ole("无关内容而已啊"),
             "application/vnd.openxmlformats-officedocument.oleObject", "oleObject", rid="rIdO1")
    doc, res = _redact(rezip(parts))
    assert "word/embeddings/oleObject1.bin" not in members(res.output)


# --------------------------------------------------------------------------- properties
def test_second_company_manager_description_keywords_are_read_and_cleared():
    parts = base_parts()
    app_ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

    def app(root):
        for tag, value in (("Company", "某县民政局"), ("Manager", "王局长"), ("Company", f"经办人{MOBILE}"),
                           ("Manager", f"身份证{ID_A}")):
            etree.SubElement(root, f"{{{app_ns}}}{tag}").text = value
    edit_xml(parts, "docProps/app.xml", app)

    def core(root):
        dc, cp = "http://purl.org/dc/elements/1.1/", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
        etree.SubElement(root, f"{{{dc}}}description").text = "第一条备注"
        etree.SubElement(root, f"{{{dc}}}description").text = f"第二条备注{ID_A}"
        etree.SubElement(root, f"{{{cp}}}keywords").text = "低保"
        etree.SubElement(root, f"{{{cp}}}keywords").text = f"电话{MOBILE}"
    edit_xml(parts, "docProps/core.xml", core)
    doc, res = _check(rezip(parts), {ID_A: "properties", MOBILE: "properties"})
    out = members(res.output)
    assert b"Company" not in out["docProps/app.xml"] and b"Manager" not in out["docProps/app.xml"]
    assert b"description" not in out["docProps/core.xml"] and b"keywords" not in out["docProps/core.xml"]


# --------------------------------------------------------------------------- other parts
CHART = ('<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/'
         '2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich>'
         f'<a:p><a:r><a:t>联系人电话{MOBILE}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart>'
         f'<c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>{ID_A}</c:v></c:pt></c:strCache></c:strRef></c:cat>'
         '</c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>')
DIAGRAM = ('<?xml version="1.0" encoding="UTF-8"?><dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/'
           'drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
           f'<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>身份证{ID_A}</a:t></a:r></a:p></dgm:t></dgm:pt>'
           f'<dgm:pt modelId="2"><dgm:prSet phldrT="电话{MOBILE}"/></dgm:pt></dgm:ptLst></dgm:dataModel>')


def test_charts_and_smartart_are_read_and_redacted():
    parts = base_parts()
    add_part(parts, "word/charts/chart1.xml", CHART.encode(),
             "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", "chart", rid="rIdH1")
    add_part(parts, "word/diagrams/data1.xml", DIAGRAM.encode(),
             "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml", "diagramData", rid="rIdH2")
    doc = parse_bytes(rezip(parts), "c.docx")
    assert {"chart", "diagram"} <= _parts_of(doc, ID_A) | _parts_of(doc, MOBILE)
    _check(rezip(parts), {ID_A: "chart", MOBILE: "chart"})


def test_custom_xml_document_variables_and_people_are_read_and_removed():
    parts = base_parts()
    add_part(parts, "customXml/item2.xml", f"<案卷><承办人 电话='{MOBILE}'>身份证{ID_A}</承办人></案卷>".encode())

    def docvar(root):
        dv = etree.SubElement(root, f"{{{W_NS}}}docVars")
        v = etree.SubElement(dv, f"{{{W_NS}}}docVar")
        v.set(f"{{{W_NS}}}name", "sfz")
        v.set(f"{{{W_NS}}}val", f"身份证{ID_A}")
    edit_xml(parts, "word/settings.xml", docvar)
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    add_part(parts, "word/people.xml", (f'<w15:people xmlns:w15="{w15}"><w15:person w15:author="{NAME}">'
                                        f'<w15:presenceInfo w15:providerId="None" w15:userId="{MOBILE}"/>'
                                        '</w15:person></w15:people>').encode(),
             "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml",
             "http://schemas.microsoft.com/office/2011/relationships/people", rid="rIdP1")
    data = rezip(parts)
    doc = parse_bytes(data, "x.docx")
    assert {"custom_xml", "variable"} <= _parts_of(doc, ID_A)
    assert {"custom_xml", "people"} <= _parts_of(doc, MOBILE)
    assert "people" in _parts_of(doc, NAME)
    _check(data, {}, values=((ID_A, "id_card"), (MOBILE, "mobile"), (NAME, "person_name")))


def test_macro_project_names_are_read_and_the_project_removed():
    parts = base_parts()
    add_part(parts, "word/vbaProject.bin", fake_ole(f"Module_{MOBILE}"), "application/vnd.ms-office.vbaProject",
             "http://schemas.microsoft.com/office/2006/relationships/vbaProject", rid="rIdV1")
    wne = "http://schemas.microsoft.com/office/word/2006/wordml"
    add_part(parts, "word/vbaData.xml", (f'<wne:vbaSuppData xmlns:wne="{wne}"><wne:mcds><wne:mcd '
                                         f'wne:macroName="PROJECT.NEWMACROS.SFZ{ID_A}" wne:name="x"/></wne:mcds>'
                                         '</wne:vbaSuppData>').encode(),
             "application/vnd.ms-word.vbaData+xml",
             "http://schemas.microsoft.com/office/2006/relationships/wordVbaData", source="word/vbaProject.bin",
             rid="rIdV2")
    doc, res = _check(rezip(parts), {MOBILE: "macro", ID_A: "macro"})
    out = members(res.output)
    assert "word/vbaProject.bin" not in out and "word/vbaData.xml" not in out
    assert any("宏" in c for c in res.log["engine"]["cleaned"])


def test_theme_names_and_comments_extended_text_are_read():
    parts = base_parts()
    theme = parts["word/theme/theme1.xml"].decode().replace('name="Office Theme"', f'name="{NAME}的主题"', 1)
    parts["word/theme/theme1.xml"] = theme.encode()
    add_part(parts, "word/commentsExtended.xml",
             (f'<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
              f'<w15:commentEx w15:paraId="01020304"/>备注{ID_A}</w15:commentsEx>').encode(),
             "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
             "http://schemas.microsoft.com/office/2011/relationships/commentsExtended", rid="rIdE1")
    doc, res = _check(rezip(parts), {NAME: "theme", ID_A: "comment"},
                      values=((ID_A, "id_card"), (NAME, "person_name")))
    assert "word/commentsExtended.xml" not in members(res.output)
    assert NAME not in members(res.output)["word/theme/theme1.xml"].decode()


def test_unknown_and_utf16_parts_are_read_and_redacted():
    parts = base_parts()
    add_part(parts, "word/foo.xml", f"<foo><bar>身份证{ID_A}</bar></foo>".encode())
    add_part(parts, "word/bar.xml", f'<?xml version="1.0" encoding="UTF-16"?><bar>电话{MOBILE}</bar>'.encode("utf-16"))
    doc, res = _check(rezip(parts), {ID_A: "other", MOBILE: "other"})


def test_output_with_every_surface_cleaned_opens_in_libreoffice(tmp_path):
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed; scripts/system-deps.sh installs libreoffice-writer-nogui")
    parts = base_parts("关于低保对象公示的说明")
    add_part(parts, f"tel:{MOBILE}", b"", rel_type="hyperlink", rid="rIdL1", external=True)
    add_part(parts, "word/embeddings/oleObject1.bin", fake_ole(f"身份证{ID_A}"),
             "application/vnd.openxmlformats-officedocument.oleObject", "oleObject", rid="rIdO1")
    name, data, ctype = _chunk("html")
    add_part(parts, name, data, ctype, "aFChunk", rid="rIdC1")
    add_part(parts, "word/glossary/document.xml", GLOSSARY.encode(),
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
             "glossaryDocument", rid="rIdG1")
    body_append(parts, '<w:p><w:hyperlink r:id="rIdL1" w:tooltip="身份证 ' + ID_A + '"><w:r><w:t>联系我们</w:t></w:r>'
                '</w:hyperlink></w:p><w:p><w:r><w:object><v:shape id="o1" style="width:20pt;height:20pt"/>'
                '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="o1" r:id="rIdO1"/></w:object></w:r></w:p>'
                '<w:altChunk r:id="rIdC1"/><w:p><w:r><w:t>公示期满无异议。</w:t></w:r></w:p>')
    doc, res = _check(rezip(parts), {ID_A: "embedded", MOBILE: "link"})
    src = tmp_path / "out.docx"
    src.write_bytes(res.output)
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                           "pdf", "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=240, env=env)
    pdf = tmp_path / "out.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode(errors="replace")[-500:]
    from .conftest import pdftotext

    text = pdftotext(pdf.read_bytes()).replace(" ", "")
    assert "关于低保对象公示的说明" in text and "公示期满无异议" in text and "联系我们" in text
    assert ID_A not in text and MOBILE not in text


def test_equations_form_fields_inline_custom_xml_and_mail_merge_are_read_and_cleaned():
    parts = base_parts()
    m = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    body_append(parts, (
        f'<w:p><m:oMath xmlns:m="{m}"><m:r><m:t>{ID_A}</m:t></m:r></m:oMath></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="phone"/>'
        f'<w:helpText w:type="text" w:val="填写电话{MOBILE}"/><w:textInput><w:default w:val="{ID_A}"/></w:textInput>'
        '</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:customXml w:element="申请人"><w:customXmlPr><w:attr w:name="sfz" w:val="' + ID_A + '"/></w:customXmlPr>'
        '<w:p><w:r><w:t>申请材料</w:t></w:r></w:p></w:customXml>'))

    def merge(root):
        mm = etree.SubElement(root, f"{{{W_NS}}}mailMerge")
        etree.SubElement(mm, f"{{{W_NS}}}query").set(f"{{{W_NS}}}val", f"SELECT * FROM 名单 WHERE 电话='{MOBILE}'")
    edit_xml(parts, "word/settings.xml", merge)
    data = rezip(parts)
    doc = parse_bytes(data, "e.docx")
    assert {"equation", "field"} <= _parts_of(doc, ID_A)
    assert {"field", "variable"} <= _parts_of(doc, MOBILE)
    doc, res = _check(data, {})
    assert b"mailMerge" not in members(res.output)["word/settings.xml"]


def test_a_part_that_is_not_well_formed_is_read_as_strings_and_redaction_refuses_it():
    from reviewer.errors import RedactionError

    parts = base_parts(f"电话{MOBILE}")
    parts["word/broken.xml"] = f"<a><b>身份证{ID_A}</a>".encode()
    doc = parse_bytes(rezip(parts), "b.docx")
    assert "other" in _parts_of(doc, ID_A)
    assert "unreadable_part" in {w.code for w in doc.warnings}
    with pytest.raises(RedactionError) as exc:
        redact_document(doc, all_findings(doc, MOBILE, "mobile"), accept_all=True)
    assert exc.value.code == "docx_unreadable_part" and exc.value.details["part"] == "word/broken.xml"
    # with the value in it removed, the part goes instead (it cannot be edited faithfully)
    doc, res = _redact(rezip(parts))
    assert "word/broken.xml" not in members(res.output) and leaks(res.output, [ID_A, MOBILE]) == []


def test_watermark_wordart_and_drawingml_text_are_read_and_redacted():
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder().paragraph("正文")
    b.header("页眉")
    parts = members(b.to_bytes())
    header = next(n for n in parts if n.startswith("word/header"))
    vml = ("urn:schemas-microsoft-com:vml", "http://schemas.openxmlformats.org/drawingml/2006/main")

    def mark(root):
        p = root.find(f"{{{W_NS}}}p")
        p.append(etree.fromstring(
            f'<w:r xmlns:w="{W_NS}" xmlns:v="{vml[0]}"><w:pict><v:shape id="PowerPlusWaterMarkObject1" '
            f'style="width:400pt;height:100pt"><v:textpath style="font-family:SimSun" string="经办人电话{MOBILE}"/>'
            '</v:shape></w:pict></w:r>'))
    edit_xml(parts, header, mark)
    body_append(parts, f'<w:p><w:r><w:t>图形：</w:t></w:r><w:r><a:p><a:r><a:t>身份证{ID_A}</a:t></a:r></a:p></w:r></w:p>')
    doc, res = _check(rezip(parts), {MOBILE: "watermark", ID_A: "drawing"})
    assert 'string="经办人电话138****5678"' in members(res.output)[header].decode()


def _png_with_text(itxt: str, ztxt: str) -> bytes:
    import struct
    import zlib

    from reviewer.synth.docx_writer import tiny_png

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    png = tiny_png()
    extra = (chunk(b"iTXt", b"Description\0\0\0\0\0" + itxt.encode()) +
             chunk(b"zTXt", b"Comment\0\0" + zlib.compress(ztxt.encode("latin-1"))))
    return png[:33] + extra + png[33:]  # after the signature and IHDR


def _jpeg_with_text(comment: str, xp_comment: str) -> bytes:
    from PIL import Image

    img = Image.new("RGB", (8, 8), (200, 30, 30))
    exif = Image.Exif()
    exif[0x9C9C] = xp_comment.encode("utf-16-le") + b"\0\0"  # XPComment, as Windows writes it
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), quality=95)
    data = buf.getvalue()
    com = comment.encode("utf-8")
    first = 4 + int.from_bytes(data[4:6], "big")  # after SOI and the first (JFIF/Exif) segment
    return data[:first] + b"\xff\xfe" + (len(com) + 2).to_bytes(2, "big") + com + data[first:]


def test_picture_metadata_is_read_and_stripped_and_a_metafile_with_text_removed():
    from PIL import Image

    from reviewer.synth.docx_writer import DocxBuilder

    png = _png_with_text(f"申请人身份证{ID_A}", f"tel {MOBILE}")
    jpeg = _jpeg_with_text(f"身份证{ID_A}", f"电话{MOBILE}")
    b = DocxBuilder().paragraph("附图：").image(png).image(jpeg)
    parts = members(b.to_bytes())
    emf = b"\x01\0\0\0" + b"\0" * 36 + b" EMF" + b"\0" * 40 + f"经办人电话{MOBILE}".encode("utf-16-le") + b"\0\0"
    add_part(parts, "word/media/image9.emf", emf, "image/x-emf", "image", rid="rIdM9")
    body_append(parts, '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="9" name="图片 9"/>'
                '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
                '<pic:nvPicPr><pic:cNvPr id="9" name="image9.emf"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
                '<a:blip r:embed="rIdM9"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
                '</wp:inline></w:drawing></w:r></w:p>')
    data = rezip(parts)
    doc, res = _check(data, {ID_A: "image", MOBILE: "image"})
    out = members(res.output)
    pictures = {n: v for n, v in out.items() if n.startswith("word/media/")}
    assert "word/media/image9.emf" not in pictures and "rIdM9" not in out["word/_rels/document.xml.rels"].decode()
    before = {n: v for n, v in members(data).items() if n.startswith("word/media/") and not n.endswith(".emf")}
    assert set(pictures) == set(before)
    for n in pictures:  # the same pixels, only the metadata gone
        assert Image.open(io.BytesIO(pictures[n])).tobytes() == Image.open(io.BytesIO(before[n])).tobytes()
        assert len(pictures[n]) < len(before[n])
    assert any("图片元数据" in c for c in res.log["engine"]["cleaned"])
    assert any("含删除内容的图片" in c for c in res.log["engine"]["cleaned"])


def test_cli_redact_accept_all_leaves_the_issue_values_nowhere(tmp_path):
    """The issue as reported: scan + ``reviewer redact --accept-all`` on a draft hiding a fake
    身份证号 and mobile outside the paragraphs; the copy is written, verified, and holds neither."""
    from reviewer.cli import main

    parts = base_parts("关于低保对象公示的说明")
    add_part(parts, f"https://zw.example.gov.cn/q?tel={MOBILE}", b"", rel_type="hyperlink", rid="rIdL1",
             external=True)
    add_part(parts, "word/embeddings/oleObject1.bin", fake_ole(f"身份证{ID_A}"),
             "application/vnd.openxmlformats-officedocument.oleObject", "oleObject", rid="rIdO1")
    name, data, ctype = _chunk("mht")
    add_part(parts, name, data, ctype, "aFChunk", rid="rIdC1")
    add_part(parts, "word/glossary/document.xml", GLOSSARY.encode(),
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
             "glossaryDocument", rid="rIdG1")
    body_append(parts, (
        '<w:p><w:hyperlink r:id="rIdL1" w:tooltip="身份证 ' + ID_A + '"><w:r><w:t>查询</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> QUOTE "{ID_A}" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:altChunk r:id="rIdC1"/>'))
    src, out = tmp_path / "draft.docx", tmp_path / "public.docx"
    src.write_bytes(rezip(parts))
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(["redact", str(src), "-o", str(out), "--accept-all"]))
    assert exc.value.code == 0
    assert leaks(out.read_bytes(), [ID_A, MOBILE]) == []
