"""A small XLSX writer for the tests: the parts written by hand, so every place text can hide
(shared and inline strings, formulas, hidden rows/columns/sheets, comments, headers, names,
validation lists, pivot caches, external links, properties) is in a real package."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Sheet:
    def __init__(self, name, rows, state="visible", hidden_rows=(), hidden_cols=(), comments=None, header=None,
                 footer=None, validation=None, formulas=None, numbers=(), inline=()):
        self.name, self.rows, self.state = name, rows, state
        self.hidden_rows, self.hidden_cols = set(hidden_rows), set(hidden_cols)
        self.comments = comments or {}        # "B2" -> text
        self.header, self.footer, self.validation = header, footer, validation
        self.formulas = formulas or {}        # "C3" -> (formula, cached)
        self.numbers, self.inline = set(numbers), set(inline)   # refs written as numbers / inline strings


def build_xlsx(sheets, *, defined_names=None, pivot_items=None, external=None, creator="王小明",
               orphan_strings=(), macro=False, extra_parts=None) -> bytes:
    sst: list[str] = []

    def si(text):
        if text not in sst:
            sst.append(text)
        return sst.index(text)

    parts: dict[str, str | bytes] = {}
    wb_rels = []
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/>']
    sheet_xml = []
    for n, sh in enumerate(sheets, 1):
        rows = []
        for r, row in enumerate(sh.rows, 1):
            cells = []
            for c, val in enumerate(row):
                if val is None:
                    continue
                ref = f"{col_letter(c)}{r}"
                if ref in sh.formulas:
                    f, cached = sh.formulas[ref]
                    cells.append(f'<c r="{ref}" t="str"><f>{escape(f)}</f><v>{escape(cached)}</v></c>')
                elif ref in sh.numbers:
                    cells.append(f'<c r="{ref}"><v>{val}</v></c>')
                elif ref in sh.inline:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(val)}</t></is></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{si(val)}</v></c>')
            hid = ' hidden="1"' if r in sh.hidden_rows else ""
            rows.append(f'<row r="{r}"{hid}>{"".join(cells)}</row>')
        cols = "".join(f'<col min="{c + 1}" max="{c + 1}" hidden="1" width="0"/>' for c in sorted(sh.hidden_cols))
        body = (f'<cols>{cols}</cols>' if cols else "") + f'<sheetData>{"".join(rows)}</sheetData>'
        if sh.validation:
            body += (f'<dataValidations count="1"><dataValidation type="list" sqref="{sh.validation[0]}">'
                     f'<formula1>{escape(sh.validation[1])}</formula1></dataValidation></dataValidations>')
        if sh.header or sh.footer:
            body += "<headerFooter>" + (f"<oddHeader>{escape(sh.header)}</oddHeader>" if sh.header else "") + \
                    (f"<oddFooter>{escape(sh.footer)}</oddFooter>" if sh.footer else "") + "</headerFooter>"
        srels = []
        if sh.comments:
            srels.append(f'<Relationship Id="rIdc" Type="{RT}/comments" Target="../comments{n}.xml"/>')
            items = "".join(f'<comment ref="{ref}" authorId="0"><text><r><t>{escape(t)}</t></r></text></comment>'
                            for ref, t in sh.comments.items())
            parts[f"xl/comments{n}.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><comments {NS}><authors>' \
                                           f'<author>李审核</author></authors><commentList>{items}</commentList></comments>'
            ct.append(f'<Override PartName="/xl/comments{n}.xml" ContentType="application/vnd.openxmlformats-'
                      f'officedocument.spreadsheetml.comments+xml"/>')
        parts[f"xl/worksheets/sheet{n}.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{body}</worksheet>'
        if srels:
            parts[f"xl/worksheets/_rels/sheet{n}.xml.rels"] = \
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(srels)}</Relationships>'
        ct.append(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-'
                  f'officedocument.spreadsheetml.worksheet+xml"/>')
        wb_rels.append(f'<Relationship Id="rId{n}" Type="{RT}/worksheet" Target="worksheets/sheet{n}.xml"/>')
        state = f' state="{sh.state}"' if sh.state != "visible" else ""
        sheet_xml.append(f'<sheet name={quoteattr(sh.name)} sheetId="{n}"{state} r:id="rId{n}"/>')
    for s in orphan_strings:
        si(s)
    names = "".join(f'<definedName name="{k}">{escape(v)}</definedName>' for k, v in (defined_names or {}).items())
    parts["xl/workbook.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>{"".join(sheet_xml)}</sheets>'
                                + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>")
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in sst)
    parts["xl/sharedStrings.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(sst)}" uniqueCount="{len(sst)}">{items}</sst>'
    wb_rels.append(f'<Relationship Id="rIdS" Type="{RT}/sharedStrings" Target="sharedStrings.xml"/>')
    ct.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'spreadsheetml.sharedStrings+xml"/>')
    if pivot_items:
        recs = "".join(f'<s v={quoteattr(v)}/>' for v in pivot_items)
        parts["xl/pivotCache/pivotCacheDefinition1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><pivotCacheDefinition {NS}><cacheFields count="1">'
            f'<cacheField name="姓名"><sharedItems count="{len(pivot_items)}">{recs}</sharedItems></cacheField>'
            '</cacheFields></pivotCacheDefinition>')
    if external:
        parts["xl/externalLinks/externalLink1.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><externalLink {NS}><externalBook r:id="rId1"><sheetDataSet>'
            f'<sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>{escape(external)}</v></cell></row>'
            '</sheetData></sheetDataSet></externalBook></externalLink>')
    if macro:
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0VBA Attribute VB_Name = \"Module1\" 13812345678"
        wb_rels.append(f'<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>')
    parts["xl/_rels/workbook.xml.rels"] = \
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(wb_rels)}</Relationships>'
    parts["docProps/core.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
        '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:creator>{escape(creator)}</dc:creator></cp:coreProperties>')
    parts["_rels/.rels"] = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            f'<Relationship Id="rId1" Type="{RT}/officeDocument" Target="xl/workbook.xml"/>'
                            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    parts.update(extra_parts or {})
    parts["[Content_Types].xml"] = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                                    f'package/2006/content-types">{"".join(ct)}</Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", "_rels/.rels"] + [n for n in parts if n not in ("[Content_Types].xml", "_rels/.rels")]:
            data = parts[name]
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()
