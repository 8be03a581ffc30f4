"""XLSX verification: every member of the output package, then openpyxl.

Two readers that share nothing with the parser or the redactor:

* every member of the zip.  XML: each text node on its own (a worksheet's ``<v>0</v><v>1</v>``
  joined would make digit strings that are not there), entities decoded, XML comments;
  ``@raw``: the tags stripped, so text split over rich-text runs is joined (searched for
  the distinctive forms only); ``@attributes``: every attribute value.  Other members:
  raw bytes in every encoding (verify_docx's member reader).
* openpyxl, which must open the workbook; every cell value, sheet title, comment,
  header/footer and defined name it reads is searched too.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from reviewer.errors import VerificationError
from reviewer.redaction.verify import Needles, _check


_NODE = re.compile(r">([^<]+)<")
_ATTR = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"<[^>]*>")


def xlsx_sources(data: bytes) -> dict[str, str]:
    from reviewer.redaction.verify_docx import _decode_xml, _member_sources

    sources: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            raw = z.read(info)
            head = raw[:64].lstrip()
            if not (info.filename.endswith((".xml", ".rels", ".vml")) or head.startswith(b"<?xml")):
                _member_sources(info.filename, raw, sources, 0)
                continue
            text = _decode_xml(raw)
            nodes = [html.unescape(t) for t in _NODE.findall(text) if t.strip()]
            sources[info.filename] = "\x01".join(nodes + [html.unescape(c) for c in _COMMENT.findall(text)])
            sources[info.filename + "@raw"] = html.unescape(_TAG.sub("", text))
            sources[info.filename + "@attributes"] = "\x01".join(html.unescape(a or b) for a, b in _ATTR.findall(text))
    return sources


def verify_xlsx(data: bytes, needles: Needles) -> dict:
    try:
        sources = xlsx_sources(data)
    except zipfile.BadZipFile:
        raise VerificationError("The redacted workbook is not a valid zip package.") from None
    result = _check(needles, sources, "zip-parts")
    texts = []
    try:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_vba=False)
        for ws in wb.worksheets:
            texts.append(ws.title)
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        texts.append(str(c.value))
                    if c.comment is not None:
                        texts.append(c.comment.text or "")
            for hf in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter, ws.firstHeader, ws.firstFooter):
                for side in (hf.left, hf.center, hf.right):
                    texts.append(side.text or "")
        for name in getattr(wb.defined_names, "values", lambda: [])():
            texts.append(str(getattr(name, "attr_text", "") or ""))
    except Exception as exc:
        raise VerificationError(f"openpyxl cannot open the redacted workbook ({type(exc).__name__}).") from None
    _check(needles, {"openpyxl": "\n".join(texts)}, "openpyxl")
    result["extractor"] = "zip-parts+openpyxl"
    return result
