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

from reviewer.catalogue import ATTRIBUTE_LABELS, DECISION_LABELS as FINDING_DECISION_LABELS
from reviewer.catalogue import SIGN_DECISION_LABELS as DECISION_LABELS
STATE_LABELS = {
    "uploaded": "已上传", "scanned": "待删除审批", "redactions_approved": "待初审", "tier1_signed": "待审核",
    "tier2_signed": "待审发", "published": "已发布", "withheld": "审查完毕，不予公开",
    "returned": "已退回修改", "rejected": "已否决", "recalled": "已撤回发布",
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
    what: str          # e.g. "身份证号码"
    excerpt: str       # masked
    basis: str
    where: str = ""
    manual: bool = False


@dataclass
class DecisionLine:
    """One finding and what the security officer decided about it."""

    what: str          # the type in Chinese
    excerpt: str       # masked
    where: str
    decision: str      # accept | reject | "" (undecided)
    reason: str = ""
    basis: str = ""
    decided_by: str = ""
    category: str = ""

    @property
    def decision_label(self) -> str:
        return FINDING_DECISION_LABELS.get(self.decision, "未决定")


@dataclass
class RecognisedItem:
    """Content the detectors recognised and judged publishable (kept as it is)."""

    what: str
    excerpt: str
    where: str = ""
    note: str = ""


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
    # the security review (保密审查) itself
    security_officer: str = ""     # who approved the redactions
    security_opinion: str = ""     # their opinion at approval
    security_at: str = ""
    suggested_attribute: str | None = None
    decisions: list[DecisionLine] = field(default_factory=list)
    recognised: list[RecognisedItem] = field(default_factory=list)
    # pages OCR could not read (ocr_unreadable): [page, reason, checked by, at, note]
    unreadable_pages: list[list[str]] = field(default_factory=list)

    @property
    def attribute_label(self) -> str:
        return ATTRIBUTE_LABELS.get(self.attribute or "", "未定")

    @property
    def attribute_overridden(self) -> bool:
        return bool(self.attribute and self.suggested_attribute and self.attribute != self.suggested_attribute)

    def attribute_line(self) -> str:
        sug = ATTRIBUTE_LABELS.get(self.suggested_attribute or "", "")
        line = f"确定为{self.attribute_label}"
        if sug:
            line += f"（系统建议：{sug}；" + ("未采纳系统建议，理由见审查意见）" if self.attribute_overridden else "采纳系统建议）")
        return line

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

    def security_rows(self) -> list[tuple[str, str]]:
        """保密审查: who decided the redactions, the attribute, the opinion."""
        removed = sum(1 for d in self.decisions if d.decision == "accept")
        kept = sum(1 for d in self.decisions if d.decision == "reject")
        manual = sum(1 for w in self.withheld if w.manual)
        return [
            ("保密审查员", self.security_officer or "（尚未批准删除）"),
            ("批准时间", self.security_at[:16].replace("T", " ") if self.security_at else "—"),
            ("公开属性", self.attribute_line()),
            ("审查意见", self.security_opinion or "—"),
            ("处理情况", f"识别 {len(self.decisions)} 处：删除 {removed} 处，保留 {kept} 处；人工标注删除 {manual} 处"),
        ]

    def tables(self) -> list[tuple[str, list[str], list[list[str]], str]]:
        """The sections after the header, as (heading, column heads, rows, text when empty)."""
        withheld = [[str(i), item.what + ("（人工标注）" if item.manual else "") + f"：{item.excerpt}",
                     item.where or "—", item.basis or "—"] for i, item in enumerate(self.withheld, 1)]
        decisions = [[str(i), f"{d.what}：{d.excerpt}", d.where or "—", d.decision_label, d.reason or "—",
                      d.decided_by or "—"] for i, d in enumerate(self.decisions, 1)]
        manual = [[str(i), f"{w.what}：{w.excerpt}", w.where or "—", w.basis or "—"]
                  for i, w in enumerate([w for w in self.withheld if w.manual], 1)]
        recognised = [[str(i), f"{r.what}：{r.excerpt}", r.where or "—", r.note or "—"]
                      for i, r in enumerate(self.recognised, 1)]
        signers = [[f"{s.tier_label}（{s.role_label}）", s.name, s.opinion or "—",
                    DECISION_LABELS.get(s.decision, s.decision), s.signed_at[:10]] for s in self.signers]
        out = [
            ("逐项审查决定", ["序号", "识别内容（已遮蔽）", "位置", "决定", "理由", "决定人"], decisions, "未识别出需处理的内容。"),
            ("人工标注删除", ["序号", "内容（已遮蔽）", "位置", "依据"], manual, "无。"),
            ("不予公开（删除）的内容及依据", ["序号", "内容（已遮蔽）", "位置", "依据"], withheld, "无。"),
            ("识别后予以保留的合法内容", ["序号", "内容", "位置", "说明"], recognised, "无。"),
            ("审查意见及签署", ["审查环节", "签署人", "意见", "结论", "日期"], signers, "尚无签署。"),
        ]
        if self.unreadable_pages:     # only when OCR could not read a page (docs/ocr.md)
            out.insert(0, ("文字识别不可靠的页面（人工目视核对）", ["页面", "原因", "核对人", "核对时间", "核对情况"],
                           self.unreadable_pages, "无。"))
        return out

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        out = asdict(self)
        out["attribute_label"] = self.attribute_label
        out["attribute_overridden"] = self.attribute_overridden
        out["attribute_line"] = self.attribute_line()
        out["conclusion"] = self.conclusion()
        for d, line in zip(out["decisions"], self.decisions):
            d["decision_label"] = line.decision_label
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

    def kv(rows: list[tuple[str, str]]) -> None:
        t = d.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        for label, value in rows:
            cells = t.add_row().cells
            cells[0].text, cells[1].text = label, value

    kv(record.rows())
    d.add_heading("保密审查", level=2)
    kv(record.security_rows())
    for heading, heads, rows, empty in record.tables():
        d.add_heading(heading, level=2)
        if not rows:
            d.add_paragraph(empty)
            continue
        t = d.add_table(rows=1, cols=len(heads))
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, heads):
            c.text = h
        for row in rows:
            for c, value in zip(t.add_row().cells, row):
                c.text = value
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
    widths = {2: [35, 135], 4: [12, 68, 35, 55], 5: [42, 25, 58, 20, 25], 6: [12, 48, 30, 14, 42, 24]}
    flow: list[Any] = [P("政府信息公开保密审查记录", h1)]
    for heading, rows in ((None, record.rows()), ("保密审查", record.security_rows())):
        if heading:
            flow.append(P(heading, h2))
        t = Table([[P(a), P(b)] for a, b in rows], colWidths=[w * mm for w in widths[2]])
        t.setStyle(grid)
        flow.append(t)
    for heading, heads, rows, empty in record.tables():
        flow.append(P(heading, h2))
        if not rows:
            flow.append(P(empty))
            continue
        t = Table([[P(h) for h in heads]] + [[P(v) for v in row] for row in rows], repeatRows=1,
                  colWidths=[w * mm for w in widths[len(heads)]])
        t.setStyle(grid)
        flow.append(t)
    flow += [Spacer(1, 6 * mm), P(f"生成时间：{record.generated_at}")]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title="政府信息公开保密审查记录", author="reviewer")
    doc.build(flow)
    return buf.getvalue()
