"""GB/T 9704-2012 structure of a document's text.

``extract_structure(text)`` finds the elements of a 党政机关公文 that matter for the
review: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人 (the 版头, read from
the head of the text), 标题 and 主送机关, 成文日期 and 附注 with the declared 公开属性,
抄送 and 印发机关和印发日期 (the 版记, read from the tail).  Every value found has its
``[start, end)`` in ``Structure.spans``.

The text is all we have: paragraph breaks may be lost (HTML-stripped or OCR text runs
everything together), so each element has a line rule and, where it can be done safely,
a run-on rule.  Only the head (``HEAD_CHARS``) and the tail (``TAIL_CHARS``) are read,
except for the declared attribute, which is searched in the whole text with one
literal-anchored pattern because documents with attachments carry the 附注 in the middle.

Rules that keep false positives out:
* a 密级 line counts only in the header zone (the first ``HEADER_LINES`` non-empty
  lines, before the title) and only when the mark is the whole line (an optional 份号 or
  紧急程度 may share it): a sentence that mentions 国家秘密 is never a secrecy line;
* a declared attribute is a bracketed 附注 (（此件主动公开）…), a labelled field
  (公开属性：不予公开) or the Panyu form (此件…作为主动公开信息); quoted mentions such as
  应标注“此件公开发布” are not declarations.

The zones are read in order and share one ``Builder``: the head first (its end is where
the body starts and the tail may begin), then the declared attribute, then the tail
(the 附注's position anchors the 成文日期).  Each zone lives in ``reviewer.gbt9704``:
``header`` (版头, 标题, 主送机关), ``attribute`` (公开属性), ``footer`` (版记, 成文日期,
附注), with ``dates`` and ``base`` shared by them.
"""

from __future__ import annotations

from reviewer.document import Structure
from reviewer.gbt9704.attribute import MAX_ANCHORS, read_declared_attribute
from reviewer.gbt9704.base import DOC_KINDS, Builder, doc_kind_of
from reviewer.gbt9704.dates import to_iso_date
from reviewer.gbt9704.footer import TAIL_CHARS, read_footer
from reviewer.gbt9704.header import HEAD_CHARS, HEADER_LINES, normalize_doc_number, read_header


def extract_structure(text: str) -> Structure:
    """GB/T 9704 elements of ``text`` (see the module docstring)."""
    b = Builder()
    if not text:
        return b.s
    body_start = read_header(text, b)
    read_declared_attribute(text, b)
    read_footer(text, body_start, b)
    return b.s


__all__ = ["extract_structure", "to_iso_date", "normalize_doc_number", "doc_kind_of", "DOC_KINDS",
           "HEAD_CHARS", "TAIL_CHARS", "HEADER_LINES", "MAX_ANCHORS"]
