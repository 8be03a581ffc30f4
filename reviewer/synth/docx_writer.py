"""Build real .docx files from a small spec, for tests, samples and the dev set.

python-docx does most of the work; lxml adds what it lacks (tracked changes,
footnotes and endnotes, text boxes, custom properties)::

    from reviewer.synth.docx_writer import DocxBuilder, Run, Ins, Del, Note, Comment

    b = DocxBuilder()
    b.paragraph("关于做好2024年政务公开工作的通知")
    b.paragraph(["身份证号：", "110105", Run("19491231", bold=True), "002X"])   # 3 runs
    b.paragraph(["联系人", Ins("王小明", author="李四"), Del("张三", author="李四")])
    b.table([["姓名", "电话"], ["王小明", "13812345678"]])
    b.header("内部资料", kind="default")        # kind: default | first | even
    b.footer("第 1 页", kind="first")
    b.comment("王小明", "请删除姓名", author="审核员", before="经办人：")
    b.footnote("依据《条例》第十五条。", before="正文")
    b.textbox("文本框里的电话13912345678")
    b.properties(author="张三", title="通知", keywords="内部")
    b.custom_properties({"密级": "秘密"})
    data = b.to_bytes()

Paragraph content is a string or a list of *items*: ``str`` or :class:`Run` (a run of
text), :class:`Ins` / :class:`Del` (a tracked insertion / deletion), :class:`Comment`
(text with a comment anchored on it), :class:`Note` (a footnote or endnote
reference), :class:`Link` (an external hyperlink), :class:`Tab`, :class:`Break`.
Also: ``endnote``, ``hyperlink``, ``image`` (a 1×1 PNG by default), ``page_break``,
``raw_part``/``drop_part`` (add or leave out zip members, for hostile-input tests) and
``document`` (the python-docx object, for anything else).  Every builder method
returns the builder, so calls chain; the same calls give the same bytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Iterable, Sequence, Union

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DEFAULT_DATE = "2024-03-01T09:00:00Z"


@dataclass
class Run:
    """Plain run of text with optional formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    font: str | None = None
    size_pt: float | None = None


@dataclass
class Ins:
    """Tracked insertion (``w:ins`` holding ordinary runs)."""

    text: str
    author: str = "审核员"
    date: str = DEFAULT_DATE


@dataclass
class Del:
    """Tracked deletion (``w:del`` holding ``w:delText``)."""

    text: str
    author: str = "审核员"
    date: str = DEFAULT_DATE


@dataclass
class Comment:
    """``anchor`` text in the paragraph with a comment on it (word/comments.xml)."""

    anchor: str
    text: str
    author: str = "审核员"
    initials: str = ""
    date: str = DEFAULT_DATE


@dataclass
class Note:
    """Footnote (or endnote with ``endnote=True``) reference; ``text`` is the note body."""

    text: str
    endnote: bool = False


@dataclass
class Link:
    """Hyperlink to an external URL (an external relationship)."""

    text: str
    url: str


@dataclass
class Tab:
    pass


@dataclass
class Break:
    pass


Item = Union[str, Run, Ins, Del, Comment, Note, Link, Tab, Break]
Content = Union[str, Sequence[Item]]


@dataclass
class Table:
    """A table, usable as a cell value to nest one table inside another."""

    rows: list[list[Union[str, "Table"]]]


@dataclass
class _Raw:
    name: str
    data: bytes
    content_type: str | None


@dataclass
class _Notes:
    endnote: bool
    items: list[tuple[int, str]] = field(default_factory=list)


def tiny_png() -> bytes:
    """A valid 1×1 white PNG (for image counts without shipping a file)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


class DocxBuilder:
    """Accumulate content, then :meth:`to_bytes` gives the .docx file."""

    def __init__(self) -> None:
        self._doc = docx.Document()
        body = self._doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph, if any
            body.remove(p)
        part = self._doc.part
        for rId, rel in list(part.rels.items()):  # the template's bibliography customXml
            if rel.reltype == RT.CUSTOM_XML:
                part.rels.pop(rId)
        pkg_rels = part.package.rels
        for rId, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                pkg_rels.pop(rId)
        self._next_id = 1000  # w:id of tracked changes; python-docx numbers comments from 0
        self._footnotes = _Notes(endnote=False)
        self._endnotes = _Notes(endnote=True)
        self._custom: dict[str, object] = {}
        self._app: dict[str, str] = {"Application": "reviewer.synth", "Pages": "1"}
        self._raw: list[_Raw] = []
        self._drop: set[str] = set()
        self.properties(author="", last_modified_by="", title="", comments="", subject="", keywords="")

    # -- body ----------------------------------------------------------------------
    def paragraph(self, content: Content = "", style: str | None = None) -> "DocxBuilder":
        """Append a paragraph; ``content`` is a string or a list of items (one run each)."""
        p = self._doc.add_paragraph(style=style)
        self._fill(p, content)
        return self

    def table(self, rows: Sequence[Sequence[Union[str, Table]]]) -> "DocxBuilder":
        """Append a table of ``len(rows)`` × ``max(len(row))`` cells; a :class:`Table` cell nests."""
        self._add_table(self._doc, rows)
        return self

    def comment(self, anchor_text: str, comment_text: str, author: str = "审核员", *,
                before: str = "", after: str = "") -> "DocxBuilder":
        """Append a paragraph ``before + anchor_text + after`` with a comment on the anchor."""
        return self.paragraph([before, Comment(anchor_text, comment_text, author), after])

    def insertion(self, text: str, author: str = "审核员", date: str = DEFAULT_DATE, *,
                  before: str = "", after: str = "") -> "DocxBuilder":
        return self.paragraph([before, Ins(text, author, date), after])

    def deletion(self, text: str, author: str = "审核员", date: str = DEFAULT_DATE, *,
                 before: str = "", after: str = "") -> "DocxBuilder":
        return self.paragraph([before, Del(text, author, date), after])

    def footnote(self, note_text: str, *, before: str = "", after: str = "") -> "DocxBuilder":
        return self.paragraph([before, Note(note_text), after])

    def endnote(self, note_text: str, *, before: str = "", after: str = "") -> "DocxBuilder":
        return self.paragraph([before, Note(note_text, endnote=True), after])

    def hyperlink(self, text: str, url: str, *, before: str = "", after: str = "") -> "DocxBuilder":
        return self.paragraph([before, Link(text, url), after])

    def textbox(self, text: str | Sequence[str], *, before: str = "", fallback: bool = True) -> "DocxBuilder":
        """Append a paragraph holding a text box (one paragraph per string in ``text``).

        As Word writes it: DrawingML (``wps:txbx``) inside ``mc:AlternateContent`` with a
        VML copy (``v:textbox``) in ``mc:Fallback`` when ``fallback`` is true.
        """
        lines = [text] if isinstance(text, str) else list(text)
        p = self._doc.add_paragraph()
        self._fill(p, before)
        p._p.append(self._textbox_run(lines, fallback))
        return self

    def image(self, png: bytes | None = None, width_cm: float = 1.0) -> "DocxBuilder":
        """Append a paragraph with an inline picture (a 1×1 PNG by default)."""
        from docx.shared import Cm

        self._doc.add_picture(io.BytesIO(png or tiny_png()), width=Cm(width_cm))
        return self

    def page_break(self) -> "DocxBuilder":
        self._doc.add_page_break()
        return self

    # -- headers and footers ---------------------------------------------------------
    def header(self, content: Content, kind: str = "default") -> "DocxBuilder":
        """Add a paragraph to the first section's header of ``kind`` (default | first | even)."""
        self._fill(self._hf_paragraph(self._hf(kind, footer=False)), content)
        return self

    def footer(self, content: Content, kind: str = "default") -> "DocxBuilder":
        self._fill(self._hf_paragraph(self._hf(kind, footer=True)), content)
        return self

    @staticmethod
    def _hf_paragraph(hf):
        first = hf.paragraphs[0]
        return hf.add_paragraph(style=first.style) if first.runs else first

    # -- properties ------------------------------------------------------------------
    def properties(self, **core: object) -> "DocxBuilder":
        """Core properties (python-docx names): author, last_modified_by, title, subject,
        comments, keywords, category, …; ``company`` and ``manager`` go to docProps/app.xml."""
        cp = self._doc.core_properties
        for name, value in core.items():
            if name in ("company", "manager"):
                self._app[name.capitalize()] = str(value)
                continue
            if not hasattr(cp, name):
                raise ValueError(f"unknown core property {name!r}")
            setattr(cp, name, value)
        return self

    def custom_properties(self, props: dict[str, object]) -> "DocxBuilder":
        """docProps/custom.xml: str → lpwstr, bool → bool, int → i4, float → r8."""
        self._custom.update(props)
        return self

    def raw_part(self, name: str, data: bytes, content_type: str | None = None) -> "DocxBuilder":
        """Add a zip member as is (e.g. ``word/vbaProject.bin``) — for hostile-input tests."""
        self._raw.append(_Raw(name, data, content_type))
        return self

    def drop_part(self, name: str) -> "DocxBuilder":
        """Leave a zip member out of the output (e.g. ``docProps/app.xml``)."""
        self._drop.add(name)
        return self

    @property
    def document(self):
        """The underlying python-docx Document, for anything this API lacks."""
        return self._doc

    # -- output ----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        self._attach_notes(self._footnotes, "/word/footnotes.xml", CT_FOOTNOTES, RT.FOOTNOTES)
        self._attach_notes(self._endnotes, "/word/endnotes.xml", CT_ENDNOTES, RT.ENDNOTES)
        if self._custom:
            self._attach_custom()
        buf = io.BytesIO()
        self._doc.save(buf)
        return self._finish(buf.getvalue())

    def save(self, path) -> None:
        with open(path, "wb") as fh:
            fh.write(self.to_bytes())

    # -- internals -------------------------------------------------------------------
    def _id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    def _fill(self, p, content: Content) -> None:
        items = [content] if isinstance(content, str) else list(content)
        for item in items:
            self._add_item(p, item)

    def _add_item(self, p, item: Item) -> None:
        if isinstance(item, str):
            if item:
                p.add_run(item)
        elif isinstance(item, Run):
            r = p.add_run(item.text)
            r.bold, r.italic, r.underline = item.bold or None, item.italic or None, item.underline or None
            if item.font:
                r.font.name = item.font
            if item.size_pt:
                from docx.shared import Pt

                r.font.size = Pt(item.size_pt)
        elif isinstance(item, (Ins, Del)):
            tag = "w:ins" if isinstance(item, Ins) else "w:del"
            wrapper = etree.SubElement(p._p, qn(tag))
            wrapper.set(qn("w:id"), self._id())
            wrapper.set(qn("w:author"), item.author)
            wrapper.set(qn("w:date"), item.date)
            r = p.add_run(item.text)._r
            wrapper.append(r)  # moves the run into the wrapper
            if isinstance(item, Del):
                for t in r.iter(qn("w:t")):
                    t.tag = qn("w:delText")
        elif isinstance(item, Comment):
            run = p.add_run(item.anchor)
            c = self._doc.add_comment(run, text=item.text, author=item.author, initials=item.initials or None)
            c._element.set(qn("w:date"), item.date)  # python-docx stamps "now"; keep output reproducible
        elif isinstance(item, Note):
            notes = self._endnotes if item.endnote else self._footnotes
            nid = len(notes.items) + 1
            notes.items.append((nid, item.text))
            r = p.add_run()._r
            rpr = etree.SubElement(r, qn("w:rPr"))
            etree.SubElement(rpr, qn("w:vertAlign")).set(qn("w:val"), "superscript")
            ref = etree.SubElement(r, qn("w:endnoteReference" if item.endnote else "w:footnoteReference"))
            ref.set(qn("w:id"), str(nid))
        elif isinstance(item, Link):
            rid = self._doc.part.relate_to(item.url, RT.HYPERLINK, is_external=True)
            h = etree.SubElement(p._p, qn("w:hyperlink"))
            h.set(qn("r:id"), rid)
            h.append(p.add_run(item.text)._r)
        elif isinstance(item, Tab):
            etree.SubElement(p.add_run()._r, qn("w:tab"))
        elif isinstance(item, Break):
            etree.SubElement(p.add_run()._r, qn("w:br"))
        else:
            raise TypeError(f"unsupported paragraph item {item!r}")

    def _add_table(self, container, rows) -> None:
        ncols = max((len(r) for r in rows), default=0)
        if not rows or not ncols:
            raise ValueError("a table needs at least one row and one column")
        if hasattr(container, "add_table") and container is not self._doc:
            t = container.add_table(rows=len(rows), cols=ncols)
        else:
            t = self._doc.add_table(rows=len(rows), cols=ncols)
        t.style = self._doc.styles["Table Grid"] if "Table Grid" in [s.name for s in self._doc.styles] else None
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                cell = t.cell(i, j)
                if isinstance(value, Table):
                    self._add_table(cell, value.rows)  # python-docx keeps a paragraph after it
                else:
                    lines = str(value).split("\n")
                    cell.paragraphs[0].add_run(lines[0])
                    for line in lines[1:]:
                        cell.add_paragraph(line)

    def _hf(self, kind: str, footer: bool):
        section = self._doc.sections[0]
        if kind == "default":
            hf = section.footer if footer else section.header
        elif kind == "first":
            section.different_first_page_header_footer = True
            hf = section.first_page_footer if footer else section.first_page_header
        elif kind == "even":
            self._doc.settings.odd_and_even_pages_header_footer = True
            hf = section.even_page_footer if footer else section.even_page_header
        else:
            raise ValueError("kind must be default, first or even")
        hf.is_linked_to_previous = False
        return hf

    def _textbox_run(self, lines: list[str], fallback: bool):
        return etree.fromstring(_textbox_run_xml(lines, int(self._id()), fallback))

    def _attach_notes(self, notes: _Notes, partname: str, ct: str, reltype: str) -> None:
        if not notes.items:
            return
        tag = "endnote" if notes.endnote else "footnote"
        root = etree.Element(qn(f"w:{tag}s"), nsmap={"w": W_NS, "r": R_NS})
        for nid, kind in ((-1, "separator"), (0, "continuationSeparator")):
            n = etree.SubElement(root, qn(f"w:{tag}"))
            n.set(qn("w:type"), kind)
            n.set(qn("w:id"), str(nid))
            etree.SubElement(etree.SubElement(etree.SubElement(n, qn("w:p")), qn("w:r")), qn(f"w:{kind}"))
        for nid, text in notes.items:
            n = etree.SubElement(root, qn(f"w:{tag}"))
            n.set(qn("w:id"), str(nid))
            p = etree.SubElement(n, qn("w:p"))
            r = etree.SubElement(p, qn("w:r"))
            etree.SubElement(etree.SubElement(r, qn("w:rPr")), qn("w:vertAlign")).set(qn("w:val"), "superscript")
            etree.SubElement(r, qn(f"w:{tag}Ref"))
            r2 = etree.SubElement(p, qn("w:r"))
            t = etree.SubElement(r2, qn("w:t"))
            t.text = " " + text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI(partname), ct, blob, self._doc.part.package)
        self._doc.part.relate_to(part, reltype)

    def _attach_custom(self) -> None:
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
        for pid, (name, value) in enumerate(self._custom.items(), start=2):
            prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
            prop.set("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
            prop.set("pid", str(pid))
            prop.set("name", name)
            if isinstance(value, bool):
                etree.SubElement(prop, f"{{{VT_NS}}}bool").text = "true" if value else "false"
            elif isinstance(value, int):
                etree.SubElement(prop, f"{{{VT_NS}}}i4").text = str(value)
            elif isinstance(value, float):
                etree.SubElement(prop, f"{{{VT_NS}}}r8").text = repr(value)
            else:
                etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = str(value)
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        pkg = self._doc.part.package
        pkg.relate_to(Part(PackURI("/docProps/custom.xml"), CT_CUSTOM, blob, pkg), RT_CUSTOM)

    def _app_xml(self) -> bytes:
        root = etree.Element(f"{{{APP_NS}}}Properties", nsmap={None: APP_NS, "vt": VT_NS})
        for name, value in self._app.items():
            etree.SubElement(root, f"{{{APP_NS}}}{name}").text = value
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _finish(self, data: bytes) -> bytes:
        """Rewrite the zip: our own app.xml, raw parts added, dropped parts left out."""
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        raw_names = {r.name for r in self._raw}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                name = info.filename
                if name in self._drop or name in raw_names:
                    continue
                blob = src.read(name)
                if name == "docProps/app.xml":
                    blob = self._app_xml()
                elif name == "[Content_Types].xml":
                    blob = self._content_types(blob)
                z.writestr(_entry(name), blob)
            for raw in self._raw:
                z.writestr(_entry(raw.name), raw.data)
        return out.getvalue()

    def _content_types(self, blob: bytes) -> bytes:
        extra = [r for r in self._raw if r.content_type]
        if not extra:
            return blob
        ct_ns = "http://schemas.openxmlformats.org/package/2006/content-types"
        root = etree.fromstring(blob)
        for r in extra:
            o = etree.SubElement(root, f"{{{ct_ns}}}Override")
            o.set("PartName", "/" + r.name)
            o.set("ContentType", r.content_type)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed timestamp, so the same spec gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2024, 3, 1, 9, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _textbox_run_xml(lines: list[str], shape_id: int, fallback: bool) -> str:
    from xml.sax.saxutils import escape

    paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>' for t in lines)
    content = f"<w:txbxContent>{paras}</w:txbxContent>"
    drawing = (
        '<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="2743200" cy="548640"/>'
        f'<wp:docPr id="{shape_id}" name="Text Box {shape_id}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="548640"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing>'
    )
    if fallback:
        vml = (f'<w:pict><v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" '
               f'style="width:216pt;height:43.2pt"><v:textbox>{content}</v:textbox></v:shape></w:pict>')
        inner = (f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
                 f'<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>')
    else:
        inner = drawing
    return (
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:v="urn:schemas-microsoft-com:vml">{inner}</w:r>'
    )


def build_docx(paragraphs: Iterable[Content], **core: object) -> bytes:
    """Shortcut: a document of plain paragraphs with the given core properties."""
    b = DocxBuilder()
    for p in paragraphs:
        b.paragraph(p)
    if core:
        b.properties(**core)
    return b.to_bytes()
