"""PDF: remove the characters from the content streams, then clean the document.

For each page holding removed characters (their boxes come from the parser, one per
character), pdf_text.edit_page drops the glyphs from the page's content stream and
keeps the spacing; a black box is then drawn over each removed run.  A page that
cannot be edited safely (font without a usable Unicode map, Type3, text in a form
XObject, a character the decoder cannot account for) is rasterised instead
(pdf_raster.py) and the log says which page and why.

Whatever was found, the document loses: the document information dictionary, XMP
metadata (catalog, pages and every other object), annotations, attachments
(EmbeddedFiles), JavaScript, OpenAction/AA actions, forms (AcroForm), bookmarks
(outlines, whose titles can repeat removed text), the structure tree (its ActualText
and Alt can too) and page-piece data.  The file is written by a fresh full save:
no incremental update, no earlier revision, not linearised.
"""

from __future__ import annotations

import io
import time

import pikepdf

from reviewer.document import Document
from reviewer.errors import RedactionError
from reviewer.redaction.masks import reason_for
from reviewer.redaction.pdf_labels import add_labels
from reviewer.redaction.pdf_raster import render_pages, replace_with_image
from reviewer.redaction.pdf_text import PageRefused, Target, edit_page
from reviewer.redaction.plan import Removal

Box = tuple[float, float, float, float]


def _targets(doc: Document, removals: list[Removal]) -> dict[int, list[tuple[list[Target], Removal]]]:
    """Per page, the groups of target characters (one group per removed run and line)
    with the removal each belongs to."""
    pages: dict[int, list[tuple[list[Target], Removal]]] = {}
    for r in removals:
        for s, e in r.hidden_ranges():
            for b in doc.blocks_in(s, e):
                if b.part != "page" or not b.boxes:
                    continue
                pno = int(b.location.get("page", 0))
                group: list[Target] = []
                for i in range(max(s, b.start), min(e, b.end)):
                    box = b.boxes[i - b.start]
                    if box is None:
                        continue
                    t = Target(doc.text[i], tuple(box))
                    if group and not _same_line(group[-1].box, t.box):
                        pages.setdefault(pno, []).append((group, r))
                        group = []
                    group.append(t)
                if group:
                    pages.setdefault(pno, []).append((group, r))
    return pages


def _inherited(obj, key: str):
    """A page attribute, looked up through the page tree as PDF inheritance says."""
    for _ in range(64):
        if obj is None:
            return None
        if key in obj:
            return obj[key]
        obj = obj.get("/Parent")
    return None


def _same_line(a: Box, b: Box) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.3 * min(a[3] - a[1], b[3] - b[1], 1e9) and b[0] >= a[0] - 1


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _fill_ops(boxes: list[Box]) -> bytes:
    parts = [b"q 0 g"]
    for x0, y0, x1, y1 in boxes:
        parts.append(f"{x0:.3f} {y0:.3f} {x1 - x0:.3f} {y1 - y0:.3f} re f".encode())
    parts.append(b"Q\n")
    return b"\n".join(parts)


def _strip_marked_text(ops: list, resources) -> list:
    """Drop /ActualText and /Alt from marked-content properties (they repeat text), both
    inline and named in the page's /Properties resources."""
    named = resources.get("/Properties") if resources is not None else None
    out = []
    for operands, op in ops:
        if str(op) == "BDC" and len(operands) == 2:
            props = operands[1]
            if isinstance(props, pikepdf.Name) and named is not None and str(props) in named:
                target = named[str(props)]
                for key in ("/ActualText", "/Alt"):
                    if isinstance(target, pikepdf.Dictionary) and key in target:
                        del target[key]
            elif isinstance(props, pikepdf.Dictionary) and ("/ActualText" in props or "/Alt" in props):
                props = pikepdf.Dictionary({k: v for k, v in props.items() if k not in ("/ActualText", "/Alt")})
                operands = [operands[0], props]
        out.append((operands, op))
    return out


def _outlines_safe(root, sensitive) -> bool:
    """Bookmarks may stay when no title holds removed text and no entry runs a script."""
    node = root.Outlines.get("/First") if isinstance(root.Outlines, pikepdf.Dictionary) else None
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if item is None or not isinstance(item, pikepdf.Dictionary):
            continue
        key = item.objgen if item.is_indirect else id(item)
        if key in seen:
            continue            # a loop in a malformed tree
        if len(seen) > 20000:
            return False
        seen.add(key)
        title = item.get("/Title")
        if title is not None and sensitive(str(title)):
            return False
        action = item.get("/A")
        if isinstance(action, pikepdf.Dictionary) and str(action.get("/S", "")) not in ("/GoTo", "/URI"):
            return False
        stack.extend([item.get("/Next"), item.get("/First")])
    return True


def clean_document(pdf: pikepdf.Pdf, sensitive=lambda text: True) -> list[str]:
    """Remove metadata, annotations, attachments, scripts and actions; say what went.

    Bookmarks (outlines) stay unless ``sensitive`` finds removed text in a title or an
    entry does more than go to a page or a web address."""
    cleaned: list[str] = []
    if "/Outlines" in pdf.Root:
        try:
            if not _outlines_safe(pdf.Root, sensitive):
                del pdf.Root["/Outlines"]
                cleaned.append("书签（含删除内容或脚本）")
        except Exception:  # a malformed outline tree: drop it rather than guess
            del pdf.Root["/Outlines"]
            cleaned.append("书签（结构损坏）")
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
        cleaned.append("文档信息（标题、作者、创建程序等）")
    root = pdf.Root
    for key, what in (("/Metadata", "XMP 元数据"), ("/OpenAction", "打开动作"), ("/AA", "文档级动作"),
                      ("/AF", "关联文件（附件）"),
                      ("/AcroForm", "表单"), ("/StructTreeRoot", "结构树（含替代文本）"),
                      ("/PieceInfo", "应用程序私有数据"), ("/SpiderInfo", "网页抓取信息")):
        if key in root:
            del root[key]
            cleaned.append(what)
    if "/Names" in root:
        names = root.Names
        for key, what in (("/EmbeddedFiles", "附件"), ("/JavaScript", "JavaScript 脚本")):
            if key in names:
                del names[key]
                cleaned.append(what)
        if not any(k in names for k in ("/Dests",)):
            del root["/Names"]
    if "/MarkInfo" in root:
        del root["/MarkInfo"]
    if "/PageMode" in root and (str(root.PageMode) == "/UseAttachments"
                                or (str(root.PageMode) == "/UseOutlines" and "/Outlines" not in root)):
        del root["/PageMode"]
    annots = 0
    for page in pdf.pages:
        obj = page.obj
        if "/Annots" in obj:
            annots += len(obj.Annots)
            del obj["/Annots"]
        for key in ("/AA", "/Metadata", "/PieceInfo", "/Thumb", "/StructParents", "/AF"):
            if key in obj:
                del obj[key]
    if annots:
        cleaned.append(f"注释 {annots} 个")
    meta = 0
    for o in pdf.objects:
        if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream)) and "/Metadata" in o:
            try:
                del o["/Metadata"]
                meta += 1
            except Exception:
                pass
    if meta:
        cleaned.append(f"对象级元数据 {meta} 处")
    return cleaned


def _sensitive_test(removals: list[Removal]):
    from reviewer.redaction.plan import needle_strings
    from reviewer.redaction.verify import compact

    forms = set()
    for text in needle_strings(removals):
        c = compact(text)
        digits = "".join(ch for ch in c if ch.isdigit())
        forms.update(x for x in (c, digits if len(digits) >= 6 else "") if x)
    return lambda value: any(f in compact(value) for f in forms)


def _source_warnings(doc: Document) -> list[str]:
    """What the parser could not read is not redacted either: say so in the log."""
    out = []
    for n in doc.warnings:
        pages = "、".join(str(p) for p in (n.details.get("pages") or [])[:20])
        if n.code == "page_without_text":
            out.append(f"第{pages}页无文字层（扫描件或以图形绘制的文字），其中内容未经审查和处理")
        elif n.code == "garbled_text":
            out.append(f"第{pages}页的文字无法识别（字体缺少 Unicode 映射），其中内容未经审查")
        elif n.code == "earlier_revisions":
            out.append(f"原件含 {n.details.get('revisions')} 个早期修订版本（增量更新），其中 {n.details.get('lines')} "
                       "处文字已不在当前版本中（已一并审查）；公开版本为全新保存，不含这些早期版本")
    return out


def expected_page_chars(doc: Document, removals: list[Removal], engine: dict | None = None) -> dict[int, int]:
    """Per page, the non-space characters the output's text layer should still hold: the
    parser's, less the removed ones; none on a rasterised page (it is a picture now).
    Characters without a Unicode mapping (U+FFFD) are not counted: extractors differ there."""
    hidden = bytearray(len(doc.text))
    for r in removals:
        for s, e in r.hidden_ranges():
            hidden[s:e] = b"\1" * (e - s)
    raster = {p["page"] for p in (engine or {}).get("rasterised_pages", [])}
    out: dict[int, int] = {}
    for b in doc.blocks:
        if b.part != "page":
            continue
        pno = int(b.location.get("page", 0))
        n = sum(1 for i in range(b.start, b.end)
                if not hidden[i] and not doc.text[i].isspace() and doc.text[i] != "\ufffd")
        out[pno] = out.get(pno, 0) + (0 if pno in raster else n)
    for pno in range(1, (doc.metadata.pages or 0) + 1):
        out.setdefault(pno, 0)
    return out


def redact_pdf(doc: Document, removals: list[Removal]) -> tuple[bytes, dict]:
    t0 = time.perf_counter()
    try:
        pdf = pikepdf.open(io.BytesIO(doc.source))
    except pikepdf.PasswordError:
        raise RedactionError("The PDF needs a password to open; remove it first.", code="encrypted_file") from None
    was_encrypted = pdf.is_encrypted
    groups_by_page = _targets(doc, removals)
    edited: list[int] = []
    raster: dict[int, str] = {}
    raster_zh: dict[int, str] = {}
    glyphs = labels = labels_missed = over = 0
    for pno in sorted(groups_by_page):
        if not 1 <= pno <= len(pdf.pages):
            raise RedactionError(f"The parser placed text on page {pno}, which the file does not have.",
                                 code="page_mismatch")
        groups = groups_by_page[pno]
        targets = [t for g, _ in groups for t in g]
        page = pdf.pages[pno - 1]
        resources = _inherited(page.obj, "/Resources")
        if resources is not None and "/Resources" not in page.obj:
            page.obj.Resources = resources  # the edit may add a form copy: keep it on this page
        try:
            ops, n, extra = edit_page(pdf, page, targets, resources)
        except PageRefused as exc:
            raster[pno], raster_zh[pno] = exc.reason, exc.reason_zh
            continue
        boxes = [_union(list(t.matched[0] if t.matched else t.box for t in g)) for g, _ in groups]
        # Close whatever the page left open (a q without Q) so the boxes are drawn in page space.
        depth = 0
        for _, op in ops:
            depth = depth + 1 if str(op) == "q" else max(depth - 1, 0) if str(op) == "Q" else depth
        body = pikepdf.unparse_content_stream(_strip_marked_text(ops, resources))
        content = b"q\n" + body + b"\n" + b"Q\n" * (depth + 1) + _fill_ops(boxes)
        page.obj.Contents = pdf.make_stream(content)
        edited.append(pno)
        glyphs += n
        over += extra
        wanted = [(box, reason_for(r.category, r.type)) for box, (_, r) in zip(boxes, groups) if r.mask.mode == "label"]
        if wanted:
            mediabox = _inherited(page.obj, "/MediaBox") or page.mediabox
            labels += add_labels(pdf, page, mediabox, wanted)
            labels_missed += len(wanted)
    labels_missed -= labels
    if raster:
        want = {p: [_union([t.box for t in g]) for g, _ in groups_by_page[p]] for p in raster}
        for pno, (jpeg, w, h) in render_pages(doc.source, want).items():
            page = pdf.pages[pno - 1]
            box = _inherited(page.obj, "/CropBox") or _inherited(page.obj, "/MediaBox")
            cropbox = tuple(float(v) for v in (box if box is not None else page.mediabox))
            replace_with_image(pdf, pno, jpeg, w, h, cropbox)
    cleaned = clean_document(pdf, _sensitive_test(removals))
    if was_encrypted:
        cleaned.append("加密及权限限制（输出文件不加密）")
    pdf.remove_unreferenced_resources()
    out = io.BytesIO()
    pdf.save(out, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
             deterministic_id=True, fix_metadata_version=False)
    pdf.close()
    engine = {
        "edited_pages": edited,
        "glyphs_removed": glyphs,
        "ligature_chars_also_removed": over,
        "rasterised_pages": [{"page": p, "reason": raster[p], "reason_zh": raster_zh[p]} for p in sorted(raster)],
        "cleaned": cleaned,
        "warnings": _source_warnings(doc),
        "labels_drawn": labels,
        "labels_too_small": labels_missed,
        "save": "full rewrite (no incremental update, not linearised)",
        "seconds": round(time.perf_counter() - t0, 4),
    }
    return out.getvalue(), engine
