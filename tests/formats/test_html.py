"""HTML: text, attributes, comments, scripts and meta tags read, redacted in the page source."""

from __future__ import annotations

import pytest

from reviewer.parsers import parse_bytes
from reviewer.redaction import redact_document
from reviewer.scan import scan_document

ID1 = "11010519491231002X"
PAGE = f'''<!DOCTYPE html><html><head><meta charset="utf-8"><title>公示</title>
<meta name="description" content="经办人手机 13700001111"></head><body>
<!-- 内部备注：申请人身份证{ID1} -->
<p>申请人：&#x5F20;建国，联系电话：<b>138</b>12345678</p>
<img src="a.png" alt="李秀英身份证照片" title="电话13987654321" data-phone="13312345678">
<a href="tel:13612345678">拨打</a> <a href="/x?mobile=13512345678">查询</a> <a href="/files/名单.xlsx">附件</a>
<script>var data = {{"phone": "13412345678"}};</script>
</body></html>'''

PLACES = [("13700001111", "meta"), (ID1, "html_comment"), ("13812345678", "body"), ("13987654321", "html_attribute"),
          ("13312345678", "html_attribute"), ("13612345678", "link"), ("13512345678", "link"),
          ("13412345678", "script")]


def test_html_every_place_read_with_its_location():
    doc = parse_bytes(PAGE.encode(), "page.txt")
    assert doc.metadata.format == "html"
    for value, part in PLACES:
        i = doc.text.index(value)
        assert doc.location_of(i, i + len(value))["part"] == part, value
    assert "张建国" in doc.text                                     # a character reference decoded
    assert "13812345678" in doc.text                                # <b> does not split the number
    w = {n.code: n for n in doc.warnings}["linked_attachments"]
    assert w.details["links"] == ["/files/名单.xlsx"]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html_redacted_in_place_and_verified(encoding):
    page = PAGE.replace('charset="utf-8"', f'charset="{encoding}"')
    doc = parse_bytes(page.encode(encoding), "page.html")
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert result.verified and result.format == "html"
    out = result.output.decode(encoding)
    for value, _part in PLACES:
        assert value not in out
    assert 'href="tel:136****5678"' in out and "<b>138</b>****5678" in out
    assert out.count("<") == page.count("<")                        # the markup is unchanged


def test_prose_mentioning_a_tag_stays_txt():
    assert parse_bytes("通知\n请在网页 <body> 中加入说明。\n".encode(), "a.txt").metadata.format == "txt"


@pytest.mark.parametrize("bad", ['<p title="x' * 20000, "<a " * 100000, "<script>" * 50000, "<!--" * 50000,
                                 "&#x" * 100000, "</a " * 50000])
def test_html_hostile_pages_stay_linear(bad):
    import time

    t = time.monotonic()
    doc = parse_bytes(("<html><body>" + bad).encode(), "h.html")
    assert doc.metadata.format == "html" and time.monotonic() - t < 10


def test_html_style_content_and_srcdoc_are_read():
    page = ('<html><head><style>.tel::after { content: "13812345678"; }</style></head><body>'
            '<iframe srcdoc="&lt;p&gt;13987654321&lt;/p&gt;"></iframe></body></html>')
    doc = parse_bytes(page.encode(), "s.html")
    for value, part in (("13812345678", "script"), ("13987654321", "html_attribute")):
        i = doc.text.index(value)
        assert doc.location_of(i, i + 11)["part"] == part
    result = redact_document(doc, scan_document(doc).findings, accept_all=True)
    assert b"13812345678" not in result.output and b"13987654321" not in result.output
