"""The batch report lists the files with pages OCR could not read, in Chinese."""

from __future__ import annotations

from reviewer.batch.report import write_html


def test_batch_report_lists_unreadable_pages(tmp_path):
    row = {"path": "扫描件.pdf", "format": "pdf", "findings": [], "errors": [], "chars": 10,
           "warnings": [{"code": "ocr_unreadable", "message": "第2页（识别置信度低于下限）无法可靠识别，其中内容未经审查。",
                         "details": {"pages": [2], "blocking": True}}]}
    clean = {"path": "正文.pdf", "format": "pdf", "findings": [], "errors": [], "chars": 10, "warnings": []}
    write_html([row, clean], tmp_path, {})
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="ocr-unreadable"' in html and "须人工核对的页面" in html
    section = html[html.index('id="ocr-unreadable"'):html.index("无法读取的文件")]
    assert "扫描件.pdf" in section and "正文.pdf" not in section and ">2<" in section
    write_html([clean], tmp_path, {})
    assert 'id="ocr-unreadable"' not in (tmp_path / "report.html").read_text(encoding="utf-8")
