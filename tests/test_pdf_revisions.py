"""Earlier revisions of a PDF (incremental updates): their text is read and reported."""

import io
import re

import pikepdf
import pytest

from reviewer.parsers import parse_bytes
from reviewer.parsers.pdf_revisions import revision_ends

pdfw = pytest.importorskip("reviewer.synth.pdf_writer")
if not pdfw.have_cjk_font():
    pytest.skip("no CJK TrueType font installed (scripts/system-deps.sh)", allow_module_level=True)

ID_A = "11010519491231002X"
MOBILE = "13812345678"
BODY = [f"经审核，申请人王某某（身份证号{ID_A}，联系电话{MOBILE}）符合条件，现予公示。",
        "公示期为七个工作日，如有异议请向县民政局反映。"]


def _without_digits(data: bytes) -> tuple[bytes, int, bytes]:
    """Page 1's content with every string in the Latin (digit) font left out, its page
    object number and the page dictionary pointing at a new content object."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        latin = {str(k) for k, f in page.Resources.Font.items()
                 if not any(n in str(f.get("/BaseFont", "")) for n in ("Droid", "WenQuanYi", "wqy", "Ming", "Kai"))}
        ops, font = [], None
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "Tf":
                font = str(operands[0])
            if str(op) in ("Tj", "TJ", "'", '"') and font in latin:
                continue
            ops.append((operands, op))
        content = pikepdf.unparse_content_stream(ops)
        size = int(pdf.trailer.Size)
        page_num = page.obj.objgen[0]
        page_dict = re.sub(rb"/Contents\s+\d+\s+0\s+R", f"/Contents {size} 0 R".encode(), page.obj.unparse(resolved=True))
        root_ref = f"{pdf.Root.objgen[0]} 0 R"
    return content, page_num, page_dict, size, root_ref


def incremental_update(data: bytes) -> bytes:
    """Append a revision whose page 1 no longer shows the digits (the old one stays in the bytes)."""
    content, page_num, page_dict, size, root_ref = _without_digits(data)
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    body = data if data.endswith(b"\n") else data + b"\n"
    stream_at = len(body)
    stream = f"{size} 0 obj\n<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream\nendobj\n"
    page_at = stream_at + len(stream)
    page = f"{page_num} 0 obj\n".encode() + page_dict + b"\nendobj\n"
    xref_at = page_at + len(page)
    xref = (f"xref\n0 1\n0000000000 65535 f \n{page_num} 1\n{page_at:010d} 00000 n \n{size} 1\n"
            f"{stream_at:010d} 00000 n \ntrailer\n<< /Size {size + 1} /Root {root_ref} /Prev {prev} >>\n"
            f"startxref\n{xref_at}\n%%EOF\n").encode()
    return body + stream + page + xref


def test_pdf_text_of_an_earlier_revision_is_read_and_reported():
    updated = incremental_update(pdfw.build_pdf([pdfw.Page(BODY)]))
    assert len(revision_ends(updated)) == 1
    doc = parse_bytes(updated, "inc.pdf")
    page_text = "".join(doc.text[b.start:b.end] for b in doc.blocks if b.part == "page")
    assert ID_A not in page_text and "公示期为七个工作日" in page_text        # the current revision
    revision = [(b.location, doc.text[b.start:b.end]) for b in doc.blocks if b.part == "revision"]
    assert any(ID_A in t and loc["revision"] == 1 and loc["page"] == 1 for loc, t in revision)
    assert not any("公示期为七个工作日" in t for _, t in revision)            # unchanged lines are not repeated
    (w,) = [w for w in doc.warnings if w.code == "earlier_revisions"]
    assert w.details["revisions"] == 1 and w.details["pages"] == [1] and w.details["lines"] >= 1


def test_pdf_earlier_revision_findings_are_scanned_and_the_redacted_copy_has_none():
    from reviewer.redaction import redact_document
    from reviewer.scan import scan_document

    doc = parse_bytes(incremental_update(pdfw.build_pdf([pdfw.Page(BODY)])), "inc.pdf")
    fs = scan_document(doc).findings
    ids = [f for f in fs if f.text == ID_A]
    assert ids and all(f.location["part"] == "revision" for f in ids)
    res = redact_document(doc, fs, accept_all=True)
    assert res.output.count(b"%%EOF") == 1 and b"/Prev" not in res.output
    assert any("早期修订" in w for w in res.log["engine"]["warnings"])


def test_pdf_without_updates_and_linearised_files_have_no_earlier_revision():
    data = pdfw.build_pdf([pdfw.Page(BODY)])
    assert revision_ends(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        buf = io.BytesIO()
        pdf.save(buf, linearize=True)
    lin = buf.getvalue()
    assert lin.count(b"%%EOF") == 2 and revision_ends(lin) == []
    doc = parse_bytes(lin, "lin.pdf")
    assert not [w for w in doc.warnings if w.code == "earlier_revisions"]
    assert not [b for b in doc.blocks if b.part == "revision"]


def test_pdf_earlier_revision_text_counts_towards_max_chars():
    from reviewer.errors import LimitExceededError
    from reviewer.settings import Limits

    updated = incremental_update(pdfw.build_pdf([pdfw.Page(BODY)]))
    current = len(parse_bytes(updated, "inc.pdf").text)
    revision = sum(b.end - b.start + 1 for b in parse_bytes(updated, "inc.pdf").blocks if b.part == "revision")
    with pytest.raises(LimitExceededError) as exc:
        parse_bytes(updated, "inc.pdf", limits=Limits(max_chars=current - revision + 5))
    assert exc.value.details["limit"] == "max_chars"
