"""The 保密审查记录 (review record) of one document, and its DOCX and PDF forms.

Contents follow docs/domain.md §7: title and 文号 (or a summary); what is withheld and
on what basis; the conclusion (disclosure attribute, whether 区分处理 applies); each
signer's opinion, name and date; and the hashes that tie the record to the exact files.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from reviewer.legal import cite

CJK_FONT_PATH = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
CJK_FONT_NAME = "DroidSansFallback"
# DroidSansFallback has no glyphs for digits and Latin letters (year, 文号, SHA-256 …): those
# characters are set in DejaVu Sans, embedded beside it (both subset).
LATIN_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LATIN_FONT_NAME = "DejaVuSans"

ATTRIBUTE_LABELS = {"proactive": "主动公开", "on_request": "依申请公开", "not_public": "不予公开"}
DECISION_LABELS = {"approve": "同意", "return": "退回修改", "reject": "不同意"}
STATE_LABELS = {
    "uploaded": "已上传", "scanned": "待删除审批", "redactions_approved": "待初审", "tier1_signed": "待审核",
    "tier2_signed": "待审发", "published": "已发布", "withheld": "审查完毕，不予公开",
    "returned": "已退回修改", "rejected": "已否决",
}
NOT_PUBLIC_BASIS = cite("ogi", 14) + "至第十六条"


def mask(text: str) -> str:
    """Enough of a withheld item to recognise it, never the whole of it."""
    t = (text or "").strip()
    if len(t) <= 2:
        return "*" * len(t)
    if len(t) <= 6:
        return t[0] + "*" * (len(t) - 1)
    return t[:3] + "*" * (len(t) - 5) + t[-2:]


@dataclass
class WithheldItem:
    what: str          # e.g. "身份证号"
    excerpt: str       # masked
    basis: str
    where: str = ""
    manual: bool = False


@dataclass
class SignerLine:
    tier: int
    tier_label: str
    role_label: str
    name: str
    opinion: str
    decision: str
    signed_at: str


@dataclass
class ReviewRecord:
    title: str
    doc_number: str | None
    summary: str
    unit: str
    department: str
    drafter: str
    case_id: int
    version_no: int
    state: str
    attribute: str | None
    partial_disclosure: bool
    withheld: list[WithheldItem] = field(default_factory=list)
    signers: list[SignerLine] = field(default_factory=list)
    original_sha256: str = ""
    output_sha256: str | None = None
    generated_at: str = ""
    conclusion_note: str = ""
    not_public_basis: str = ""     # why the document is not disclosed (attribute not_public)

    @property
    def attribute_label(self) -> str:
        return ATTRIBUTE_LABELS.get(self.attribute or "", "未定")

    def conclusion(self) -> str:
        parts = [f"公开属性：{self.attribute_label}"]
        if self.attribute == "not_public":
            note = {"withheld": "（审查完毕，不提供公开版本）", "returned": "", "rejected": ""}.get(
                self.state, "（三级审查尚未完成）")
            parts.append("审查结论：不予公开" + note)
            parts.append(f"依据：{self.not_public_basis or NOT_PUBLIC_BASIS}")
        elif self.partial_disclosure or self.withheld:
            parts.append(f"区分处理：是（删除 {len(self.withheld)} 处后公开其余内容，{cite('ogi', 37)}）")
        else:
            parts.append("区分处理：否")
        if self.conclusion_note:
            parts.append(self.conclusion_note)
        return "；".join(parts)

    def rows(self) -> list[tuple[str, str]]:
        """The header table, label → value, shared by both renderings."""
        return [
            ("标题", self.title or "（无标题）"),
            ("文号" if self.doc_number else "内容摘要", self.doc_number or self.summary or "—"),
            ("单位 / 承办部门", f"{self.unit} / {self.department}"),
            ("承办人", self.drafter),
            ("案卷号 / 版本", f"{self.case_id} / 第 {self.version_no} 稿"),
            ("流程状态", STATE_LABELS.get(self.state, self.state)),
            ("审查结论", self.conclusion()),
            ("原稿 SHA-256", self.original_sha256),
            ("审签稿 SHA-256（不予公开）" if self.attribute == "not_public" else "公开稿 SHA-256",
             self.output_sha256 or "—"),
        ]

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        out = asdict(self)
        out["attribute_label"] = self.attribute_label
        out["conclusion"] = self.conclusion()
        return out


def to_docx(record: ReviewRecord) -> bytes:
    from docx import Document as DocxDocument
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = DocxDocument()
    style = d.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    d.core_properties.title = f"保密审查记录 {record.title}"[:200]
    d.add_heading("政府信息公开保密审查记录", level=1)
    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for label, value in record.rows():
        cells = t.add_row().cells
        cells[0].text, cells[1].text = label, value
    d.add_heading("不予公开（删除）的内容及依据", level=2)
    if record.withheld:
        w = d.add_table(rows=1, cols=4)
        w.style = "Table Grid"
        for c, h in zip(w.rows[0].cells, ("序号", "内容（已遮蔽）", "位置", "依据")):
            c.text = h
        for i, item in enumerate(record.withheld, 1):
            cells = w.add_row().cells
            kind = item.what + ("（人工标注）" if item.manual else "")
            cells[0].text, cells[1].text = str(i), f"{kind}：{item.excerpt}"
            cells[2].text, cells[3].text = item.where or "—", item.basis or "—"
    else:
        d.add_paragraph("无。")
    d.add_heading("审查意见及签署", level=2)
    if record.signers:
        s = d.add_table(rows=1, cols=5)
        s.style = "Table Grid"
        for c, h in zip(s.rows[0].cells, ("审查环节", "签署人", "意见", "结论", "日期")):
            c.text = h
        for line in record.signers:
            cells = s.add_row().cells
            cells[0].text = f"{line.tier_label}（{line.role_label}）"
            cells[1].text, cells[2].text = line.name, line.opinion or "—"
            cells[3].text = DECISION_LABELS.get(line.decision, line.decision)
            cells[4].text = line.signed_at[:10]
    else:
        d.add_paragraph("尚无签署。")
    d.add_paragraph(f"生成时间：{record.generated_at}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _register_fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    if CJK_FONT_NAME not in registered:
        pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, CJK_FONT_PATH))
    if LATIN_FONT_NAME not in registered:
        pdfmetrics.registerFont(TTFont(LATIN_FONT_NAME, LATIN_FONT_PATH))
    return CJK_FONT_NAME, LATIN_FONT_NAME


def font_runs(text: str, cjk: str = CJK_FONT_NAME, latin: str = LATIN_FONT_NAME) -> list[tuple[str, str]]:
    """Cut ``text`` into (font name, run) pieces: each character goes to the CJK font when it
    has a glyph there, otherwise to the Latin font (digits, letters, most punctuation)."""
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(cjk).face.charToGlyph
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = cjk if ord(ch) in cmap else latin
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def pdf_markup(text: str) -> str:
    """Paragraph markup for ``text`` with the font switched per run (see ``font_runs``)."""
    from xml.sax.saxutils import escape

    return "".join(f'<font face="{font}">{escape(run)}</font>' for font, run in font_runs(text))


def to_pdf(record: ReviewRecord) -> bytes:
    """A4 PDF with the CJK font embedded (subset), so it reads the same everywhere."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    font, _latin = _register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    h1 = ParagraphStyle("h1", parent=body, fontSize=16, leading=22, alignment=1, spaceAfter=8)
    h2 = ParagraphStyle("h2", parent=body, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)

    def P(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(pdf_markup(text or "—"), style)

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("FONTNAME", (0, 0), (-1, -1), font)])
    flow: list[Any] = [P("政府信息公开保密审查记录", h1)]
    head = Table([[P(a), P(b)] for a, b in record.rows()], colWidths=[35 * mm, 135 * mm])
    head.setStyle(grid)
    flow += [head, P("不予公开（删除）的内容及依据", h2)]
    if record.withheld:
        rows = [[P("序号"), P("内容（已遮蔽）"), P("位置"), P("依据")]]
        for i, item in enumerate(record.withheld, 1):
            kind = item.what + ("（人工标注）" if item.manual else "")
            rows.append([P(str(i)), P(f"{kind}：{item.excerpt}"), P(item.where), P(item.basis)])
        t = Table(rows, colWidths=[12 * mm, 60 * mm, 38 * mm, 60 * mm])
        t.setStyle(grid)
        flow.append(t)
    else:
        flow.append(P("无。"))
    flow.append(P("审查意见及签署", h2))
    if record.signers:
        rows = [[P("审查环节"), P("签署人"), P("意见"), P("结论"), P("日期")]]
        for line in record.signers:
            rows.append([P(f"{line.tier_label}（{line.role_label}）"), P(line.name), P(line.opinion),
                         P(DECISION_LABELS.get(line.decision, line.decision)), P(line.signed_at[:10])])
        t = Table(rows, colWidths=[42 * mm, 25 * mm, 58 * mm, 20 * mm, 25 * mm])
        t.setStyle(grid)
        flow.append(t)
    else:
        flow.append(P("尚无签署。"))
    flow += [Spacer(1, 6 * mm), P(f"生成时间：{record.generated_at}")]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title="政府信息公开保密审查记录", author="reviewer")
    doc.build(flow)
    return buf.getvalue()
