"""A small OFD (GB/T 33190-2016) writer for the tests: OFD.xml, Document.xml, PublicRes with a
font, pages of TextObjects (one TextCode each, DeltaX with a g-run), annotations, attachments,
custom tags and a signature — written in the order a producer may choose, not reading order."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def text_object(oid: int, x: float, y: float, text: str, size: float = 4.0) -> str:
    n = len(text)
    delta = f'DeltaX="g {n - 1} {size}"' if n > 1 else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x} {y} {n * size + 1} {size + 2}" Font="2" Size="{size}">'
            f'<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0.5" Y="{size}" {delta}>{escape(text)}</ofd:TextCode>'
            '</ofd:TextObject>')


def build_ofd(pages: list[list[tuple[float, float, str]]], *, annotations=None, attachments=None, title="公示",
              author="王小明", custom_tag=None, signed=False) -> bytes:
    """``pages``: per page, ``(x, y, text)`` lines in the order they are written to the XML."""
    parts: dict[str, str | bytes] = {}
    oid = 10
    page_refs = []
    for n, lines in enumerate(pages):
        objs = []
        for x, y, text in lines:
            objs.append(text_object(oid, x, y, text))
            oid += 1
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="{oid}">'
            f'{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>')
        oid += 1
        page_refs.append(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
    extra = ""
    if annotations:
        parts["Doc_0/Annots/Annotations.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations {NS}>'
                                                 '<ofd:Page PageID="1"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc>'
                                                 '</ofd:Page></ofd:Annotations>')
        items = "".join(f'<ofd:Annot ID="{900 + i}" Type="Link"><ofd:Remark>{escape(t)}</ofd:Remark>'
                        f'<ofd:Appearance Boundary="10 10 50 10">{text_object(950 + i, 0, 0, t)}</ofd:Appearance></ofd:Annot>'
                        for i, t in enumerate(annotations))
        parts["Doc_0/Annots/Page_0/Annotation.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot {NS}>'
                                                       f'{items}</ofd:PageAnnot>')
        extra += "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"
    if attachments:
        items = ""
        for i, (name, body) in enumerate(attachments.items()):
            items += (f'<ofd:Attachment ID="{800 + i}" Name={quoteattr(name)} Format="txt">'
                      f'<ofd:FileLoc>files/a{i}.txt</ofd:FileLoc></ofd:Attachment>')
            parts[f"Doc_0/Attachs/files/a{i}.txt"] = body.encode("utf-8")
        parts["Doc_0/Attachs/Attachments.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Attachments {NS}>'
                                                  f'{items}</ofd:Attachments>')
        extra += "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>"
    if custom_tag:
        parts["Doc_0/Tags/CustomTags.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:CustomTags {NS}>'
                                              '<ofd:CustomTag><ofd:FileLoc>tag.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>')
        parts["Doc_0/Tags/tag.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><公文><发文机关>{escape(custom_tag)}</发文机关></公文>'
        extra += "<ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>"
    parts["Doc_0/PublicRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res">'
                                    '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>{oid}</ofd:MaxUnitID>'
        '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
        f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{"".join(page_refs)}</ofd:Pages>'
        f'{extra}</ofd:Document>')
    sig = ""
    if signed:
        parts["Doc_0/Signs/Signatures.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures {NS}>'
                                               '<ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>')
        parts["Doc_0/Signs/Sign_0/Signature.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Signature {NS}>'
                                                     '<ofd:SignedInfo><ofd:Provider ProviderName="测试"/></ofd:SignedInfo>'
                                                     '<ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>')
        parts["Doc_0/Signs/Sign_0/SignedValue.dat"] = b"\x30\x82fake-signature"
        sig = "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
    parts["OFD.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
                        f'<ofd:DocInfo><ofd:DocID>abc</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>'
                        f'<ofd:Author>{escape(author)}</ofd:Author></ofd:DocInfo>'
                        f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{sig}</ofd:DocBody></ofd:OFD>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", parts.pop("OFD.xml"))
        for name, data in parts.items():
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()
