"""What a PDF carries besides its page text: document info, XMP, annotations, attachments.

Each reader is bounded (string lengths, number of annotations, size of the XMP
packet) and never raises for damaged objects: what cannot be read is skipped, and
the caller reports it as a warning.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

INFO_TEXT_FIELDS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer")
INFO_DATE_FIELDS = ("CreationDate", "ModDate")
MAX_STRING_BYTES = 1 << 20        # one info value or annotation string
MAX_ANNOTS_PER_PAGE = 2000
MAX_XMP_BYTES = 4 << 20
ANNOT_SUBTYPES = {
    0: "Unknown", 1: "Text", 2: "Link", 3: "FreeText", 4: "Line", 5: "Square", 6: "Circle",
    7: "Polygon", 8: "PolyLine", 9: "Highlight", 10: "Underline", 11: "Squiggly", 12: "StrikeOut",
    13: "Stamp", 14: "Caret", 15: "Ink", 16: "Popup", 17: "FileAttachment", 18: "Sound",
    19: "Movie", 20: "Widget", 21: "Screen", 22: "PrinterMark", 23: "TrapNet", 24: "Watermark",
    25: "3D", 26: "RichMedia", 27: "XFAWidget", 28: "Redact",
}
# Annotation keys whose text a reader sees: the note itself and its author.
ANNOT_TEXT_KEYS = ("Contents", "T", "Subj")


def _utf16_getter(call, *args) -> str:
    """Run a pdfium ``…(…, buffer, buflen)`` getter that returns UTF-16LE bytes."""
    size = call(*args, None, 0)
    if size <= 2 or size > MAX_STRING_BYTES:
        return ""
    buf = ctypes.create_string_buffer(size)
    argtypes = getattr(call, "argtypes", None)
    target = argtypes[len(args)] if argtypes and len(argtypes) > len(args) else ctypes.c_void_p
    call(*args, ctypes.cast(buf, target), size)
    return buf.raw[: size - 2].decode("utf-16-le", errors="replace").strip("\x00").strip()


def read_info(pdf) -> dict[str, str]:
    """Document-info dictionary values (text and dates) that are present."""
    out: dict[str, str] = {}
    for key in INFO_TEXT_FIELDS + INFO_DATE_FIELDS:
        value = _utf16_getter(pdfium_c.FPDF_GetMetaText, pdf, key.encode("ascii"))
        if value:
            out[key] = value
    return out


def read_annotations(pdf, page) -> list[dict]:
    """Text-bearing annotations of a loaded page: subtype, rect and their strings.

    Notes, free text, stamps … give ``Contents``, ``T`` (author) and ``Subj``; form
    fields (widgets) their text value ``V``; links their ``URI`` (an intranet address
    in a link is as telling as one in the text).
    """
    out: list[dict] = []
    count = pdfium_c.FPDFPage_GetAnnotCount(page)
    for i in range(min(max(count, 0), MAX_ANNOTS_PER_PAGE)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, i)
        if not annot:
            continue
        try:
            subtype = ANNOT_SUBTYPES.get(pdfium_c.FPDFAnnot_GetSubtype(annot), "Unknown")
            values = {}
            if subtype == "Link":
                uri = _link_uri(pdf, annot)
                if uri:
                    values["URI"] = uri
            else:
                for key in ("V",) if subtype == "Widget" else ANNOT_TEXT_KEYS:
                    k = key.encode("ascii")
                    if (pdfium_c.FPDFAnnot_HasKey(annot, k)
                            and pdfium_c.FPDFAnnot_GetValueType(annot, k) == pdfium_c.FPDF_OBJECT_STRING):
                        value = _utf16_getter(pdfium_c.FPDFAnnot_GetStringValue, annot, k)
                        if value:
                            values[key] = value
            rect = pdfium_c.FS_RECTF()
            box = None
            if pdfium_c.FPDFAnnot_GetRect(annot, rect):
                box = [round(rect.left, 2), round(rect.bottom, 2), round(rect.right, 2), round(rect.top, 2)]
            out.append({"index": i, "subtype": subtype, "rect": box, "values": values})
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return out


def _link_uri(pdf, annot) -> str:
    link = pdfium_c.FPDFAnnot_GetLink(annot)
    if not link:
        return ""
    action = pdfium_c.FPDFLink_GetAction(link)
    if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
        return ""
    size = pdfium_c.FPDFAction_GetURIPath(pdf, action, None, 0)
    if size <= 1 or size > MAX_STRING_BYTES:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAction_GetURIPath(pdf, action, buf, size)
    return buf.raw[: size - 1].decode("latin-1").strip()


def read_attachment_names(pdf) -> list[str]:
    """Names of the document's embedded files (the EmbeddedFiles name tree)."""
    names = []
    for i in range(max(pdfium_c.FPDFDoc_GetAttachmentCount(pdf), 0)):
        att = pdfium_c.FPDFDoc_GetAttachment(pdf, i)
        if not att:
            continue
        names.append(_utf16_getter(pdfium_c.FPDFAttachment_GetName, att) or f"attachment {i + 1}")
    return names


MAX_OUTLINE_ITEMS = 5000


def read_outline_titles(pdf) -> list[str]:
    """Bookmark (outline) titles, depth first; loops in a damaged outline are cut."""
    titles: list[str] = []
    seen: set[int] = set()
    stack = [pdfium_c.FPDFBookmark_GetFirstChild(pdf, None)]
    while stack and len(seen) < MAX_OUTLINE_ITEMS:
        item = stack.pop()
        addr = ctypes.cast(item, ctypes.c_void_p).value if item else None
        if not addr or addr in seen or len(stack) > MAX_OUTLINE_ITEMS:
            continue
        seen.add(addr)
        title = _utf16_getter(pdfium_c.FPDFBookmark_GetTitle, item)
        if title:
            titles.append(title)
        stack.append(pdfium_c.FPDFBookmark_GetNextSibling(pdf, item))
        stack.append(pdfium_c.FPDFBookmark_GetFirstChild(pdf, item))
    return titles


MAX_OBJECTS_SCANNED = 20000


def has_invisible_text(page) -> bool:
    """True when the page draws text in render mode 3 (invisible): an OCR layer over a
    scan, or text hidden on purpose.  Only the page's own objects are looked at."""
    get = pdfium_c.FPDFPage_GetObject
    kind = pdfium_c.FPDFPageObj_GetType
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode
    text, invisible = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    for i in range(min(pdfium_c.FPDFPage_CountObjects(page), MAX_OBJECTS_SCANNED)):
        obj = get(page, i)
        if obj and kind(obj) == text and mode(obj) == invisible:
            return True
    return False


def page_has_objects(page) -> bool:
    """True when the page draws something (an image, paths, a form) though it has no text."""
    return pdfium_c.FPDFPage_CountObjects(page) > 0


# --------------------------------------------------------------------------- XMP
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PREFIXES = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/pdf/1.3/": "pdf",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/xap/1.0/mm/": "xmpMM",
    "http://ns.adobe.com/pdfx/1.3/": "pdfx",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
    "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
}
# Identifiers and timestamps: not text a reader would object to, and noisy for detectors.
_SKIP_PREFIXES = ("xmpMM", "pdfaid")


def read_xmp_packet(pdf) -> bytes | None:
    """The catalog's /Metadata stream of a pikepdf document, decoded, or None."""
    import pikepdf

    from reviewer.parsers.pdf_guard import bounded_bytes

    meta = pdf.Root.get("/Metadata")
    if meta is None or not isinstance(meta, pikepdf.Stream):
        return None
    return bounded_bytes(meta, MAX_XMP_BYTES)


def _name(tag: str) -> str:
    if tag.startswith("{"):
        ns, local = tag[1:].split("}", 1)
        prefix = _PREFIXES.get(ns) or ns.rstrip("/#").rsplit("/", 1)[-1]
        return f"{prefix}:{local}"
    return tag


def parse_xmp(packet: bytes) -> list[tuple[str, str]]:
    """``(property, text)`` pairs from an XMP packet; arrays are joined with "; ".

    The XML is parsed without DTDs, entities or network access; a packet that
    declares a DOCTYPE is refused (ValueError).
    """
    from lxml import etree

    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        raise ValueError("XMP packet declares a DTD")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_pis=True)
    start = packet.find(b"<x:xmpmeta")
    if start < 0:
        start = packet.find(b"<rdf:RDF")
    body = packet[start:] if start >= 0 else packet
    end = body.rfind(b"<?xpacket")
    if end > 0:
        body = body[:end]
    root = etree.fromstring(body.strip(), parser=parser)
    out: list[tuple[str, str]] = []
    for desc in root.iter(f"{{{_RDF}}}Description"):
        for attr, value in desc.attrib.items():
            if not attr.startswith(f"{{{_RDF}}}") and value.strip():
                out.append((_name(attr), value.strip()))
        for prop in desc:
            if not isinstance(prop.tag, str):
                continue
            items = [li.text.strip() for li in prop.iter(f"{{{_RDF}}}li") if li.text and li.text.strip()]
            text = "; ".join(items) if items else "".join(prop.itertext()).strip()
            if text:
                out.append((_name(prop.tag), text))
    return [(k, v) for k, v in out
            if k.split(":", 1)[0] not in _SKIP_PREFIXES and not k.endswith("Date")]
