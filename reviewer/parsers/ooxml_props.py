"""Document properties: docProps/core.xml, app.xml and custom.xml.

Returns ``(fields, meta)``: ``fields`` are the text-bearing properties in a fixed
order as ``(xml_part, field, value)`` — they become ``part="properties"`` blocks,
because an author's name or a company in the properties is published with the file;
``meta`` is everything for ``Metadata.properties`` (dates and counts too).  Field
names: ``author, last_modified_by, title, subject, comments, keywords, category,
content_status, identifier, company, manager, template, hyperlink_base``,
``titles_of_parts``, ``heading_pairs`` (each value of every occurrence: a second
``<Company>`` or ``<dc:description>`` is read too) and, for
docProps/custom.xml, the custom property's own name.
"""

from __future__ import annotations

CORE = "docProps/core.xml"
APP = "docProps/app.xml"
CUSTOM = "docProps/custom.xml"

_DC = "http://purl.org/dc/elements/1.1/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DCT = "http://purl.org/dc/terms/"
_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"

_CORE_TEXT = [
    (f"{{{_DC}}}creator", "author"),
    (f"{{{_CP}}}lastModifiedBy", "last_modified_by"),
    (f"{{{_DC}}}title", "title"),
    (f"{{{_DC}}}subject", "subject"),
    (f"{{{_DC}}}description", "comments"),
    (f"{{{_CP}}}keywords", "keywords"),
    (f"{{{_CP}}}category", "category"),
    (f"{{{_CP}}}contentStatus", "content_status"),
    (f"{{{_DC}}}identifier", "identifier"),
]
_CORE_META = [
    (f"{{{_DCT}}}created", "created"),
    (f"{{{_DCT}}}modified", "modified"),
    (f"{{{_CP}}}lastPrinted", "last_printed"),
    (f"{{{_CP}}}revision", "revision"),
    (f"{{{_DC}}}language", "language"),
]
_APP_TEXT = [("Company", "company"), ("Manager", "manager"), ("Template", "template"),
             ("HyperlinkBase", "hyperlink_base")]
_APP_META = [("Application", "application"), ("AppVersion", "app_version"), ("Pages", "pages"),
             ("Words", "words"), ("Characters", "characters"), ("TotalTime", "total_time_min")]


def _text(el) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def _all(root, tag) -> list[str]:
    """Every value of ``tag``: a second ``<dc:description>`` ships with the file too."""
    return [v for v in (_text(el) for el in root.iter(tag)) if v]


def read_core(root, fields: list, meta: dict) -> None:
    for tag, name in _CORE_TEXT:
        for value in _all(root, tag):
            fields.append((CORE, name, value))
            meta.setdefault(name, value)
    for tag, name in _CORE_META:
        value = _text(root.find(tag))
        if value:
            meta[name] = value


def read_app(root, fields: list, meta: dict) -> None:
    for local, name in _APP_TEXT:
        for value in _all(root, f"{{{_APP}}}{local}"):
            fields.append((APP, name, value))
            meta.setdefault(name, value)
    for local, name in (("TitlesOfParts", "titles_of_parts"), ("HeadingPairs", "heading_pairs")):
        for holder in root.iter(f"{{{_APP}}}{local}"):
            for value in (v.strip() for v in holder.itertext()):
                if value and not value.isdigit():
                    fields.append((APP, name, value))
    for local, name in _APP_META:
        value = _text(root.find(f"{{{_APP}}}{local}"))
        if value:
            meta[name] = value


def read_custom(root, fields: list, meta: dict) -> None:
    custom: dict[str, str] = {}
    for prop in root.iter(f"{{{_CUSTOM}}}property"):
        name = (prop.get("name") or "").strip()
        value = _text(prop)
        if not name:
            continue
        custom[name] = value
        if value:
            fields.append((CUSTOM, name, value))
    if custom:
        meta["custom"] = custom


def page_count(meta: dict) -> int | None:
    try:
        pages = int(meta.get("pages", ""))
    except ValueError:
        return None
    return pages if pages > 0 else None
