"""The Chinese catalogue: every user-facing message from one place, the code stays English."""

from __future__ import annotations

from reviewer import catalogue


def test_notices_are_worded_from_their_details():
    assert catalogue.message("comments", {"count": 1, "authors": ["王审核"]}) == "文件含 1 条批注（作者：王审核），已一并审查。"
    assert "未署名" in catalogue.message("comments", {"count": 2, "authors": []})
    assert catalogue.message("extension_mismatch", {"extension_format": "pdf", "content_format": "docx"}) \
        == "文件扩展名为 PDF，内容却是 DOCX，已按 DOCX 读取。"


def test_errors_are_chinese_and_never_the_english_fallback():
    assert "二进制" in catalogue.message("not_text", None, "The file holds binary data, not text")
    assert catalogue.message("no_such_code", None, "Some English sentence.") == "操作未能完成（no_such_code）。"
    assert catalogue.message("no_such_code", None, "已是中文的说明") == "已是中文的说明"
    assert "PNG 图片" in catalogue.message("unsupported_format", None, "This file is a PNG image, not a document")


def test_types_and_places():
    assert catalogue.type_label("person_name") == "姓名" and catalogue.type_label("warning_label") == "警示字样"
    assert catalogue.where({"part": "header", "paragraph": 0}) == "页眉 第 1 段"
    assert catalogue.where({"part": "body", "paragraph": 3}) == "正文 第 4 段"
    assert catalogue.where({"page": 2, "line": 5}) == "第 2 页 第 5 行"
    assert catalogue.where({"part": "properties"}) == "文件属性"


def test_the_batch_report_error_column_is_chinese(tmp_path):
    from reviewer.batch.report import write_html

    rows = [{"path": "a.txt", "errors": [{"code": "not_text", "message": "The file holds binary data, not text; upload a TXT, DOCX or PDF document.",
                                          "details": {}}], "findings": []}]
    write_html(rows, tmp_path, {"seconds": 1, "scanned": 1, "skipped": 0, "errors": 1})
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "二进制数据" in html and "not_text" in html and "binary data" not in html


def test_every_code_the_code_base_raises_has_chinese_words():
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(["grep", "-rhoE", r'code="[a-z_]+"|ApiError\([0-9]+, "[a-z_]+"|code = "[a-z_]+"',
                          "reviewer", "api", "--include=*.py"], cwd=root, capture_output=True, text=True).stdout
    codes = set(re.findall(r'"([a-z_]+)"', out))
    missing = sorted(c for c in codes if not catalogue.known(c) and not c.startswith("ner_model"))
    assert missing == []
