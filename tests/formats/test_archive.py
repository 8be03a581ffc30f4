"""A zip uploaded as one document: every member scanned with the same rules and redacted by its
own format; what cannot be scanned is named and left out of the published copy."""

from __future__ import annotations

import io
import zipfile

import pytest

from reviewer.errors import ReviewerError
from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import scan_document
from tests.formats.ofd_build import build_ofd
from tests.formats.xlsx_build import Sheet, build_xlsx

ID1 = "11010519491231002X"


def _zip(members: dict[str, bytes], stored: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bundle() -> bytes:
    return _zip({"正文.txt": f"关于张建国同志的情况说明\n身份证号码{ID1}，联系电话13812345678。\n".encode("gb18030"),
                 "附件/名单.xlsx": build_xlsx([Sheet("名单", [["姓名", "手机"], ["张建国", "13812345678"]])]),
                 "附件/公示.ofd": build_ofd([[(20, 20, "联系电话13812345678")]]),
                 "附件/程序.exe": b"MZ\x90\x00 not a document",
                 "inner.zip": _zip({"x.txt": b"hello"})})


def test_archive_every_member_scanned_with_its_location():
    doc = parse_bytes(_bundle(), "上报材料.zip")
    assert doc.metadata.format == "zip"
    found = {(f.type, f.location["member"], f.location.get("cell") or f.location.get("line") or f.location.get("page"))
             for f in scan_document(doc).findings}
    assert {("id_card", "正文.txt", 2), ("mobile", "附件/名单.xlsx", "B2"), ("mobile", "附件/公示.ofd", 1)} <= found
    skipped = {s["member"]: s["code"] for s in {w.code: w for w in doc.warnings}["archive_member_skipped"].details["members"]}
    assert skipped == {"附件/程序.exe": "unsupported_format", "inner.zip": "nested_archive"}


def test_archive_redacted_member_by_member_and_unscanned_members_left_out():
    doc = parse_bytes(_bundle(), "a.zip")
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert result.verified and result.format == "zip"
    assert set(result.log["verification"]["members"]) == {"正文.txt", "附件/名单.xlsx", "附件/公示.ofd"}
    z = zipfile.ZipFile(io.BytesIO(result.output))
    assert set(z.namelist()) == {"附件/公示.ofd", "附件/名单.xlsx", "正文.txt"}
    assert "138****5678" in z.read("正文.txt").decode("gb18030")
    out = parse_bytes(result.output, "b.zip")
    assert ID1 not in out.text and "13812345678" not in out.text


def test_archive_of_nothing_readable_is_refused():
    with pytest.raises(ReviewerError) as exc:
        parse_bytes(_zip({"a.exe": b"MZ\x90\x00"}), "x.zip")
    assert exc.value.code == "unsupported_format"


def test_a_stored_package_inside_an_archive_does_not_fool_the_sniffer():
    data = _zip({"名单.xlsx": build_xlsx([Sheet("名单", [["a"]])])})
    assert b"xl/workbook" in data                       # the inner names are visible in the bytes
    assert parse_bytes(data, "x.zip").metadata.format == "zip"
