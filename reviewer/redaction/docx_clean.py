"""Package-level cleaning of a DOCX: what goes whatever the findings were.

* Tracked changes are resolved: insertions (w:ins, w:moveTo) are accepted, deleted
  content (w:del, w:moveFrom, w:delText, deleted table rows) is dropped, property
  change records (w:rPrChange …) removed; revision tracking is switched off.
* Comments go entirely: the comment parts (comments, commentsExtended, commentsIds,
  commentsExtensible, people), their relationships and content types, and the comment
  ranges and references in every story part.
* Properties: core (author, last modified by, comments, keywords, category, status,
  identifier, last printed; title and subject when they hold removed text), app
  (company, manager, template, hyperlink base, titles of parts), custom (the whole part).
* Thumbnails (docProps/thumbnail.*) and customXml parts are dropped.
* ``w:rsid*`` attributes and the settings' rsid table are removed (``strip_rsid``).
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DC = "http://purl.org/dc/elements/1.1/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_DROP_WITH_CONTENT = {w("del"), w("moveFrom"), w("delText"), w("delInstrText"), w("rPrChange"), w("pPrChange"),
                      w("sectPrChange"), w("tblPrChange"), w("trPrChange"), w("tcPrChange"), w("tblGridChange"),
                      w("tblPrExChange"), w("numberingChange"), w("moveFromRangeStart"), w("moveFromRangeEnd"),
                      w("moveToRangeStart"), w("moveToRangeEnd"), w("customXmlInsRangeStart"),
                      w("customXmlInsRangeEnd"), w("customXmlDelRangeStart"), w("customXmlDelRangeEnd"),
                      w("customXmlMoveFromRangeStart"), w("customXmlMoveFromRangeEnd"),
                      w("customXmlMoveToRangeStart"), w("customXmlMoveToRangeEnd"), w("cellDel"), w("cellIns"),
                      w("cellMerge")}
_UNWRAP = {w("ins"), w("moveTo")}
_COMMENT_MARKS = {w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")}
_COMMENT_PARTS = re.compile(r"^word/(comments|commentsExtended|commentsIds|commentsExtensible|people)\d*\.xml$")
_COMMENT_RELS = ("/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible", "/people")


def resolve_tracked_changes(root) -> int:
    """Accept insertions, drop deletions; return how many change marks were handled."""
    n = 0
    # Deleted table rows: the row carries w:trPr/w:del.
    for tr in list(root.iter(w("tr"))):
        trpr = tr.find(w("trPr"))
        if trpr is not None and trpr.find(w("del")) is not None and tr.getparent() is not None:
            tbl = tr.getparent()
            tbl.remove(tr)
            n += 1
            if tbl.tag == w("tbl") and tbl.find(w("tr")) is None and tbl.getparent() is not None:
                holder = tbl.getparent()   # a table with no row left is not valid WordprocessingML
                holder.remove(tbl)
                if holder.tag == w("tc") and holder.find(w("p")) is None:
                    etree.SubElement(holder, w("p"))  # a cell must end with a paragraph
    for el in list(root.iter(*_DROP_WITH_CONTENT)):
        parent = el.getparent()
        if parent is None:
            continue
        if el.tag in (w("del"), w("moveFrom")) and parent.tag in (w("rPr"), w("trPr")):
            parent.remove(el)  # a mark on a paragraph mark or a row: the content stays
        else:
            parent.remove(el)
        n += 1
    for el in list(root.iter(*_UNWRAP)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in (w("rPr"), w("trPr")):
            parent.remove(el)
        else:
            _unwrap(el)
        n += 1
    # A run left with nothing but its properties is noise.
    for r in list(root.iter(w("r"))):
        if all(c.tag == w("rPr") for c in r) and len(r) <= 1 and r.getparent() is not None:
            r.getparent().remove(r)
    return n


def _unwrap(el) -> None:
    parent = el.getparent()
    idx = parent.index(el)
    for child in list(el):
        parent.insert(idx, child)
        idx += 1
    parent.remove(el)


def remove_comment_marks(root) -> int:
    n = 0
    for el in list(root.iter(*_COMMENT_MARKS)):
        parent = el.getparent()
        parent.remove(el)
        n += 1
        if parent.tag == w("r") and all(c.tag == w("rPr") for c in parent) and parent.getparent() is not None:
            parent.getparent().remove(parent)
    return n


def strip_rsid(root) -> None:
    """Remove the settings' rsid table and the styles' w:rsid elements; the attributes go
    in ``strip_rsid_attrs`` (on bytes)."""
    for el in list(root.iter(w("rsids"), w("rsid"))):
        el.getparent().remove(el)


def strip_rsid_attrs(xml: bytes, root) -> bytes:
    """Drop every ``w:rsid*`` attribute from serialised XML (fast: no per-element walk)."""
    prefix = next((k for k, v in root.nsmap.items() if v == W and k), None)
    if prefix is None:
        return xml
    return re.sub(rb"\s" + re.escape(prefix.encode()) + rb':rsid[A-Za-z]*="[^"]*"', b"", xml)


def clean_settings(root) -> None:
    # docVars hold arbitrary text set by macros and templates (case numbers, names).
    # the mail-merge settings name the data source, its query and connection string
    for tag in ("trackRevisions", "attachedTemplate", "revisionView", "docVars", "mailMerge"):
        for el in list(root.iter(w(tag))):
            el.getparent().remove(el)


def clean_core(root, sensitive) -> list[str]:
    """Clear the core properties; ``sensitive(text)`` says whether a value holds removed text."""
    gone = []
    always = [(DC, "creator", "作者"), (CP, "lastModifiedBy", "最后修改者"), (DC, "description", "备注"),
              (CP, "keywords", "关键词"), (CP, "category", "类别"), (CP, "contentStatus", "状态"),
              (DC, "identifier", "标识"), (CP, "lastPrinted", "打印时间")]
    maybe = [(DC, "title", "标题"), (DC, "subject", "主题")]
    for ns, tag, zh in always + maybe:
        for el in list(root.iter(f"{{{ns}}}{tag}")):  # every one: a second <dc:description> too
            text = "".join(el.itertext())
            if (ns, tag, zh) in maybe and not sensitive(text):
                continue
            el.getparent().remove(el)
            if text.strip() and zh not in gone:
                gone.append(zh)
    return gone


def clean_app(root) -> list[str]:
    gone = []
    for tag, zh in (("Company", "单位"), ("Manager", "经理"), ("Template", "模板"), ("HyperlinkBase", "超链接基础"),
                    ("TitlesOfParts", "各部分标题"), ("HeadingPairs", "标题对")):
        for el in list(root.iter(f"{{{APP}}}{tag}")):  # every one: a second <Company> too
            if "".join(el.itertext()).strip() and zh not in gone:
                gone.append(zh)
            el.getparent().remove(el)
    return gone


def is_dropped_part(name: str) -> str | None:
    """Why a zip member is dropped whole, or None to keep it."""
    low = name.lower()
    if _COMMENT_PARTS.match(name):
        return "批注"
    if low.startswith("docprops/thumbnail"):
        return "缩略图"
    if low.startswith("customxml/"):
        return "自定义 XML 数据"
    if low == "docprops/custom.xml":
        return "自定义属性"
    return None


def rels_source_dir(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word``; ``_rels/.rels`` → ``''``."""
    return posixpath.dirname(posixpath.dirname(rels_name))


def clean_rels(root, rels_name: str, dropped: set[str]) -> set[str]:
    """Remove relationships to dropped parts and to comment parts; return their ids."""
    base = rels_source_dir(rels_name)
    gone = set()
    for rel in list(root):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        rtype = rel.get("Type") or ""
        if full in dropped or rtype.endswith(_COMMENT_RELS):
            root.remove(rel)
            gone.add(rel.get("Id") or "")
    return gone


def clean_content_types(root, dropped: set[str], present: set[str]) -> None:
    for el in list(root):
        if el.tag == f"{{{CT}}}Override":
            name = (el.get("PartName") or "").lstrip("/")
            if name in dropped or name not in present:
                root.remove(el)


def scrub_values(root, pairs: list[tuple[str, str]], text_nodes: bool, external_targets_only: bool = False) -> int:
    """Replace removed strings where the text walk does not reach them.

    Attribute values everywhere (alt text of pictures, tooltips, bookmarks, external
    link targets in .rels) and field instructions (``w:instrText``: a HYPERLINK
    "mailto:…" field); with ``text_nodes`` every text node too, for parts the parser
    does not read (the glossary, say).  ``pairs`` are (removed text, replacement),
    longest first; one XPath pass per kind finds every value holding any of them.
    """
    if not pairs:
        return 0
    names = {f"x{i}": old for i, (old, _) in enumerate(pairs)}
    cond = " or ".join(f"contains(., ${k})" for k in names)

    def fix(value: str) -> str:
        for old, new in pairs:
            value = value.replace(old, new)
        return value

    n = 0
    attrs = (f"//*[@TargetMode='External']/@Target[{cond}]" if external_targets_only else f"//@*[{cond}]")
    for attr in root.xpath(attrs, **names):
        attr.getparent().set(attr.attrname, fix(str(attr)))
        n += 1
    if external_targets_only:
        return n
    query = (f"//text()[{cond}]" if text_nodes
             else f"//w:instrText[{cond}] | //w:delInstrText[{cond}]")
    for hit in root.xpath(query, namespaces={"w": W}, **names):
        if isinstance(hit, str):
            el = hit.getparent()
            if hit.is_tail:
                el.tail = fix(el.tail or "")
            else:
                el.text = fix(el.text or "")
        else:
            hit.text = fix(hit.text or "")
        n += 1
    return n
