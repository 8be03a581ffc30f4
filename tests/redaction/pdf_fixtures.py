"""Turn the simple TrueType fonts reportlab writes into Type0 / Identity-H CID fonts.

Word processors and most PDF producers write CJK text with Type0 fonts (two-byte
codes, Identity-H, a ToUnicode map); reportlab writes 256-glyph simple subsets.  To
test the Type0 path on files we build ourselves, each simple TrueType font becomes a
Type0 font over the same font program: code c becomes CID c (CIDToGIDMap Identity),
the widths move to /W, the ToUnicode map is rewritten with two-byte codes, and every
string shown in that font is widened to two bytes per code.  The text layer (codes,
widths, Unicode, positions) is exact; the pictures of the glyphs are not (the subset's
glyph ids are not its codes), which the tests, reading text, do not look at.
"""

from __future__ import annotations

import io

import pikepdf

from reviewer.redaction.pdf_fonts import parse_tounicode


def _cmap(mapping: dict[int, str]) -> bytes:
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{c:04X}> <{u.encode('utf-16-be').hex().upper()}>" for c, u in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()


def to_type0(data: bytes) -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    converted: dict[tuple, pikepdf.Dictionary] = {}
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        wide = set()
        for name, f in list(fonts.items()):
            if str(f.get("/Subtype")) != "/TrueType" or "/ToUnicode" not in f:
                continue
            key = f.objgen
            if key not in converted:
                first = int(f.FirstChar)
                widths = [float(w) for w in f.Widths]
                cid = pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=f.BaseFont,
                    CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                                                     Ordering=pikepdf.String("Identity"), Supplement=0),
                    FontDescriptor=f.FontDescriptor, DW=1000, CIDToGIDMap=pikepdf.Name.Identity,
                    W=pikepdf.Array([first, pikepdf.Array(widths)])))
                uni = parse_tounicode(f.ToUnicode.read_bytes())
                converted[key] = pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=f.BaseFont,
                    Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=pikepdf.Array([cid]),
                    ToUnicode=pdf.make_stream(_cmap(uni))))
            fonts[name] = converted[key]
            wide.add(name)
        if not wide:
            continue
        ops, cur = [], None
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "Tf":
                cur = str(operands[0])
            elif str(op) in ("Tj", "'", '"', "TJ") and cur in wide:
                def widen(x):
                    if isinstance(x, pikepdf.String):
                        return pikepdf.String(b"".join(b"\0" + bytes([b]) for b in bytes(x)))
                    return x
                if str(op) == "TJ":
                    operands = [pikepdf.Array([widen(x) for x in operands[0]])]
                else:
                    operands = [*operands[:-1], widen(operands[-1])]
            ops.append((operands, op))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
