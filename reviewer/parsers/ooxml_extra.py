"""DOCX text outside the paragraph walk: attributes, field codes and the other XML parts.

The paragraph walk (:mod:`ooxml_text`) reads what Word shows.  A package carries more
text than that, and all of it ships with the file; this module finds it as *carriers*:
one carrier is one value (an attribute, or a run of text nodes joined), made of
*pieces* ``(element, attribute)`` where ``attribute`` is ``None`` for the element's
text and ``"#tail"`` for its tail.  The redaction engine calls :func:`part_carriers`
on the same part to edit carrier ``node`` in place, so the numbering is part of the
location schema: ``{"xml_part": name, "node": i, "carrier": kind}``.

Carrier kinds (= the block's ``part``):

* ``alt_text``  — ``wp:docPr``/``pic:cNvPr`` (any DrawingML ``cNvPr``) ``@descr``,
  ``@title`` and a ``@name`` that is not Word's default (``Picture 3``, ``image1.png``);
  VML ``@alt``, ``@title`` and ``v:imagedata/@o:title``;
* ``link``      — ``w:hyperlink/@w:tooltip``; external relationship targets in every
  ``.rels`` part (``tel:``, ``mailto:``, ``?tel=`` links, attached templates), read
  percent-decoded when they hold ``%XX`` escapes (and encoded again when edited);
* ``field``     — field instructions: the ``w:instrText`` (and ``w:delInstrText``) of one
  field joined, ``w:fldSimple/@w:instr``, form-field names, help texts and defaults,
  content-control titles and tags, inline custom-XML attributes (``w:customXmlPr/w:attr``);
* ``equation``  — the text of equations (``m:t`` in OMML), which the paragraph walk skips;
* ``watermark`` — WordArt text (VML ``v:textpath/@string``: a header's 内部资料 watermark);
* ``drawing``   — DrawingML text (``a:t``) inside a story part (shapes, WordArt, groups);
* ``variable``  — document variables (``w:docVar/@w:val``, ``@w:name``) and the mail-merge
  settings (``w:mailMerge``: data source, query, connection string) in the settings;
* ``theme``     — theme and scheme names (Word's own ``Office`` names are skipped);
* ``people``    — ``people.xml`` authors and user ids;
* ``chart`` / ``diagram`` — every text node (and name/description attributes) of
  ``word/charts/*`` and ``word/diagrams/*`` (SmartArt data, drawing, layout);
* ``custom_xml`` — every text node and attribute value of ``customXml/*``;
* ``macro``     — every attribute value of ``vbaData.xml`` (macro names);
* ``comment``   — carriers inside the comment parts (removed with them);
* ``other``     — every text node of any other XML part (``word/foo.xml``).

Whole members (location ``{"xml_part": name}`` only): ``embedded``, ``macro``,
``alt_chunk``, ``image`` (a picture's metadata text, a metafile's strings) and ``other``
(the strings of a member that is neither XML nor a picture).

``[Content_Types].xml`` and ``docProps/*`` (read by :mod:`ooxml_props`) are not
carriers.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VML = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_INSTR = {_w("instrText"), _w("delInstrText")}
_FLDCHAR = _w("fldChar")
_STORY_ROOTS = {_w(t) for t in ("document", "hdr", "ftr", "footnotes", "endnotes", "comments", "glossaryDocument")}
_W_VAL = _w("val")
# form fields and content controls: the element whose w:val is text a person typed
_VAL_FIELDS = {_w(t) for t in ("name", "helpText", "statusText", "default", "listEntry", "alias", "tag",
                               "format", "attr")}
_VAL_PARENTS = {_w(t) for t in ("ffData", "textInput", "ddList", "sdtPr", "checkBox", "customXmlPr")}
M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
A_T = f"{{{A}}}t"
_DEFAULT_NAME = re.compile(r"^(picture|image|text ?box|图片|文本框|chart|图表|diagram|group|组合|shape|形状|"
                           r"rectangle|矩形|ink|墨迹|object|对象|canvas|画布|smartart|straight connector|"
                           r"直接连接符|oval|椭圆|line|直线|graphic|图形)\s*\d*$"
                           r"|^image\d*\.(png|jpe?g|gif|emf|wmf|bmp|tiff?|svg)$|^_x0000_[a-z]*\d*$", re.I)
_OFFICE_THEME_NAMES = {"Office Theme", "Office", "Office 主题", "Office 主题​", "Office Theme​", "Office 2013 - 2022 Theme",
                       "Office 2007 - 2010", "Office Theme 2013 - 2022"}
_TEXT = re.compile(rb">[^<]*[^<\s][^<]*<")
_SCHEMA_URIS = ("http://schemas.openxmlformats.org/", "http://schemas.microsoft.com/", "urn:schemas-microsoft-com:")


class Carrier:
    __slots__ = ("kind", "pieces")

    def __init__(self, kind: str, pieces: list):
        self.kind, self.pieces = kind, pieces

    @property
    def values(self) -> list[str]:
        return [piece_value(el, attr) for el, attr in self.pieces]

    @property
    def text(self) -> str:
        return "".join(self.values)


_URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def url_view(target: str) -> bool:
    """A link target with %XX escapes is read decoded (``?name=%E5%BC%A0%E4%B8%89`` → 张三)
    when decoding and encoding again gives it back."""
    return "%" in target and quote(unquote(target), safe=_URL_SAFE).lower() == target.lower()


def piece_value(el, attr) -> str:
    if attr == "Target%":
        return unquote(el.get("Target") or "")
    if attr is None:
        return el.text or ""
    if attr == "#tail":
        return el.tail or ""
    return el.get(attr) or ""


def set_piece(el, attr, value: str) -> None:
    if attr == "Target%":
        el.set("Target", quote(value, safe=_URL_SAFE))
    elif attr is None:
        el.text = value
    elif attr == "#tail":
        el.tail = value
    else:
        el.set(attr, value)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def role_of(name: str, root) -> str | None:
    """Which carrier reader applies to a part; None for parts that are no carriers."""
    low = name.lower()
    if name == "[Content_Types].xml" or (low.startswith("docprops/") and "/_rels/" not in low):
        return None
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == f"{{{PR}}}Relationships":
        return "rels"
    if low.startswith("customxml/"):
        return "custom_xml"
    if tag in _STORY_ROOTS:
        return "comment_story" if tag == _w("comments") else "story"
    if re.match(r"^word/(commentsextended|commentsids|commentsextensible)\d*\.xml$", low):
        return "comment"
    if re.match(r"^word/people\d*\.xml$", low):
        return "people"
    if tag == _w("settings"):
        return "variable"
    if _local(tag) == "theme" and _ns(tag) == A or low.startswith("word/theme/"):
        return "theme"
    if low.startswith("word/charts/"):
        return "chart"
    if low.startswith("word/diagrams/"):
        return "diagram"
    if posixpath.basename(low) == "vbadata.xml":
        return "macro"
    return "other"


def may_carry(name: str, data: bytes) -> bool:
    """Cheap test before parsing a part the paragraph walk does not read: ``other``
    parts without a single text node (styles, numbering, font table) are skipped."""
    low = name.lower()
    if low.endswith(".rels") or low.startswith(("customxml/", "word/charts/", "word/diagrams/", "word/theme/")):
        return True
    if posixpath.basename(low) in ("settings.xml", "vbadata.xml") or re.match(r"^word/people\d*\.xml$", low):
        return True
    return bool(_TEXT.search(data)) or b"\x00" in data[:4]


def part_carriers(name: str, root) -> list[Carrier]:
    """Every carrier of one part, in a fixed order (the ``node`` of a location)."""
    role = role_of(name, root)
    if role is None:
        return []
    if role in ("story", "comment_story"):
        out = _story(root)
        if role == "comment_story":
            for c in out:
                c.kind = "comment"
        return out
    if role == "rels":
        return [Carrier("link", [(el, "Target%" if url_view(el.get("Target")) else "Target")]) for el in root
                if isinstance(el.tag, str) and (el.get("TargetMode") or "").lower() == "external" and el.get("Target")]
    if role == "variable":
        out = []
        for el in root.iter(_w("docVar")):
            for attr in (_w("name"), _w("val")):
                if el.get(attr):
                    out.append(Carrier("variable", [(el, attr)]))
        for merge in root.iter(_w("mailMerge")):
            for el in merge.iter():
                if isinstance(el.tag, str) and (el.get(_W_VAL) or "").strip():
                    out.append(Carrier("variable", [(el, _W_VAL)]))
        return out
    if role == "theme":
        return [Carrier("theme", [(el, "name")]) for el in root.iter()
                if isinstance(el.tag, str) and el.get("name") and el.get("name").strip() not in _OFFICE_THEME_NAMES
                and _local(el.tag) in ("theme", "clrScheme", "fontScheme", "fmtScheme", "themeFamily")]
    if role == "people":
        return _attributes(root, "people", lambda local: local in ("author", "userId", "providerId"))
    if role == "macro":
        return _attributes(root, "macro", lambda local: True)
    if role == "custom_xml":
        return _text_nodes(root, "custom_xml") + _attributes(root, "custom_xml", lambda local: True)
    if role in ("chart", "diagram"):
        return _text_nodes(root, role) + _attributes(
            root, role, lambda local: local in ("name", "descr", "title", "phldrT"))
    return _text_nodes(root, "comment" if role == "comment" else "other")


def _story(root) -> list[Carrier]:
    out: list[Carrier] = []
    field: list = []

    def flush():
        if field and any((el.text or "").strip() for el, _ in field):
            out.append(Carrier("field", list(field)))
        field.clear()

    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in _INSTR:
            if el.text:
                field.append((el, None))
            continue
        if tag == _FLDCHAR:
            flush()
            continue
        if tag == M_T:
            if (el.text or "").strip():
                out.append(Carrier("equation", [(el, None)]))
            continue
        local, ns = _local(tag), _ns(tag)
        if local in ("docPr", "cNvPr") and ns != W:
            for attr in ("descr", "title", "name"):
                v = el.get(attr)
                if v and v.strip() and not (attr == "name" and _DEFAULT_NAME.match(v.strip())):
                    out.append(Carrier("alt_text", [(el, attr)]))
        elif ns == VML:
            for attr in ("alt", "title", f"{{{O}}}title"):
                if (el.get(attr) or "").strip():
                    out.append(Carrier("alt_text", [(el, attr)]))
            if local == "textpath" and (el.get("string") or "").strip():
                out.append(Carrier("watermark", [(el, "string")]))  # WordArt: the 内部资料 watermark
        elif tag == A_T:
            if (el.text or "").strip():
                out.append(Carrier("drawing", [(el, None)]))
        elif tag == _w("hyperlink"):
            if (el.get(_w("tooltip")) or "").strip():
                out.append(Carrier("link", [(el, _w("tooltip"))]))
        elif tag == _w("fldSimple"):
            if (el.get(_w("instr")) or "").strip():
                out.append(Carrier("field", [(el, _w("instr"))]))
        elif tag in _VAL_FIELDS:
            parent = el.getparent()
            if parent is not None and parent.tag in _VAL_PARENTS and (el.get(_W_VAL) or "").strip():
                out.append(Carrier("field", [(el, _W_VAL)]))
    flush()
    return out


def _text_nodes(root, kind: str) -> list[Carrier]:
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.text.strip():
            out.append(Carrier(kind, [(el, None)]))
        if el is not root and el.tail and el.tail.strip():
            out.append(Carrier(kind, [(el, "#tail")]))
    return out


def _attributes(root, kind: str, want) -> list[Carrier]:
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            if value.strip() and want(_local(attr)) and not value.startswith(_SCHEMA_URIS):
                out.append(Carrier(kind, [(el, attr)]))
    return out


# --------------------------------------------------------------------------- the package walk
class Extra:
    """What :func:`read_extra` found: ``blocks`` are ``(part, location, text)``."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, dict, str]] = []
        self.warnings: list = []


def is_embedded(name: str) -> bool:
    return name.lower().startswith("word/embeddings/")


def is_macro_binary(name: str) -> bool:
    return posixpath.basename(name.lower()) == "vbaproject.bin"


def alt_chunk_targets(pkg, parser) -> set[str]:
    """Members that a story part imports with ``w:altChunk`` (relationship type aFChunk)."""
    out = set()
    for name in pkg.names:
        if not name.endswith(".rels") or "/_rels/" not in "/" + name:
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        try:
            root = pkg.xml(name, parser)
        except Exception:  # a broken .rels is the story reader's business
            continue
        for el in root:
            if (el.get("Type") or "").endswith("/aFChunk") and (el.get("TargetMode") or "") != "External":
                target = el.get("Target") or ""
                full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                if pkg.has(full):
                    out.add(full)
    return out


def read_extra(pkg, parser, loaded: dict, limits, check) -> Extra:
    """Every carrier of every XML member, and the text of embedded objects, macro
    projects and altChunks, in package order."""
    from reviewer.document import Notice
    from reviewer.errors import CorruptFileError
    from reviewer.parsers import ooxml_binary as binary
    from reviewer.parsers.ooxml_package import parse_xml

    extra = Extra()
    chunks = alt_chunk_targets(pkg, parser)
    unreadable = []
    for name in pkg.names:
        check()
        if name.endswith("/"):
            continue
        low = name.lower()
        if name in chunks:
            extra.blocks.append(("alt_chunk", {"xml_part": name}, binary.chunk_text(pkg.read(name), limits).strip()))
            continue
        if is_embedded(name) or is_macro_binary(name):
            kind = "macro" if is_macro_binary(name) else "embedded"
            extra.blocks.append((kind, {"xml_part": name}, binary.member_text(pkg.read(name), limits).strip()))
            continue
        if low.startswith("docprops/") and "/_rels/" not in low:
            continue  # ooxml_props reads the properties; a thumbnail is dropped by redaction
        if not low.endswith((".xml", ".rels", ".vml")):
            if low.startswith("word/media/"):  # metadata and metafile strings; pixels need OCR
                text = binary.image_text(name, pkg.read(name)).strip()
                if text:
                    extra.blocks.append(("image", {"xml_part": name}, text))
                continue
            # embedded fonts: glyphs and font names
            if not low.startswith("word/fonts/"):
                text = binary.binary_text(pkg.read(name))
                if text:
                    extra.blocks.append(("other", {"xml_part": name}, text))
            continue
        if name == "[Content_Types].xml":
            continue
        root = loaded.get(name)
        if root is None:
            data = pkg.read(name)
            if not may_carry(name, data):
                continue
            try:
                root = parse_xml(data, name, parser)
            except CorruptFileError:
                unreadable.append(name)
                text = binary.binary_text(data)
                extra.blocks.append(("other", {"xml_part": name}, text))
                continue
        for i, carrier in enumerate(part_carriers(name, root)):
            text = carrier.text
            if text.strip():
                extra.blocks.append((carrier.kind, {"xml_part": name, "node": i, "carrier": carrier.kind}, text))
    extra.blocks = [b for b in extra.blocks if b[2]]
    if unreadable:
        extra.warnings.append(Notice("unreadable_part", f"{len(unreadable)} XML part(s) are not well-formed; "
                                     "their strings were read as binary data, and redaction refuses such a file.",
                                     {"parts": unreadable[:20]}))
    return extra
