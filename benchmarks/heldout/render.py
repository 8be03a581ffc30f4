"""Render every held-out document as TXT, DOCX and PDF under files/.

Structure (headings, tables, page header/footer, comments, author) comes from the
annotated sources parsed by build.py; the text of every block is the same clean text
that build.py writes to docs/NNN_slug.txt.  Run:  .venv/bin/python benchmarks/heldout/render.py
"""
import pathlib
import sys

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from xml.sax.saxutils import escape

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import build  # noqa: E402

HERE = build.HERE
FONT_PATH = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
FONT = "DroidSansFallback"
LATIN_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LATIN = "DejaVuSans"
_CJK_CMAP = {}


def segments(text):
    """Split text into (font, chunk) runs: the CJK font lacks ASCII glyphs."""
    out = []
    for ch in text:
        f = FONT if ord(ch) in _CJK_CMAP and ord(ch) > 0x2000 else LATIN
        if out and out[-1][0] == f:
            out[-1][1] += ch
        else:
            out.append([f, ch])
    return out


def markup(text):
    return "".join('<font name="%s">%s</font>' % (f, escape(c)) for f, c in segments(text))


def draw_centred(canv, y, text, size=9):
    segs = segments(text)
    width = sum(pdfmetrics.stringWidth(c, f, size) for f, c in segs)
    x = (A4[0] - width) / 2
    for f, c in segs:
        canv.setFont(f, size)
        canv.drawString(x, y, c)
        x += pdfmetrics.stringWidth(c, f, size)


def set_cjk_font(run, name="宋体"):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def render_docx(doc, path):
    d = Document()
    style = d.styles["Normal"]
    style.font.size = Pt(12)
    style.element.get_or_add_rPr()
    sec = d.sections[0]
    if doc.get("header_clean"):
        sec.header.paragraphs[0].text = doc["header_clean"]
    if doc.get("footer_clean"):
        sec.footer.paragraphs[0].text = doc["footer_clean"]
    last_par = None
    for b in doc["blocks"]:
        k = b["kind"]
        if k == "h1":
            last_par = d.add_heading(b["text"], level=1)
        elif k == "h2":
            last_par = d.add_heading(b["text"], level=2)
        elif k == "p":
            last_par = d.add_paragraph()
            set_cjk_font(last_par.add_run(b["text"]))
        elif k == "table":
            ncol = max(len(r) for r in b["cells"])
            t = d.add_table(rows=len(b["cells"]), cols=ncol)
            t.style = "Table Grid"
            for i, row in enumerate(b["cells"]):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
            last_par = t.cell(len(b["cells"]) - 1, 0).paragraphs[0]
        elif k == "pagebreak":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif k == "comment":
            if last_par is None or not last_par.runs:
                last_par = d.add_paragraph()
                last_par.add_run(" ")
            d.add_comment(last_par.runs, text=b["text_plain"], author=b["author"],
                          initials=b["author"][:1])
    cp = d.core_properties
    cp.author = doc.get("author_clean") or "起草人"
    cp.title = next((b["text"] for b in doc["blocks"] if b["kind"] == "h1"), doc["slug"])
    d.save(str(path))


def render_pdf(doc, path):
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17, wordWrap="CJK",
                          firstLineIndent=0)
    h1 = ParagraphStyle("h1", parent=body, fontSize=16, leading=24, alignment=1,
                        spaceAfter=8)
    h2 = ParagraphStyle("h2", parent=body, fontSize=13, leading=20, spaceBefore=6)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12)
    note = ParagraphStyle("note", parent=body, fontSize=9, leading=13,
                          textColor=colors.HexColor("#555555"), leftIndent=12)
    story = []
    for b in doc["blocks"]:
        k = b["kind"]
        if k == "h1":
            story.append(Paragraph(markup(b["text"]), h1))
        elif k == "h2":
            story.append(Paragraph(markup(b["text"]), h2))
        elif k == "p":
            story.append(Paragraph(markup(b["text"]), body))
        elif k == "comment":
            story.append(Paragraph(markup(build.comment_line(b["author"], b["text"])), note))
        elif k == "pagebreak":
            story.append(PageBreak())
        elif k == "table":
            ncol = max(len(r) for r in b["cells"])
            rows = [[Paragraph(markup(c), cell) for c in r] + [""] * (ncol - len(r))
                    for r in b["cells"]]
            width = A4[0] - 40 * mm
            weight = [min(max(max((len(r[j]) if j < len(r) else 0) for r in b["cells"]), 4), 28)
                      for j in range(ncol)]
            t = Table(rows, colWidths=[width * w / sum(weight) for w in weight], repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]))
            story.append(Spacer(1, 4))
            story.append(t)
            story.append(Spacer(1, 4))
    header, footer = doc.get("header_clean"), doc.get("footer_clean")

    def deco(canv, _doc):
        canv.saveState()
        if header:
            draw_centred(canv, A4[1] - 12 * mm, header)
        if footer:
            draw_centred(canv, 10 * mm, footer)
        canv.restoreState()

    title = next((b["text"] for b in doc["blocks"] if b["kind"] == "h1"), doc["slug"])
    pdf = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=22 * mm, bottomMargin=20 * mm, title=title,
                            author=doc.get("author_clean") or "起草人")
    pdf.build(story, onFirstPage=deco, onLaterPages=deco)


def main():
    cjk = TTFont(FONT, FONT_PATH)
    pdfmetrics.registerFont(cjk)
    pdfmetrics.registerFont(TTFont(LATIN, LATIN_PATH))
    _CJK_CMAP.update(cjk.face.charToGlyph)
    docs = build.parse_sources()
    only = set(sys.argv[1:])
    for doc in docs:
        if only and doc["slug"] not in only:
            continue
        text, _ = build.assemble(doc)
        for b in doc["blocks"]:
            if b["kind"] == "comment":
                b["text_plain"] = build.strip_marks(b["raw"])[0]
        (HERE / "files" / (doc["slug"] + ".txt")).write_text(text, encoding="utf-8")
        render_docx(doc, HERE / "files" / (doc["slug"] + ".docx"))
        render_pdf(doc, HERE / "files" / (doc["slug"] + ".pdf"))
        print("rendered", doc["slug"])


if __name__ == "__main__":
    main()
