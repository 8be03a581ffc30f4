"""Paragraph text of a WordprocessingML part, exactly as the location schema defines it.

A paragraph's *joined text* is, in document order: the text of every ``w:t`` (also
inside ``w:ins``, ``w:hyperlink``, ``w:smartTag``, ``w:sdt``, ``w:fldSimple``),
``w:tab``/``w:ptab`` → ``\\t``, ``w:br``/``w:cr`` → ``\\n``, ``w:noBreakHyphen`` →
``-``; excluding ``w:delText``, ``w:instrText``, paragraph/run properties, the
``mc:Fallback`` branch of ``mc:AlternateContent`` and anything inside a nested
``w:txbxContent`` (those paragraphs are numbered and read on their own).

Paragraphs are numbered by ``root.iter(w:p)``; :func:`read_part` returns one
:class:`Para` per ``w:p`` with its pieces and where it sits (table cell, text box,
comment, note).
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_T, W_TBL, W_TR, W_TC = w("p"), w("t"), w("tbl"), w("tr"), w("tc")
W_INS, W_DEL, W_DELTEXT, W_TXBX = w("ins"), w("del"), w("delText"), w("txbxContent")
W_COMMENT, W_FOOTNOTE, W_ENDNOTE = w("comment"), w("footnote"), w("endnote")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_SKIP = {w("pPr"), w("rPr"), w("instrText"), w("delInstrText"), W_TXBX, MC_FALLBACK, W_P}
_AUTHOR, _DATE, _ID, _TYPE = w("author"), w("date"), w("id"), w("type")


@dataclass
class Para:
    """One ``w:p``: ``pieces`` are (text, insertion or None) in order; ``deleted`` are
    (text, ((author, date), where)) with ``where`` the number of kept pieces before it,
    so deletions separated by kept text are never joined into one block."""

    index: int
    pieces: list[tuple[str, tuple[str, str] | None]] = field(default_factory=list)
    deleted: list[tuple[str, tuple[tuple[str, str], int]]] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    in_textbox: bool = False
    in_fallback: bool = False
    skip: bool = False          # a note separator, or a mirrored fallback copy
    element: object = None

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)


def _collect(el, para: Para, ins: tuple[str, str] | None, dele: tuple[str, str] | None) -> None:
    for child in el:
        tag = child.tag
        if tag == W_T:
            if child.text:  # (a stray w:t inside w:del counts too: the schema joins every w:t)
                para.pieces.append((child.text, ins))
        elif tag == W_DELTEXT:
            if child.text:
                para.deleted.append((child.text, (dele or ("", ""), len(para.pieces))))
        elif tag in _CHARS:
            para.pieces.append((_CHARS[tag], ins))
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        elif tag == W_INS:
            _collect(child, para, (child.get(_AUTHOR) or "", child.get(_DATE) or ""), dele)
        elif tag == W_DEL:
            _collect(child, para, ins, (child.get(_AUTHOR) or "", child.get(_DATE) or ""))
        elif tag == MC_ALT:
            choice = child.find(MC_CHOICE)
            _collect(choice if choice is not None else child, para, ins, dele)
        else:
            _collect(child, para, ins, dele)


def _merge(pieces):
    """Consecutive pieces with the same tag become one: [(text, tag, offset)]."""
    out: list[list] = []
    pos = 0
    for text, tag in pieces:
        if out and out[-1][1] == tag:
            out[-1][0] += text
        else:
            out.append([text, tag, pos])
        pos += len(text)
    return [tuple(x) for x in out]


def segments(para: Para):
    """The paragraph's text as (text, insertion-or-None, char_offset) runs."""
    return _merge(para.pieces)


def deleted_segments(para: Para):
    """Deleted text as (text, (author, date), offset within the concatenated w:delText)."""
    return [(text, tag[0], off) for text, tag, off in _merge(para.deleted)]


class _Tables:
    """Table index, row and column of a cell, counted as the schema says."""

    def __init__(self, root):
        self.index = {t: i for i, t in enumerate(root.iter(W_TBL))}
        self._rows: dict = {}
        self._cols: dict = {}

    @staticmethod
    def _owner(el, tag):
        for anc in el.iterancestors():
            if anc.tag == tag:
                return anc
        return None

    def cell(self, tc) -> dict:
        tr = self._owner(tc, W_TR)
        tbl = self._owner(tr, W_TBL) if tr is not None else None
        if tbl is None:
            return {}
        rows = self._rows.get(tbl)
        if rows is None:
            rows = {r: i for i, r in enumerate(x for x in tbl.iter(W_TR) if self._owner(x, W_TBL) is tbl)}
            self._rows[tbl] = rows
        cols = self._cols.get(tr)
        if cols is None:
            cols = {c: i for i, c in enumerate(x for x in tr.iter(W_TC) if self._owner(x, W_TR) is tr)}
            self._cols[tr] = cols
        return {"table": self.index[tbl], "row": rows.get(tr, 0), "col": cols.get(tc, 0)}


def read_part(root, *, check=None) -> list[Para]:
    """Every ``w:p`` of the part, numbered in ``root.iter`` order, with text and context."""
    tables = _Tables(root)
    paras: list[Para] = []
    for i, p in enumerate(root.iter(W_P)):
        if check is not None and i % 500 == 499:
            check()
        para = Para(index=i, element=p)
        _collect(p, para, None, None)
        ctx: dict = {}
        cell_done = False
        for anc in p.iterancestors():
            tag = anc.tag
            if tag == W_TXBX and not para.in_textbox:
                para.in_textbox = True
                cell_done = True  # a table outside the text box is not this paragraph's table
            elif tag == W_TC and not cell_done:
                ctx.update(tables.cell(anc))
                cell_done = True
            elif tag == MC_FALLBACK and para.in_textbox:
                para.in_fallback = True
            elif tag == W_COMMENT:
                ctx["comment_id"] = anc.get(_ID)
                ctx["author"] = anc.get(_AUTHOR) or ""
                if anc.get(_DATE):
                    ctx["date"] = anc.get(_DATE)
            elif tag in (W_FOOTNOTE, W_ENDNOTE):
                ctx["note_id"] = anc.get(_ID)
                if anc.get(_TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
                    para.skip = True
        para.context = ctx
        paras.append(para)
    _mirror_fallbacks(root, paras)
    for para in paras:
        para.element = None  # let lxml free the element proxies
        if para.in_fallback and not para.skip:
            para.context["fallback"] = True  # a VML copy that differs from what Word shows
    return paras


def _mirror_fallbacks(root, paras: list[Para]) -> None:
    """Word writes each text box twice (DrawingML, then a VML fallback).  When the copy
    says the same, read it once and record where the copy is (``mirror_paragraph``)."""
    if not any(p.in_fallback for p in paras):
        return
    by_el = {p.element: p for p in paras}
    for alt in root.iter(MC_ALT):
        choice, fallback = alt.find(MC_CHOICE), alt.find(MC_FALLBACK)
        if choice is None or fallback is None:
            continue
        a = [by_el[e] for e in choice.iter(W_P) if e in by_el]
        b = [by_el[e] for e in fallback.iter(W_P) if e in by_el]
        if a and len(a) == len(b) and all(x.text == y.text and x.deleted == y.deleted for x, y in zip(a, b)):
            for x, y in zip(a, b):
                x.context.setdefault("mirror_paragraph", y.index)
                y.skip = True
