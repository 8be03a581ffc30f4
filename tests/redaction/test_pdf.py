import io
import re

import pikepdf
import pytest

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document

from .conftest import ID_A, ID_B, MOBILE, all_findings, assert_absent, check_golden, kept_ratio, pdftotext

pdfw = pytest.importorskip("reviewer.synth.pdf_writer")
if not pdfw.have_cjk_font():
    pytest.skip("no CJK TrueType font installed (scripts/system-deps.sh installs fonts-droid-fallback)",
                allow_module_level=True)
Page, Para, Annotation, Attachment = pdfw.Page, pdfw.Para, pdfw.Annotation, pdfw.Attachment

BODY = [
    Para("关于2024年城乡低保对象公示的说明", align="center", indent=0),
    f"经审核，申请人王某某（身份证号{ID_A}，联系电话{MOBILE}）符合城乡最低生活保障条件，"
    "现予公示。公示期为七个工作日，如有异议请向县民政局反映。",
    f"共同生活人身份证号{ID_B}，与申请人系母子关系。",
    "本公示依据《社会救助暂行办法》有关规定作出。" * 3,
]


def _findings(doc):
    return (all_findings(doc, ID_A, "id_card") + all_findings(doc, ID_B, "id_card")
            + all_findings(doc, MOBILE, "mobile"))


def _all_object_bytes(data: bytes) -> str:
    """Every object of the file, streams decoded: a raw, parser-free look at what is left."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out.append(repr(pdf.trailer))
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    raw = obj.read_bytes()
                except pikepdf.PdfError:
                    raw = obj.read_raw_bytes()
                out.append(raw.decode("latin-1"))
                out.append(raw.decode("utf-16-be", "ignore"))
                for hexstr in re.findall(rb"<FEFF([0-9A-Fa-f]+)>", raw, re.I):  # UTF-16 text strings
                    out.append(bytes.fromhex(hexstr.decode()).decode("utf-16-be", "ignore"))
            out.append(repr(obj))
    return "\n".join(out)


def test_pdf_golden_text_independent_extraction_and_kept_text():
    data = pdfw.build_pdf([Page(BODY), Page([f"第二页复述：身份证号{ID_A}。以上信息仅用于审核。"])])
    doc = parse_bytes(data, "notice.pdf")
    fs = _findings(doc)
    assert len(fs) == 4
    res = redact_document(doc, fs, accept_all=True)
    out_doc = parse_bytes(res.output, "out.pdf")
    check_golden("pdf_partial.txt", out_doc.text)
    text = pdftotext(res.output)
    assert_absent(text, [ID_A, ID_B, MOBILE], "in pdftotext output")
    # metadata (reportlab's "untitled", "anonymous") is removed whole by policy: not counted
    dropped = [(b.start, b.end) for b in doc.blocks if b.part != "page"]
    assert kept_ratio(doc.text, [(f.start, f.end) for f in fs] + dropped, out_doc.text) >= 0.98
    assert res.log["engine"]["edited_pages"] == [1, 2] and res.log["rasterised_pages"] == []
    assert res.log["verification"]["passed"] is True


def test_pdf_glyphs_are_removed_from_the_stream_and_the_rest_does_not_move():
    data = pdfw.build_pdf([Page(BODY)])
    doc = parse_bytes(data, "notice.pdf")
    res = redact_document(doc, _findings(doc), accept_all=True, style="block")
    # Not an overlay: the digits are in no content stream or object of the output.
    raw = _all_object_bytes(res.output)
    with pikepdf.open(io.BytesIO(res.output)) as pdf:
        content = b"".join(pikepdf.unparse_content_stream(pikepdf.parse_content_stream(p)) for p in pdf.pages)
    assert b" re" in content and b"0 g" in content               # black boxes drawn
    assert res.log["engine"]["glyphs_removed"] == len(ID_A) + len(ID_B) + len(MOBILE)
    out = parse_bytes(res.output, "out.pdf")
    for s in (ID_A, ID_B, MOBILE):
        assert s not in out.text
    assert "ToUnicode" in raw  # fonts kept: the rest is still text
    # The character after the ID keeps its box (TJ displacement, not a shift).
    tail = "，联系电话"
    i, j = doc.text.index(tail), out.text.index(tail)
    bi, bj = doc.block_at(i), out.block_at(j)
    box_in, box_out = bi.boxes[i - bi.start], bj.boxes[j - bj.start]
    assert all(abs(a - b) < 0.05 for a, b in zip(box_in, box_out))


def test_pdf_number_wrapped_across_lines_is_removed_on_both_lines():
    para = Para(f"身份证号{ID_A}，请核实。", chars_per_line=14)
    data = pdfw.build_pdf([Page([para, "其他内容保持不变。"])])
    doc = parse_bytes(data, "wrap.pdf")
    (f,) = all_findings(doc, ID_A, "id_card")
    blocks = doc.blocks_in(f.start, f.end)
    assert len({b.location["line"] for b in blocks}) == 2  # really wrapped
    res = redact_document(doc, [f], accept_all=True, style="label")
    text = pdftotext(res.output)
    assert_absent(text, [ID_A, ID_A[:8], ID_A[8:]], "in pdftotext output")
    assert "其他内容保持不变" in re.sub(r"\s", "", text)
    assert res.log["removals"][0]["location"]["spans_blocks"] == 2


def test_pdf_metadata_annotations_attachments_and_scripts_are_removed():
    data = pdfw.build_pdf(
        [Page(BODY)],
        info={"Title": f"王某某{ID_A}", "Author": "张三", "Subject": MOBILE},
        xmp={"dc:title": f"档案{ID_A}", "dc:creator": "张三"},
        annotations=[Annotation(page=1, contents=f"核对身份证{ID_A}", author="张三")],
        attachments=[Attachment("名单.txt", f"{ID_A}\n".encode())],
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:  # add an OpenAction with JavaScript, as some tools do
        js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"app.alert('{ID_A}')")))
        pdf.Root.OpenAction = js
        buf = io.BytesIO()
        pdf.save(buf)
        data = buf.getvalue()
    doc = parse_bytes(data, "meta.pdf")
    assert ID_A in doc.text  # the parser read it from metadata/annotations too
    res = redact_document(doc, all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile"),
                          accept_all=True)
    with pikepdf.open(io.BytesIO(res.output)) as pdf:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root and "/OpenAction" not in pdf.Root and "/Names" not in pdf.Root
        assert all("/Annots" not in p.obj for p in pdf.pages)
    raw = _all_object_bytes(res.output)
    assert_absent(raw, [ID_A, MOBILE], "in the raw objects")
    assert "张三" not in raw.encode("latin-1", "ignore").decode("utf-8", "ignore")
    cleaned = " ".join(res.log["engine"]["cleaned"])
    for what in ("文档信息", "XMP", "附件", "注释", "打开动作"):
        assert what in cleaned


def test_pdf_page_without_tounicode_is_rasterised_and_logged():
    data = pdfw.build_pdf([Page(BODY), Page(["第二页没有敏感信息。"])])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
        buf = io.BytesIO()
        pdf.save(buf)
        data = buf.getvalue()
    doc = parse_bytes(data, "no-tounicode.pdf")
    fs = all_findings(doc, ID_A, "id_card")
    assert fs, "pdfium still reads the digits through the embedded font"
    res = redact_document(doc, fs, accept_all=True)
    (r,) = res.log["rasterised_pages"]
    assert r["page"] == 1 and "ToUnicode" in r["reason"]
    assert "第1页已转为图像" in res.log_table
    with pikepdf.open(io.BytesIO(res.output)) as pdf:
        res1 = pdf.pages[0].Resources
        assert "/Font" not in res1 and len(res1.XObject) == 1
        assert "/Font" in pdf.pages[1].Resources  # page 2 untouched
    assert_absent(pdftotext(res.output), [ID_A])


def _incremental_update(data: bytes, info_num: int, root_ref: str, size: int) -> bytes:
    """Append a revision that replaces the Info dictionary (the old one stays in the bytes)."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    body = data if data.endswith(b"\n") else data + b"\n"
    obj_at = len(body)
    obj = f"{info_num} 0 obj\n<< /Producer (office) >>\nendobj\n".encode()
    xref_at = obj_at + len(obj)
    xref = (f"xref\n0 1\n0000000000 65535 f \n{info_num} 1\n{obj_at:010d} 00000 n \n"
            f"trailer\n<< /Size {size} /Root {root_ref} /Info {info_num} 0 R /Prev {prev} >>\n"
            f"startxref\n{xref_at}\n%%EOF\n").encode()
    return body + obj + xref


def test_pdf_output_is_a_fresh_full_save_without_earlier_revisions():
    data = pdfw.build_pdf([Page(BODY)], info={"Title": ID_A, "Author": "张三"})
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info_num = pdf.trailer.Info.objgen[0]
        root_ref = f"{pdf.Root.objgen[0]} 0 R"
        size = int(pdf.trailer.Size)
    updated = _incremental_update(data, info_num, root_ref, size)
    assert updated.count(b"%%EOF") == 2 and ID_A.encode() in updated   # old revision still in the bytes
    doc = parse_bytes(updated, "inc.pdf")
    assert ID_A not in "".join(doc.text[b.start:b.end] for b in doc.blocks if b.part == "metadata")
    res = redact_document(doc, all_findings(doc, ID_A, "id_card"), accept_all=True)
    assert res.output.count(b"%%EOF") == 1 and res.output.count(b"startxref") == 1
    assert b"/Linearized" not in res.output[:4096] and b"/Prev" not in res.output
    assert_absent(_all_object_bytes(res.output), [ID_A], "in the raw objects")


def test_pdf_type0_identity_h_fonts_are_edited_not_rasterised():
    from .pdf_fixtures import to_type0

    data = to_type0(pdfw.build_pdf([Page([Para(f"关于王某某的说明：身份证号{ID_A}，手机{MOBILE}。", chars_per_line=20),
                                          "其他正文内容保持不变。"])]))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        subtypes = {str(f.Subtype) for f in pdf.pages[0].Resources.Font.values()}
    assert "/Type0" in subtypes
    doc = parse_bytes(data, "type0.pdf")
    fs = all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile")
    res = redact_document(doc, fs, accept_all=True)
    assert res.log["rasterised_pages"] == [] and res.log["engine"]["glyphs_removed"] == 8 + 4
    out = parse_bytes(res.output, "out.pdf").text
    assert "110105 002X" in out and "其他正文内容保持不变" in out
    assert_absent(pdftotext(res.output), [ID_A, MOBILE])


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory):
    """A PDF written by LibreOffice (kerned TJ arrays, ligatures), from a DOCX we build."""
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed; scripts/system-deps.sh installs libreoffice-writer-nogui")
    from reviewer.synth.docx_writer import DocxBuilder

    tmp = tmp_path_factory.mktemp("lo")
    b = DocxBuilder()
    b.paragraph("关于2024年城乡低保对象公示的说明")
    b.paragraph(f"申请人王某某，身份证号{ID_A}，联系电话{MOBILE}，经审核符合条件。" * 2)
    b.paragraph(f"The office staff verified the file; contact {MOBILE} for details.")
    (tmp / "in.docx").write_bytes(b.to_bytes())
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                           "--outdir", str(tmp), str(tmp / "in.docx")], capture_output=True, timeout=240,
                          env={**os.environ, "HOME": str(tmp)})
    assert proc.returncode == 0 and (tmp / "in.pdf").exists(), proc.stderr.decode(errors="replace")[-400:]
    return (tmp / "in.pdf").read_bytes()


def test_pdf_written_by_libreoffice_is_edited_in_place(libreoffice_pdf):
    doc = parse_bytes(libreoffice_pdf, "lo.pdf")
    fs = all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile")
    assert len(fs) == 5
    res = redact_document(doc, fs, accept_all=True, style="block")
    assert res.log["rasterised_pages"] == []
    out = parse_bytes(res.output, "out.pdf")
    dropped = [(b.start, b.end) for b in doc.blocks if b.part != "page"]
    assert kept_ratio(doc.text, [(f.start, f.end) for f in fs] + dropped, out.text) >= 0.98
    assert_absent(pdftotext(res.output), [ID_A, MOBILE])


def _has_ligatures(data: bytes) -> bool:
    from reviewer.redaction.pdf_fonts import font_table

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return any(len(u) > 1 for p in pdf.pages for f in font_table(p.obj.Resources).values()
                   for u in f.to_unicode.values())


@pytest.mark.parametrize("cut,extra", [((0, 6), 0), ((0, 2), None)], ids=["whole-word", "half-ligature"])
def test_pdf_ligature_removed_whole_even_when_only_part_is_removed(libreoffice_pdf, cut, extra):
    if not _has_ligatures(libreoffice_pdf):
        pytest.skip("this LibreOffice/font pair wrote no ligature glyphs")
    doc = parse_bytes(libreoffice_pdf, "lo.pdf")
    i = doc.text.index("office")
    res = redact_document(doc, [finding_at(doc, i + cut[0], i + cut[1])], accept_all=True, style="block")
    assert res.log["rasterised_pages"] == []
    over = res.log["engine"]["ligature_chars_also_removed"]
    if extra is None:
        assert over >= 1          # "of" of "office": the ﬀ/ﬃ glyph goes whole, a kept f with it
    else:
        assert over == extra
    text = re.sub(r"\s", "", pdftotext(res.output))
    assert "office" not in text and "Theoffice" not in text and "staffverified" in text.replace("ﬀ", "ff")


def finding_at(doc, s, e):
    from reviewer.findings import Finding

    return Finding("personal", "manual", doc.text[s:e], s, e, 0.9, "redact", "", id=f"M{s}")


def test_pdf_text_inside_a_form_xobject_is_edited_on_that_page_only():
    import glob

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not fonts:
        pytest.skip("DejaVu Sans not installed (fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("RedactTestSans", fonts[0]))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.beginForm("stamp")  # a Form XObject drawn on both pages
    c.setFont("RedactTestSans", 12)
    c.drawString(100, 700, f"Stamp phone {MOBILE} and ID {ID_A}")
    c.endForm()
    c.doForm("stamp")
    c.drawString(100, 600, "Body text stays.")
    c.showPage()
    c.doForm("stamp")
    c.showPage()
    c.save()
    doc = parse_bytes(buf.getvalue(), "form.pdf")
    fs = all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile")
    page1 = [f for f in fs if f.location.get("page") == 1]
    decisions = {f.id: ("accept" if f in page1 else "reject") for f in fs}
    res = redact_document(doc, fs, decisions=decisions, style="block")
    assert res.log["rasterised_pages"] == [] and res.log["engine"]["edited_pages"] == [1]
    pages = parse_bytes(res.output, "out.pdf").text.split("\n")
    assert pages[0] == "Stamp phone and ID" and "Body text stays." in pages[1]
    assert pages[2] == f"Stamp phone {MOBILE} and ID {ID_A}"  # page 2 keeps the original form


def test_pdf_label_mode_writes_the_reason_in_the_box():
    data = pdfw.build_pdf([Page(BODY)])
    doc = parse_bytes(data, "label.pdf")
    fs = all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile")
    res = redact_document(doc, fs, accept_all=True, style="label")
    assert res.log["engine"]["labels_drawn"] >= 2  # a piece of a wrapped number may be too short for one
    text = re.sub(r"\s", "", pdftotext(res.output))
    assert text.count("个人隐私") == res.log["engine"]["labels_drawn"]
    assert_absent(text, [ID_A, MOBILE])


def test_pdf_invisible_ocr_layer_over_a_scan_is_burned_in():
    import glob

    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not fonts:
        pytest.skip("DejaVu Sans not installed (fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("RedactTestSans", fonts[0]))
    scan = Image.new("L", (1240, 200), 255)
    ImageDraw.Draw(scan).text((40, 80), f"ID {ID_A}", fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawImage(ImageReader(scan), 50, 600, width=500, height=80)
    t = c.beginText(70, 630)
    t.setTextRenderMode(3)            # what OCR tools write over the picture
    t.setFont("RedactTestSans", 12)
    t.textOut(f"ID {ID_A}")
    c.drawText(t)
    c.showPage()
    c.save()
    doc = parse_bytes(buf.getvalue(), "ocr.pdf")
    res = redact_document(doc, all_findings(doc, ID_A, "id_card"), accept_all=True, style="block")
    (r,) = res.log["rasterised_pages"]
    assert r["page"] == 1 and "OCR" in r["reason"]
    with pikepdf.open(io.BytesIO(res.output)) as pdf:
        (img,) = pdf.pages[0].Resources.XObject.values()
        assert img.Filter == pikepdf.Name.DCTDecode   # the page is now one new picture
    assert_absent(pdftotext(res.output), [ID_A])


@pytest.mark.parametrize("align", ["left", "justify"])
def test_pdf_partial_mask_next_to_the_same_digit_keeps_the_neighbour(align):
    same = "110101199001011237"   # kept 110101 | hidden 19900101 | kept 1237: a '1' on both sides
    data = pdfw.build_pdf([Page([Para(f"身份证号{same}，" + "其他内容。" * 8, align=align)])])
    doc = parse_bytes(data, "same.pdf")
    res = redact_document(doc, all_findings(doc, same, "id_card"), accept_all=True)
    assert res.log["engine"]["glyphs_removed"] == 8 and res.log["rasterised_pages"] == []
    out = parse_bytes(res.output, "out.pdf").text
    assert re.search(r"身份证号110101\s*1237，", out)


def _random_spans(doc, rng, n):
    import random  # noqa: F401  (rng is a random.Random)

    from reviewer.redaction import ManualSpan

    lines = [b for b in doc.blocks if b.part == "page" and len(b) >= 4]
    spans = []
    for _ in range(n):
        b = rng.choice(lines)
        s = rng.randint(b.start, b.end - 2)
        e = min(s + rng.randint(2, 14), len(doc.text))
        if doc.text[s:e].strip():
            spans.append(ManualSpan(s, e, "manual", "随机测试"))
    return spans


@pytest.mark.parametrize("seed", range(6))
def test_pdf_random_spans_on_sample_files_are_removed_and_the_rest_kept(seed):
    import random
    from pathlib import Path

    files = sorted((Path(__file__).resolve().parents[2] / "samples" / "pdf").glob("*.pdf"))
    if not files:
        pytest.skip("samples/pdf not generated")
    rng = random.Random(seed)
    data = rng.choice(files).read_bytes()
    doc = parse_bytes(data, "sample.pdf")
    spans = _random_spans(doc, rng, rng.randint(1, 5))
    res = redact_document(doc, [], manual=spans, style=rng.choice(["label", "block"]))
    assert res.log["rasterised_pages"] == [] and res.verified
    out = parse_bytes(res.output, "out.pdf")
    dropped = [(b.start, b.end) for b in doc.blocks if b.part != "page"]
    # what was removed: the spans, and every other occurrence of their values (propagated, issue #11)
    removed = [(e["start"], e["end"]) for e in res.log["removals"]]
    assert kept_ratio(doc.text, removed + dropped, out.text) >= 0.97
    boxed = set()  # characters of the removals with a box on the page (not parser-inserted)
    for s, e in removed:
        for b in doc.blocks_in(s, e):
            if b.part == "page":
                boxed.update(i for i in range(max(s, b.start), min(e, b.end)) if b.boxes[i - b.start])
    visible = {i for i in boxed if not doc.text[i].isspace()}
    # every visible character is one glyph gone; a space goes too when the file draws one
    assert len(visible) <= res.log["engine"]["glyphs_removed"] <= len(boxed)


def test_pdf_actual_text_repeating_the_value_is_removed_from_edited_pages():
    data = pdfw.build_pdf([Page(BODY)])
    with pikepdf.open(io.BytesIO(data)) as pdf:  # tag the numbers as a tagged-PDF producer would
        page = pdf.pages[0]
        page.Resources.Properties = pikepdf.Dictionary(MC0=pikepdf.Dictionary(ActualText=pikepdf.String(MOBILE)))
        tagged = []
        for operands, op in pikepdf.parse_content_stream(page):
            shown = bytes(operands[0]) if str(op) == "Tj" else b""
            if shown == ID_B.encode():
                inline = pikepdf.Dictionary(ActualText=pikepdf.String(ID_B))
                tagged += [([pikepdf.Name.Span, inline], pikepdf.Operator("BDC")), (operands, op),
                           ([], pikepdf.Operator("EMC"))]
            elif shown == MOBILE.encode():
                tagged += [([pikepdf.Name.Span, pikepdf.Name.MC0], pikepdf.Operator("BDC")), (operands, op),
                           ([], pikepdf.Operator("EMC"))]
            else:
                tagged.append((operands, op))
        content = pikepdf.unparse_content_stream(tagged)
        assert content.count(b"BDC") == 2
        page.obj.Contents = pdf.make_stream(content)
        buf = io.BytesIO()
        pdf.save(buf)
    doc = parse_bytes(buf.getvalue(), "tagged.pdf")
    fs = all_findings(doc, ID_B, "id_card") + all_findings(doc, MOBILE, "mobile")
    assert len(fs) == 2
    res = redact_document(doc, fs, accept_all=True)
    assert res.log["rasterised_pages"] == []
    raw = _all_object_bytes(res.output)
    assert "ActualText" not in raw
    assert_absent(raw, [ID_B, MOBILE], "in the raw objects")


def test_pdf_boxes_land_in_page_space_when_the_page_leaves_a_q_open():
    data = pdfw.build_pdf([Page(BODY)])
    with pikepdf.open(io.BytesIO(data)) as pdf:  # two q never closed, a shift under the first
        page = pdf.pages[0]
        ops = pikepdf.parse_content_stream(page)
        shifted = [([1, 0, 0, 1, 0, 0], pikepdf.Operator("cm")), ([], pikepdf.Operator("q")),
                   ([1, 0, 0, 1, 0, -300], pikepdf.Operator("cm")), ([], pikepdf.Operator("q")),
                   ([1, 0, 0, 1, 0, 300], pikepdf.Operator("cm"))] + ops
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(shifted))
        buf = io.BytesIO()
        pdf.save(buf)
    doc = parse_bytes(buf.getvalue(), "open-q.pdf")
    (f,) = all_findings(doc, MOBILE, "mobile")
    res = redact_document(doc, [f], accept_all=True, style="block")
    # render and check the box is where the number was: the pixels under its box are black
    import pypdfium2 as pdfium

    x0, y0, x1, y1 = f.location["bboxes"][0]["bbox"]
    page = pdfium.PdfDocument(res.output)[0]
    img = page.render(scale=1).to_pil().convert("L")
    top = page.get_height()
    cx, cy = int((x0 + x1) / 2), int(top - (y0 + y1) / 2)
    assert img.getpixel((cx, cy)) < 40


def test_pdf_scanned_page_is_reported_as_not_reviewed(monkeypatch):
    monkeypatch.setenv("REVIEWER_OCR", "0")   # with OCR off; with OCR the page is read (tests/ocr)
    data = pdfw.build_pdf([Page(BODY), Page(["扫描页上的内容"], image_only=True)])
    doc = parse_bytes(data, "scan.pdf")
    res = redact_document(doc, all_findings(doc, ID_A, "id_card"), accept_all=True)
    (warning,) = res.log["engine"]["warnings"]
    assert "第2页无文字层" in warning and "注意：第2页无文字层" in res.log_table


def test_pdf_predefined_cjk_cmap_without_tounicode_is_edited():
    """STSong-Light with UniGB-UCS2-H (no embedded font, no ToUnicode): older office
    software writes Chinese this way; codes are UCS-2 and widths are keyed by CID."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, f"申请人身份证号{ID_A}，电话{MOBILE}，其他内容不变。")
    c.showPage()
    c.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        fonts = [f for f in pdf.pages[0].Resources.Font.values() if str(f.Subtype) == "/Type0"]
        assert str(fonts[0].Encoding) == "/UniGB-UCS2-H" and "/ToUnicode" not in fonts[0]
    doc = parse_bytes(buf.getvalue(), "stsong.pdf")
    fs = all_findings(doc, ID_A, "id_card") + all_findings(doc, MOBILE, "mobile")
    res = redact_document(doc, fs, accept_all=True)
    assert res.log["rasterised_pages"] == [] and res.log["engine"]["glyphs_removed"] == 12
    out = parse_bytes(res.output, "out.pdf")
    tail = "，其他内容不变"
    i, j = doc.text.index(tail), out.text.index(tail)
    assert doc.block_at(i).boxes[i - doc.block_at(i).start] == pytest.approx(out.block_at(j).boxes[j - out.block_at(j).start], abs=0.05)
    assert_absent(pdftotext(res.output), [ID_A, MOBILE])


@pytest.mark.parametrize("seed", range(3))
def test_pdf_random_spans_on_a_libreoffice_pdf(libreoffice_pdf, seed):
    import random

    rng = random.Random(100 + seed)
    doc = parse_bytes(libreoffice_pdf, "lo.pdf")
    spans = _random_spans(doc, rng, rng.randint(2, 5))
    res = redact_document(doc, [], manual=spans, style=rng.choice(["label", "block", "partial"]))
    assert res.verified
    if res.log["rasterised_pages"]:  # a span that cuts a ligature (the ffi of "office") in two
        assert all("ligature" in p["reason"] for p in res.log["rasterised_pages"])
        return
    out = parse_bytes(res.output, "out.pdf")
    dropped = [(b.start, b.end) for b in doc.blocks if b.part != "page"]
    assert kept_ratio(doc.text, [(m.start, m.end) for m in spans] + dropped, out.text) >= 0.97


@pytest.mark.parametrize("sensitive_at", [None, 24])
def test_pdf_bookmarks_stay_unless_a_title_holds_removed_text(sensitive_at):
    data = pdfw.build_pdf([Page(BODY)])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_outline() as outline:
            for k in range(30):  # a long sibling chain
                title = f"第{k + 1}部分" + (f" 申请人{ID_A}" if k == sensitive_at else "")
                outline.root.append(pikepdf.OutlineItem(title, 0))
        buf = io.BytesIO()
        pdf.save(buf)
    doc = parse_bytes(buf.getvalue(), "bookmarks.pdf")
    res = redact_document(doc, all_findings(doc, ID_A, "id_card"), accept_all=True)
    with pikepdf.open(io.BytesIO(res.output)) as pdf:
        kept = "/Outlines" in pdf.Root
        titles = [str(item.title) for item in pdf.open_outline().root] if kept else []
    if sensitive_at is None:
        assert len(titles) == 30 and titles[-1] == "第30部分"
    else:
        assert not kept and any("书签" in c for c in res.log["engine"]["cleaned"])
