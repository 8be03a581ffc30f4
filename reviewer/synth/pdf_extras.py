"""What :mod:`reviewer.synth.pdf_writer` adds after reportlab has drawn the pages:
document info, XMP metadata, annotations, embedded files and encryption (pikepdf,
MPL-2.0).  Use it through ``build_pdf``; ``Annotation``, ``Attachment`` and
``xmp_packet`` are re-exported there.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass
class Annotation:
    """An annotation on ``page`` (1-based): ``Text`` (a sticky note), ``FreeText``,
    or ``Link`` (to ``uri``; ``contents`` may be empty)."""

    page: int
    contents: str
    subtype: str = "Text"
    author: str | None = None
    rect: tuple[float, float, float, float] = (450.0, 760.0, 470.0, 780.0)
    popup: bool = False
    uri: str | None = None


@dataclass
class Attachment:
    name: str
    data: bytes
    description: str | None = None


_XMP_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
}
_XMP_CONTAINERS = {"dc:title": "Alt", "dc:description": "Alt", "dc:rights": "Alt",
                   "dc:creator": "Seq", "dc:subject": "Bag"}


def xmp_packet(fields: dict[str, str | list[str]]) -> bytes:
    """An XMP packet from ``{"dc:title": "…", "pdf:Keywords": "…", …}``."""
    props = []
    for key, value in fields.items():
        prefix = key.split(":", 1)[0]
        if prefix not in _XMP_NS:
            raise ValueError(f"unknown XMP prefix in {key!r}; use one of {sorted(_XMP_NS)}")
        kind = _XMP_CONTAINERS.get(key)
        values = value if isinstance(value, list) else [value]
        if kind is None:
            props.append(f"<{key}>{escape(str(values[0]))}</{key}>")
        else:
            lang = ' xml:lang="x-default"' if kind == "Alt" else ""
            items = "".join(f"<rdf:li{lang}>{escape(str(v))}</rdf:li>" for v in values)
            props.append(f"<{key}><rdf:{kind}>{items}</rdf:{kind}></{key}>")
    ns = " ".join(f'xmlns:{p}="{u}"' for p, u in _XMP_NS.items())
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" {ns}>{"".join(props)}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
    return xml.encode("utf-8")


def add_extras(raw: bytes, *, info, xmp, annotations, attachments, user_password, owner_password) -> bytes:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(raw))
    if info:
        for key, value in info.items():
            pdf.docinfo[pikepdf.Name("/" + key.lstrip("/"))] = pikepdf.String(str(value))
    if xmp:
        packet = xmp if isinstance(xmp, bytes) else xmp.encode("utf-8") if isinstance(xmp, str) else xmp_packet(xmp)
        stream = pikepdf.Stream(pdf, packet)
        stream.Type = pikepdf.Name.Metadata
        stream.Subtype = pikepdf.Name.XML
        pdf.Root.Metadata = pdf.make_indirect(stream)
    for ann in annotations:
        if not 1 <= ann.page <= len(pdf.pages):
            raise ValueError(f"annotation on page {ann.page}, but the PDF has {len(pdf.pages)} pages")
        page = pdf.pages[ann.page - 1]
        d = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name("/" + ann.subtype),
                               Rect=pikepdf.Array(list(ann.rect)), F=4)
        if ann.contents:
            d.Contents = pikepdf.String(ann.contents)
        if ann.uri:
            d.A = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(ann.uri))
        if ann.author:
            d.T = pikepdf.String(ann.author)
        if ann.subtype == "FreeText":
            d.DA = pikepdf.String("0 0 0 rg /Helv 10 Tf")
        annot = pdf.make_indirect(d)
        new = [annot]
        if ann.popup:
            x0, y0, x1, y1 = ann.rect
            popup = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Popup, Parent=annot,
                Rect=pikepdf.Array([x1, y0 - 100, x1 + 150, y1]), Open=False))
            annot.Popup = popup
            new.append(popup)
        if "/Annots" not in page.obj:
            page.obj.Annots = pdf.make_indirect(pikepdf.Array())
        for a in new:
            page.obj.Annots.append(a)
    for att in attachments:
        spec = pikepdf.AttachedFileSpec(pdf, att.data, description=att.description or "", filename=att.name)
        pdf.attachments[att.name] = spec
    out = io.BytesIO()
    if user_password is not None or owner_password is not None:
        pdf.save(out, encryption=pikepdf.Encryption(user=user_password or "",
                                                    owner=owner_password or user_password or "", R=6))
    else:
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
