"""OFD verification: the redacted package read back without the parser's walk.

Every member (verify_xlsx.xlsx_sources: each XML text node on its own, tags stripped,
attribute values, other members in every encoding), and the page text re-extracted from
each page's XML with a regular expression: the TextCode texts of one TextObject joined, one
TextObject a line (``text:`` sources: a short number is searched within a line only).
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from reviewer.errors import VerificationError
from reviewer.redaction.verify import Needles, _check

_OBJ = re.compile(r"<(?:\w+:)?TextObject\b.*?</(?:\w+:)?TextObject>", re.S)
_CODE = re.compile(r"<(?:\w+:)?TextCode\b[^>]*>([^<]*)</(?:\w+:)?TextCode>", re.S)


def verify_ofd(data: bytes, needles: Needles) -> dict:
    from reviewer.redaction.verify_xlsx import xlsx_sources

    try:
        sources = xlsx_sources(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            lines = []
            for name in z.namelist():
                if name.lower().endswith(".xml"):
                    text = z.read(name).decode("utf-8", "replace")
                    lines += ["".join(html.unescape(t) for t in _CODE.findall(obj)) for obj in _OBJ.findall(text)]
    except zipfile.BadZipFile:
        raise VerificationError("The redacted OFD is not a valid zip package.") from None
    sources["text:pages"] = "\n".join(lines)
    result = _check(needles, sources, "zip-parts+page-text")
    return result
