"""Builders for DOCX packages that hide an ID number or a mobile outside the paragraphs,
and an independent leak check (raw bytes of every member, UTF-8 and UTF-16, tags
stripped, entities unescaped, nested zips opened) that shares no code with the engine."""

from __future__ import annotations

import base64
import html
import io
import re
import zipfile

from lxml import etree

from reviewer.synth.docx_writer import DocxBuilder

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def members(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {i.filename: z.read(i) for i in z.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, raw in parts.items():
            z.writestr(name, raw)
    return buf.getvalue()


def add_part(parts: dict[str, bytes], name: str, data: bytes, content_type: str | None = None,
             rel_type: str | None = None, source: str = "word/document.xml", rid: str = "rIdX1",
             external: bool = False) -> None:
    """Add a member, its content type and a relationship from ``source`` to it."""
    if not external:
        parts[name] = data
    if content_type:
        ct = etree.fromstring(parts["[Content_Types].xml"])
        o = etree.SubElement(ct, f"{{{CT_NS}}}Override")
        o.set("PartName", "/" + name)
        o.set("ContentType", content_type)
        parts["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
    if rel_type:
        folder, base = source.rsplit("/", 1) if "/" in source else ("", source)
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        rels = etree.fromstring(parts.get(rels_name) or f'<Relationships xmlns="{PR_NS}"/>'.encode())
        r = etree.SubElement(rels, f"{{{PR_NS}}}Relationship")
        r.set("Id", rid)
        r.set("Type", RT + rel_type if not rel_type.startswith("http") else rel_type)
        target = name if external else (name[len(folder) + 1:] if folder and name.startswith(folder + "/") else "/" + name)
        r.set("Target", target)
        if external:
            r.set("TargetMode", "External")
        parts[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)


def edit_xml(parts: dict[str, bytes], name: str, fn) -> None:
    root = etree.fromstring(parts[name])
    fn(root)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def body_append(parts: dict[str, bytes], xml: str) -> None:
    """Append raw WordprocessingML (namespaces w, r, v, o, wp, a, pic declared) before w:sectPr."""
    ns = (f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:o="urn:schemas-microsoft-com:office:office" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')

    def fn(root):
        body = root.find(f"{{{W_NS}}}body")
        frag = etree.fromstring(f"<x {ns}>{xml}</x>")
        sect = body.find(f"{{{W_NS}}}sectPr")
        for child in list(frag):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
    edit_xml(parts, "word/document.xml", fn)


def base_parts(text: str = "关于低保公示的说明") -> dict[str, bytes]:
    b = DocxBuilder()
    b.paragraph(text)
    b.paragraph("公示期为七个工作日。")
    return members(b.to_bytes())


def fake_xlsx(cell_text: str) -> bytes:
    return rezip({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/sharedStrings.xml": (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                                 f'spreadsheetml/2006/main"><si><t>{cell_text}</t></si></sst>').encode(),
    })


def fake_ole(text: str) -> bytes:
    """A compound-file header, filler, then the text as OLE stores strings (UTF-16LE + NUL)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + text.encode("utf-16-le") + b"\0\0" + b"\x07" * 64


# --------------------------------------------------------------------------- leak check
def _texts(name: str, raw: bytes, depth: int = 0):
    yield name, raw.decode("utf-8", "ignore")
    for enc in ("utf-16-le", "utf-16-be"):
        yield name + f"[{enc}]", raw.decode(enc, "ignore")
        yield name + f"[{enc}+1]", raw[1:].decode(enc, "ignore")
    for label, text in list((n, t) for n, t in [(name, raw.decode("utf-8", "ignore"))]):
        yield label + "[text]", html.unescape(re.sub(r"<[^>]*>", "", text))
    if raw[:4] == b"PK\x03\x04" and depth < 3:
        for inner, data in members(raw).items():
            yield from _texts(f"{name}!{inner}", data, depth + 1)
    for m in re.finditer(rb"[A-Za-z0-9+/=\r\n]{24,}", raw):
        try:
            yield name + "[base64]", base64.b64decode(re.sub(rb"\s", b"", m.group(0)), validate=False).decode("utf-8", "ignore")
        except Exception:
            pass


def leaks(data: bytes, secrets: list[str]) -> list[str]:
    """Where any secret (as written, without spaces/dashes, or its digits) is still in the package."""
    forms = set()
    for s in secrets:
        c = re.sub(r"[\s\-]", "", s)
        forms |= {s, c}
    found = []
    for name, raw in members(data).items():
        for label, text in _texts(name, raw):
            hay = re.sub(r"[\s\-]", "", text)
            found += [f"{label}: {f[:3]}…" for f in forms if f in text or f in hay]
    return sorted(set(found))
