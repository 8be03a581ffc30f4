"""The PDF parser on real PDFs built by reviewer.synth.pdf_writer (reportlab + a CJK TTF)."""

import pytest

from reviewer.errors import LimitExceededError
from reviewer.parsers import parse_bytes
from reviewer.parsers.pdf_text import Line, build_lines, mark_soft_wraps
from reviewer.settings import Limits
from reviewer.synth.pdf_writer import A4, Annotation, Attachment, Page, Para, build_pdf, have_cjk_font

needs_font = pytest.mark.skipif(not have_cjk_font(), reason="no CJK TrueType font installed (fonts-droid-fallback)")

ID_NUMBER = "11010519491231002X"   # GB 11643 check digit X is valid for this number


def luhn_complete(prefix: str) -> str:
    """``prefix`` plus the Luhn check digit (bank card numbers)."""
    total = 0
    for i, d in enumerate(reversed(prefix)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return prefix + str((10 - total % 10) % 10)


CARD_NUMBER = luhn_complete("622202123456789012")
BODY = [
    "为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，现将有关事项通知如下。",
    "各单位要高度重视，认真组织开展自查，确保公开内容准确、及时、完整，不得泄露国家秘密、工作秘密和个人隐私。",
]


@pytest.fixture(scope="module")
def three_pages():
    pdf = build_pdf([Page([Para("第一页标题", align="center", indent=0), *BODY]),
                     Page(["第二页：联系人王小明负责汇总材料。", *BODY]),
                     Page(["第三页：附件清单见后。"])])
    return parse_bytes(pdf, "three.pdf")


@needs_font
def test_pdf_text_on_later_pages_has_its_page_number(three_pages):
    doc = three_pages
    assert doc.metadata.format == "pdf" and doc.pages == 3
    assert not doc.warnings
    for marker, page in (("第一页标题", 1), ("联系人王小明", 2), ("附件清单", 3)):
        start = doc.text.index(marker)
        loc = doc.location_of(start, start + len(marker))
        assert loc["part"] == "page" and loc["page"] == page
        assert [b["page"] for b in loc["bboxes"]] == [page]


@needs_font
def test_pdf_paragraphs_rejoin_exactly_without_page_numbers():
    doc = parse_bytes(build_pdf([Page(BODY)], page_numbers=False), "body.pdf")
    assert doc.text.startswith("\n".join(BODY) + "\n")
    assert len([b for b in doc.blocks if b.part == "page"]) > len(BODY)  # they did wrap


@needs_font
def test_pdf_character_boxes_inside_page_and_in_reading_order(three_pages):
    width, height = A4
    prev_page_line = None
    for b in three_pages.blocks:
        if b.part != "page":
            continue
        assert len(b.boxes) == len(b)
        real = [bx for bx in b.boxes if bx is not None]
        assert real, "every line has characters from the page"
        for x0, y0, x1, y1 in real:
            assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
        assert all(a[0] < c[0] for a, c in zip(real, real[1:])), "left to right within a line"
        if prev_page_line and prev_page_line[0] == b.location["page"]:
            assert max(bx[3] for bx in real) < prev_page_line[1], "lines run top-down"
        prev_page_line = (b.location["page"], min(bx[1] for bx in real))


@needs_font
@pytest.mark.parametrize("number", [ID_NUMBER, CARD_NUMBER])
def test_pdf_number_wrapped_across_lines_is_found_whole(number):
    # 14 characters a line: the ID breaks after "11010519", the card after "6222021234567".
    text = f"身份证号码为{ID_NUMBER}，银行卡号为{CARD_NUMBER}。"
    pdf = build_pdf([Page(["第一页。"]), Page([Para(text, chars_per_line=14, indent=0)])])
    doc = parse_bytes(pdf, "wrapped.pdf")
    start = doc.text.index(number)            # whole: nothing was inserted at the wrap
    loc = doc.location_of(start, start + len(number))
    assert loc["spans_blocks"] == 2
    assert loc["page"] == 2 and loc["end_location"]["page"] == 2
    assert loc["end_location"]["line"] == loc["line"] + 1
    assert [b["page"] for b in loc["bboxes"]] == [2]
    x0, y0, x1, y1 = loc["bboxes"][0]["bbox"]
    assert 0 < x0 < x1 < A4[0] and 0 < y0 < y1 < A4[1]
    boxes = [bx for blk in doc.blocks_in(start, start + len(number))
             for bx in blk.boxes[max(start - blk.start, 0):start + len(number) - blk.start]]
    assert len(boxes) == len(number) and None not in boxes


@needs_font
def test_pdf_info_xmp_and_annotations_go_to_their_parts():
    pdf = build_pdf(
        [Page(["正文第一页。"]), Page(["正文第二页。"])],
        info={"Title": "关于开展自查的通知", "Author": "王小明", "Subject": "自查", "Keywords": "公开;自查",
              "Creator": "WPS 文字"},
        xmp={"dc:title": "XMP里的标题", "dc:creator": ["李四", "张三"], "pdf:Keywords": "内部"},
        annotations=[Annotation(1, "请核对第3页金额", author="审核人赵六", popup=True),
                     Annotation(2, "此处删去联系人电话", subtype="FreeText"),
                     Annotation(2, "", subtype="Link", uri="http://10.12.3.4/oa/doc?id=17")],
    )
    doc = parse_bytes(pdf, "meta.pdf")

    def parts(part):
        return [(b.location, doc.text[b.start:b.end]) for b in doc.blocks if b.part == part]

    meta = {(loc["source"], loc["field"]): text for loc, text in parts("metadata")}
    assert meta[("info", "Title")] == "关于开展自查的通知"
    assert meta[("info", "Author")] == "王小明"
    assert meta[("info", "Creator")] == "WPS 文字"
    assert meta[("xmp", "dc:title")] == "XMP里的标题"
    assert meta[("xmp", "dc:creator")] == "李四; 张三"
    assert meta[("xmp", "pdf:Keywords")] == "内部"
    notes = {(loc["page"], loc["subtype"], loc["field"]): text for loc, text in parts("annotation")}
    assert notes[(1, "Text", "Contents")] == "请核对第3页金额"
    assert notes[(1, "Text", "T")] == "审核人赵六"
    assert notes[(2, "FreeText", "Contents")] == "此处删去联系人电话"
    assert notes[(2, "Link", "URI")] == "http://10.12.3.4/oa/doc?id=17"
    assert doc.metadata.properties["author"] == "王小明"
    assert doc.metadata.properties["xmp"]["dc:title"] == "XMP里的标题"
    last_page_block = max(b.end for b in doc.blocks if b.part == "page")
    assert all(b.start >= last_page_block for b in doc.blocks if b.part != "page")


@needs_font
def test_pdf_attachments_and_image_only_page_are_warned_and_names_read(monkeypatch):
    monkeypatch.setenv("REVIEWER_OCR", "0")   # the parser's own warning; OCR of the page: tests/ocr
    pdf = build_pdf([Page(["正文有文字。"], bookmark="一、王小明的情况"),
                     Page(["扫描件：身份证复印件"], image_only=True), Page(["第三页文字。"], bookmark="附件")],
                    attachments=[Attachment("王小明身份证.jpg", b"\xff\xd8\xff not really", "复印件")])
    doc = parse_bytes(pdf, "scan.pdf")
    warnings = {w.code: w for w in doc.warnings}
    assert warnings["page_without_text"].details["pages"] == [2]
    assert warnings["attachments_present"].details["names"] == ["王小明身份证.jpg"]
    assert "第三页文字" in doc.text and "扫描件" not in doc.text
    named = {(b.part, b.location.get("field")): doc.text[b.start:b.end] for b in doc.blocks
             if b.part in ("attachment", "metadata") and b.location.get("index") == 1}
    assert named[("attachment", "name")] == "王小明身份证.jpg"
    assert named[("metadata", "outline")] == "一、王小明的情况"


@needs_font
def test_pdf_owner_password_only_is_read_with_a_warning():
    doc = parse_bytes(build_pdf([Page(["限制打印的文件。"])], owner_password="owner"), "owner.pdf")
    assert "限制打印的文件" in doc.text
    assert "owner_password_only" in [w.code for w in doc.warnings]


@needs_font
def test_pdf_more_pages_than_the_limit_is_refused():
    pdf = build_pdf([Page([f"第{i}页"]) for i in range(1, 4)])
    with pytest.raises(LimitExceededError) as e:
        parse_bytes(pdf, "long.pdf", limits=Limits(max_pages=2))
    assert e.value.code == "limit_exceeded" and e.value.details["pages"] == 3


@needs_font
def test_pdf_deadline_stops_the_parse():
    pdf = build_pdf([Page(["一页。"])])
    with pytest.raises(LimitExceededError):
        parse_bytes(pdf, "slow.pdf", limits=Limits(parse_timeout_s=0.0))


# ----------------------------------------------------------------- layout rules, no PDF needed
def _chars(spec):
    """``spec``: (text, x0, baseline, width, height) runs → chars and boxes."""
    chars, boxes = [], []
    for text, x, y, w, h in spec:
        for ch in text:
            chars.append(ch)
            boxes.append((x, y, x + w, y + h))
            x += w
    return chars, boxes


@pytest.mark.parametrize("spec,expected", [
    # content-stream order bottom line first: lines still come out top-down
    ([("下一行", 100, 600, 16, 18), ("上一行", 100, 700, 16, 18)], ["上一行", "下一行"]),
    # two runs on one baseline, drawn right one first: one line, left to right, gap → space
    ([("右边", 400, 700, 16, 18), ("左边", 100, 700, 16, 18)], ["左边 右边"]),
    # a superscript-sized shift stays on the same line
    ([("正文", 100, 700, 16, 18), ("1", 132, 706, 8, 10)], ["正文1"]),
    # justification stretched the CJK gaps (8 pt) but not the digits': no spaces appear
    ([("卡", 100, 700, 16, 18), ("号", 124, 700, 16, 18), ("62220212", 148, 700, 8, 18),
      ("，", 220, 700, 16, 18), ("联", 244, 700, 16, 18)], ["卡号62220212，联"]),
    # …but a wide gap between two numbers is a space
    ([("2024", 100, 700, 8, 18), ("12", 160, 700, 8, 18)], ["2024 12"]),
])
def test_pdf_build_lines_reading_order(spec, expected):
    chars, boxes = _chars(spec)
    lines = build_lines(chars, boxes)
    assert [ln.text for ln in lines] == expected
    for ln in lines:
        assert len(ln.boxes) == len(ln.chars)
        assert all((bx is None) == (ch == " ") for ch, bx in zip(ln.chars, ln.boxes))


@pytest.mark.parametrize("second_x,second_y,size,soft", [
    (100, 672, 16, True),    # starts at the left edge, next line down: a soft wrap
    (132, 672, 16, False),   # indented two characters: a new paragraph
    (100, 620, 16, False),   # a blank line between: a new paragraph
    (100, 672, 24, False),   # a different size: a heading
])
def test_pdf_soft_wrap_rules(second_x, second_y, size, soft):
    full = ("字" * 25, 100, 700, 16, 18)          # 100 → 500: reaches the right edge
    chars, boxes = _chars([full, ("续" * 3, second_x, second_y, size, size + 2)])
    lines = build_lines(chars, boxes)
    mark_soft_wraps(lines, page_width=595)
    assert lines[0].soft_wrap is soft


def test_pdf_short_lines_never_join():
    chars, boxes = _chars([("附件：1.名单", 100, 700, 16, 18), ("2.统计表", 100, 672, 16, 18)])
    lines = build_lines(chars, boxes)
    mark_soft_wraps(lines, page_width=595)
    assert not any(isinstance(ln, Line) and ln.soft_wrap for ln in lines)


@needs_font
def test_pdf_number_wrapped_across_a_page_break_is_found_whole():
    filler = ("政务公开工作要点" * 40)[: 22 * 14 - 8]      # 22 lines a page, 14 characters a line
    pdf = build_pdf([Page([Para(filler + ID_NUMBER + "。后续内容。", chars_per_line=14, indent=0)])])
    doc = parse_bytes(pdf, "run-on.pdf")
    assert doc.pages == 2
    start = doc.text.index(ID_NUMBER)
    loc = doc.location_of(start, start + len(ID_NUMBER))
    assert (loc["page"], loc["end_location"]["page"], loc["end_location"]["line"]) == (1, 2, 1)
    assert [b["page"] for b in loc["bboxes"]] == [1, 2]
    assert "— 1 —" in doc.text and "— 2 —" in doc.text      # page numbers kept, out of the way


@needs_font
def test_pdf_character_limit_is_checked_per_page():
    pdf = build_pdf([Page(BODY * 3)])
    with pytest.raises(LimitExceededError) as e:
        parse_bytes(pdf, "long.pdf", limits=Limits(max_chars=100))
    assert e.value.details["limit"] == "max_chars" and e.value.details["page"] == 1


@needs_font
def test_pdf_fonts_without_unicode_map_are_flagged_not_passed_as_control_codes():
    import io

    import pikepdf

    pdf = pikepdf.open(io.BytesIO(build_pdf([Page(["为进一步做好政府信息公开工作，联系电话13812345678。"])])))
    fonts = pdf.pages[0].Resources.Font
    for name in list(fonts.keys()):
        if "/ToUnicode" in fonts[name]:
            del fonts[name]["/ToUnicode"]
    out = io.BytesIO()
    pdf.save(out)
    doc = parse_bytes(out.getvalue(), "no-tounicode.pdf")
    warning = [w for w in doc.warnings if w.code == "garbled_text"]
    assert warning and warning[0].details["pages"] == [1]
    assert not any(ch < " " and ch != "\n" for ch in doc.text)
    assert "\ufffd" in doc.text                      # unmapped glyphs keep their place and box
    assert all(len(b.boxes) == len(b) for b in doc.blocks if b.part == "page")


@needs_font
@pytest.mark.parametrize("text,whole", [
    ("联系电话为0871-12345678，请核实。", "0871-12345678"),           # hyphen at the line end is kept
    ("邮箱zhangsan.office@example.gov.cn，请核实。", "zhangsan.office@example.gov.cn"),
])
def test_pdf_wrapped_codes_keep_their_characters(text, whole):
    doc = parse_bytes(build_pdf([Page([Para(text, chars_per_line=10, indent=0)])]), "codes.pdf")
    start = doc.text.index(whole)
    assert doc.location_of(start, start + len(whole))["spans_blocks"] >= 2


def test_pdf_latin_prose_wrap_gets_a_space():
    words = ("The committee approved the annual report and the budget for next year " * 3).split()
    chars, boxes, x, y = [], [], 100.0, 700.0
    for word in words:
        if x + 8 * len(word) > 500:
            x, y = 100.0, y - 28
        for ch in word + " ":
            chars.append(ch)
            boxes.append((x, y, x + 8, y + 18))
            x += 8
    lines = build_lines(chars, boxes)
    mark_soft_wraps(lines, page_width=595)
    assert lines[0].soft_wrap and lines[0].joiner == " "


@needs_font
def test_pdf_scan_with_ocr_layer_is_read_and_warned_as_invisible_text():
    pdf = build_pdf([Page(["正文第一页。"]),
                     Page([f"扫描件：身份证号码{ID_NUMBER}。"], image_only=True, ocr_layer=True)])
    doc = parse_bytes(pdf, "ocr.pdf")
    start = doc.text.index(ID_NUMBER)
    assert doc.location_of(start, start + len(ID_NUMBER))["page"] == 2
    codes = {w.code: w.details for w in doc.warnings}
    assert codes["invisible_text"]["pages"] == [2]
    assert "page_without_text" not in codes


@needs_font
def test_pdf_page_stored_sideways_reads_in_order_with_user_space_boxes():
    text = f"这一页横着存放：联系人身份证号码{ID_NUMBER}，请核实。" * 2
    doc = parse_bytes(build_pdf([Page(["第一页。"]), Page([text], sideways=True)]), "sideways.pdf")
    assert text in doc.text
    start = doc.text.index(ID_NUMBER)
    assert doc.location_of(start, start + len(ID_NUMBER))["page"] == 2
    line = next(b for b in doc.blocks if b.part == "page" and b.location == {"page": 2, "line": 1})
    real = [bx for bx in line.boxes if bx is not None]
    # the MediaBox is landscape (842 x 595) and the text runs bottom-to-top in it
    assert all(0 <= x0 < x1 <= A4[1] and 0 <= y0 < y1 <= A4[0] for x0, y0, x1, y1 in real)
    assert all(a[1] < b[1] for a, b in zip(real, real[1:]))


@pytest.mark.parametrize("q", [0, 1, 2, 3])
def test_pdf_turned_boxes_turn_back(q):
    from reviewer.parsers.pdf_text import turn, turn_back

    box = (10.0, 20.0, 30.0, 45.0)
    turned = turn(box, q)
    assert turned[0] < turned[2] and turned[1] < turned[3]
    assert turn_back(turned, q) == box
