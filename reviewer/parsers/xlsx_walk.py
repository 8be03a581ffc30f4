"""Every place of an XLSX workbook that holds text, in one fixed order: the *carriers*.

The parser (xlsx_parser.py) reads each carrier into a block; the redactor
(reviewer/redaction/xlsx.py) walks the same trees with this same code, checks that each
carrier still holds the block's text and writes the masked text back through it.  The
independent check of the output does not use this module (verify_xlsx.py).

Carriers, in order:

* ``xl/workbook.xml``: sheet names (``sheet_name``), defined names (``defined_name``);
* each worksheet, in workbook order: every cell with a value (``table``: shared strings,
  inline strings, numbers, booleans, errors, formulas' cached values), each formula's text
  (``formula``), header/footer texts (``header``/``footer``), data validation lists
  (``data_validation``), hyperlink display/tooltip/location (``link``);
* comments (legacy ``xl/comments*.xml`` → ``comment``, authors too) and threaded comments;
* every other XML member (docProps → ``properties``, pivot caches → ``pivot_cache``, external
  links → ``external_link``, charts, drawings, tables, connections …): its text nodes and
  the attribute values that look like content (CJK, 6+ digits, ``@``, URLs, ``tel:``);
* every ``.rels``: external targets (``link``).

Shared strings no cell refers to are carriers of their own (``other``, kind ``shared_string``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TC_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
M = f"{{{NS}}}"
HEADER_TAGS = ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_CONTENTY = re.compile(r"[^\x00-\x7f]|\d{6}|@|://|^(tel|mailto|sms):|(?i:password|pwd=|uid=|user id=)")


@dataclass
class Carrier:
    part: str
    xml_part: str
    loc: dict[str, Any]
    get: Callable[[], str]
    set: Callable[[str], None]
    meta: dict[str, Any] = field(default_factory=dict)


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def split_ref(ref: str) -> tuple[int, int] | None:
    m = _REF.match(ref or "")
    if not m:
        return None
    return int(m.group(2)) - 1, col_index(m.group(1))


def rich_text(el) -> str:
    """The text of a shared string / inline string / comment: its ``t`` elements, without the
    phonetic runs (``rPh``)."""
    if el is None:
        return ""
    out = []
    for t in el.iter(f"{M}t"):
        parent = t.getparent()
        if parent is not None and parent.tag == f"{M}rPh":
            continue
        out.append(t.text or "")
    return "".join(out)


def set_rich_text(el, text: str) -> None:
    """Replace the children of ``el`` with one ``t`` holding ``text``."""
    for child in list(el):
        el.remove(child)
    t = el.makeelement(f"{M}t", {})
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    el.append(t)


def _text_carrier(part, name, el, loc, meta=None) -> Carrier:
    def get():
        return el.text or ""

    def put(v):
        el.text = v
    return Carrier(part, name, loc, get, put, meta or {})


def _attr_carrier(part, name, el, attr, loc) -> Carrier:
    def get():
        return el.get(attr) or ""

    def put(v):
        el.set(attr, v)
    return Carrier(part, name, loc, get, put)


class SharedStrings:
    dates = None          # reviewer.parsers.xlsx_dates.DateStyles, when the workbook has styles

    def __init__(self, root):
        self.root = root
        self.items = list(root.iter(f"{M}si")) if root is not None else []
        self.refs = [0] * len(self.items)

    def text(self, i: int) -> str:
        return rich_text(self.items[i]) if 0 <= i < len(self.items) else ""


def _cell_carrier(name, c, sst: SharedStrings, loc, changed: set) -> Carrier | None:
    t = c.get("t") or "n"
    v = c.find(f"{M}v")
    if t == "inlineStr":
        is_ = c.find(f"{M}is")
        if is_ is None:
            return None
        value, kind = rich_text(is_), "inline"
    elif t == "s":
        if v is None or not (v.text or "").strip().isdigit():
            return None
        idx = int(v.text.strip())
        if not 0 <= idx < len(sst.items):
            return None
        sst.refs[idx] += 1
        value, kind = sst.text(idx), "shared"
    else:
        if v is None or not v.text:
            return None
        value, kind = v.text, ("formula" if c.find(f"{M}f") is not None else "value")
        shown = sst.dates.show(c.get("s"), value) if t == "n" and sst.dates is not None else None
        if shown is not None:
            value, kind = shown, "date"     # a date as the sheet shows it (出生日期 1990-03-07), not 32939

    def get():
        return value

    def put(new):
        if new == value:
            return
        if t == "s":
            sst.refs[int(c.find(f"{M}v").text.strip())] -= 1
        for child in list(c):
            if child.tag in (f"{M}v", f"{M}f", f"{M}is"):
                if child.tag == f"{M}f":
                    _formula_gone(child, name, changed)
                c.remove(child)
        c.set("t", "inlineStr")
        is_ = c.makeelement(f"{M}is", {})
        set_rich_text(is_, new)
        c.append(is_)
    return Carrier("table", name, dict(loc, kind=kind), get, put)


def _formula_gone(f, name: str, changed: set) -> None:
    """Note a removed formula; a shared formula's master takes its dependents with it."""
    changed.add("formula_removed")
    if f.get("t") == "shared" and f.get("si") is not None:
        changed.add(("shared_formula", name, f.get("si")))


def drop_orphan_shared_formulas(trees: dict, changed: set) -> int:
    """Remove the dependents (``<f t="shared" si=…/>``) of shared formulas whose master went:
    they would point at nothing (Excel repairs such a file).  Their cached values stay."""
    n = 0
    for item in changed:
        if not (isinstance(item, tuple) and item[0] == "shared_formula"):
            continue
        _, name, si = item
        for f in list(trees[name].iter(f"{M}f")):
            if f.get("t") == "shared" and f.get("si") == si:
                f.getparent().remove(f)
                n += 1
    return n


def walk_sheet(name: str, root, sheet: str, index: int, state: str, sst: SharedStrings, changed: set,
               hidden_out: dict, deadline=None) -> list[Carrier]:
    out: list[Carrier] = []
    hidden_cols: set[int] = set()
    for col in root.iter(f"{M}col"):
        if col.get("hidden") in ("1", "true"):
            try:
                hidden_cols.update(range(int(col.get("min")) - 1, int(col.get("max"))))
            except (TypeError, ValueError):
                pass
    hidden_rows = 0
    for n_row, row in enumerate(root.iter(f"{M}row")):
        if deadline is not None and n_row % 2000 == 1999:
            deadline.check()
        row_hidden = row.get("hidden") in ("1", "true")
        hidden_rows += row_hidden
        for c in row.iter(f"{M}c"):
            ref = c.get("r") or ""
            rc = split_ref(ref)
            if rc is None:
                continue
            loc = {"sheet": sheet, "cell": ref, "row": rc[0], "col": rc[1], "table": index}
            if row_hidden or rc[1] in hidden_cols or state != "visible":
                loc["hidden"] = True
            car = _cell_carrier(name, c, sst, loc, changed)
            if car is not None:
                out.append(car)
            f = c.find(f"{M}f")
            if f is not None and (f.text or "").strip():
                def drop(v, c=c, f=f):
                    if f.getparent() is c:
                        _formula_gone(f, name, changed)
                        c.remove(f)
                out.append(Carrier("formula", name, {"sheet": sheet, "cell": ref},
                                   lambda f=f: f.text or "", drop))
    if hidden_rows or hidden_cols:
        hidden_out[sheet] = {"rows": hidden_rows, "cols": len(hidden_cols)}
    for tag in HEADER_TAGS:
        for el in root.iter(f"{M}{tag}"):
            out.append(_text_carrier("header" if "Header" in tag else "footer", name, el,
                                     {"sheet": sheet, "kind": tag}))
    for dv in root.iter(f"{M}dataValidation"):
        for tag in ("formula1", "formula2"):
            el = dv.find(f"{M}{tag}")
            if el is not None and el.text:
                out.append(_text_carrier("data_validation", name, el, {"sheet": sheet, "sqref": dv.get("sqref")}))
        for attr in ("promptTitle", "prompt", "errorTitle", "error"):
            if dv.get(attr):
                out.append(_attr_carrier("data_validation", name, dv, attr, {"sheet": sheet, "sqref": dv.get("sqref")}))
    for hl in root.iter(f"{M}hyperlink"):
        for attr in ("display", "tooltip", "location"):
            if hl.get(attr):
                out.append(_attr_carrier("link", name, hl, attr, {"sheet": sheet, "cell": hl.get("ref")}))
    return out


def walk_workbook(root, name: str) -> list[Carrier]:
    out = []
    for sh in root.iter(f"{M}sheet"):
        out.append(_attr_carrier("sheet_name", name, sh, "name", {"sheet": sh.get("name"),
                                                                  "state": sh.get("state") or "visible"}))
    for dn in root.iter(f"{M}definedName"):
        if dn.text:
            out.append(_text_carrier("defined_name", name, dn, {"name": dn.get("name")}))
    return out


def walk_comments(root, name: str, sheet: str | None) -> list[Carrier]:
    out = []
    authors = [a for a in root.iter(f"{M}author")]
    for a in authors:
        if a.text:
            out.append(_text_carrier("comment", name, a, {"sheet": sheet, "kind": "author"}))
    for cm in root.iter(f"{M}comment"):
        text_el = cm.find(f"{M}text")
        if text_el is None:
            continue
        ref = cm.get("ref")
        loc = {"sheet": sheet, "cell": ref, "kind": "note"}

        def get(el=text_el):
            return rich_text(el)

        def put(v, el=text_el):
            set_rich_text(el, v)
        out.append(Carrier("comment", name, loc, get, put))
    return out


def _generic_part(name: str) -> str:
    low = name.lower()
    if low.startswith("docprops/"):
        return "properties"
    if "pivotcache" in low or "pivottable" in low:
        return "pivot_cache"
    if "externallink" in low:
        return "external_link"
    if "threadedcomment" in low or "/persons/" in low:
        return "comment"
    if "/charts/" in low:
        return "chart"
    if "/drawings/" in low:
        return "drawing"
    return "other"


def walk_generic(root, name: str) -> list[Carrier]:
    """Text nodes and content-like attribute values of any other XML member."""
    part = _generic_part(name)
    out = []
    if name.endswith(".rels"):
        for el in root.iter(f"{{{REL_NS}}}Relationship"):
            if (el.get("TargetMode") or "").lower() == "external" and el.get("Target"):
                out.append(_attr_carrier("link", name, el, "Target", {"type": (el.get("Type") or "").rsplit("/", 1)[-1]}))
        return out
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.text.strip():
            out.append(_text_carrier(part, name, el, {"element": el.tag.rsplit("}", 1)[-1]}))
        for attr, value in el.attrib.items():
            if value and _CONTENTY.search(value) and not attr.startswith("{http://www.w3.org"):
                out.append(_attr_carrier(part, name, el, attr, {"element": el.tag.rsplit("}", 1)[-1],
                                                                "attribute": attr.rsplit("}", 1)[-1]}))
    return out


def orphan_strings(sst: SharedStrings, name: str) -> list[Carrier]:
    """Shared strings no cell refers to: they ship with the file all the same."""
    out = []
    for i, si in enumerate(sst.items):
        if sst.refs[i] == 0 and rich_text(si):
            def get(si=si):
                return rich_text(si)

            def put(v, si=si):
                set_rich_text(si, v)
            out.append(Carrier("other", name, {"kind": "shared_string", "index": i}, get, put))
    return out


SKIP = ("[Content_Types].xml", "xl/styles.xml", "xl/calcChain.xml")


@dataclass
class Walk:
    trees: dict[str, Any]
    carriers: list[Carrier]
    sst: SharedStrings | None
    sst_name: str | None
    sheets: list[dict]                     # {name, state, xml_part}
    hidden: dict[str, dict]                # sheet -> {rows, cols}
    changed: set
    binaries: list[str]                    # members that are not XML (macros, pictures …)


def walk(pkg, parser, deadline=None) -> Walk:
    """Read every member of ``pkg`` (a reviewer.parsers.ooxml_package.Package) into carriers."""
    trees: dict[str, Any] = {}

    def tree(name):
        if name not in trees:
            trees[name] = pkg.xml(name, parser)
        return trees[name]

    main = next((r.target for r in pkg.rels("", parser) if r.short_type == "officeDocument"), "xl/workbook.xml")
    if not pkg.has(main):
        from reviewer.errors import CorruptFileError

        raise CorruptFileError("The workbook has no workbook part (xl/workbook.xml).")
    wb = tree(main)
    wb_rels = {r.id: r for r in pkg.rels(main, parser)}
    sst_name = next((r.target for r in wb_rels.values() if r.short_type == "sharedStrings" and pkg.has(r.target)), None)
    sst = SharedStrings(tree(sst_name) if sst_name else None)
    styles = next((r.target for r in wb_rels.values() if r.short_type == "styles" and pkg.has(r.target)), None)
    if styles:
        pr = wb.find(f"{M}workbookPr")
        from reviewer.parsers.xlsx_dates import DateStyles

        sst.dates = DateStyles(tree(styles), pr is not None and pr.get("date1904") in ("1", "true"))
    changed: set = set()
    carriers = walk_workbook(wb, main)
    sheets, hidden = [], {}
    for i, sh in enumerate(wb.iter(f"{M}sheet")):
        rel = wb_rels.get(sh.get(f"{{{R_NS}}}id") or "")
        if rel is None or rel.short_type != "worksheet" or not pkg.has(rel.target):
            continue
        title, state = sh.get("name") or f"Sheet{i + 1}", sh.get("state") or "visible"
        sheets.append({"name": title, "state": state, "xml_part": rel.target})
        carriers += walk_sheet(rel.target, tree(rel.target), title, len(sheets) - 1, state, sst, changed, hidden,
                               deadline)
        for r in pkg.rels(rel.target, parser):
            if r.external or not pkg.has(r.target):
                continue
            if r.short_type == "comments":
                carriers += walk_comments(tree(r.target), r.target, title)
        if deadline is not None:
            deadline.check()
    if sst_name:
        carriers += orphan_strings(sst, sst_name)
    done = {main, sst_name, *(s["xml_part"] for s in sheets)} | {c.xml_part for c in carriers}
    binaries = []
    for name in sorted(pkg.names):
        if name in done or name in SKIP or name.endswith("/") or name.startswith("xl/theme/"):
            continue
        if name.endswith((".xml", ".rels", ".vml")):
            try:
                carriers += walk_generic(tree(name), name)
            except Exception:        # a VML drawing that is not XML: checked by the verifier
                if not name.endswith(".vml"):
                    raise
        else:
            binaries.append(name)
    return Walk(trees, carriers, sst if sst_name else None, sst_name, sheets, hidden, changed, binaries)
