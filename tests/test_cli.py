"""`reviewer scan` as a user runs it: output modes, exit codes, errors in the JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TXT = ROOT / "samples" / "txt"
GOOD = [TXT / "01_notice_proactive.txt", TXT / "02_dibao_gongshi_gb18030.txt", TXT / "04_internal_secret_gb18030.txt"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("REVIEWER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args], cwd=ROOT, capture_output=True,
                          timeout=120, env=full_env)


def test_cli_jsonl_one_object_per_line_in_order():
    p = run("scan", "--jsonl", *map(str, GOOD))
    assert p.returncode == 0, p.stderr
    lines = p.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(GOOD)
    objs = [json.loads(line) for line in lines]
    assert [o["path"] for o in objs] == [str(g) for g in GOOD]
    assert [o["encoding"] for o in objs] == ["utf-8", "gb18030", "gb18030"]
    assert objs[2]["structure"]["secrecy_line"] == "机密★5年"


def test_cli_json_array_for_several_files_and_exit_3_for_one_bad_file(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + b"word/document.xml" + bytes(range(200)))
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    p = run("scan", "--json", str(GOOD[0]), str(bad), str(png), str(GOOD[1]))
    assert p.returncode == 3
    out = json.loads(p.stdout.decode("utf-8"))
    assert isinstance(out, list) and len(out) == 4
    assert out[0]["errors"] == [] and out[3]["errors"] == []
    for r, code in ((out[1], "corrupt_file"), (out[2], "unsupported_format")):
        assert r["path"].endswith((".docx", ".txt"))
        assert len(r["errors"]) == 1
        err = r["errors"][0]
        assert err["code"] == code and isinstance(err["message"], str) and err["message"]
        assert str(tmp_path) not in err["message"]  # no server path in a message
        assert r["findings"] == [] and r["structure"] == {} and r["chars"] == 0
        assert len(r["sha256"]) == 64
    assert b"Traceback" not in p.stderr


def test_cli_single_file_json_is_an_object():
    p = run("scan", "--json", str(GOOD[0]))
    assert p.returncode == 0
    out = json.loads(p.stdout.decode("utf-8"))
    assert isinstance(out, dict)
    assert out["structure"]["doc_number"] == "某府办发〔2024〕12号"
    assert out["declared_attribute"] == "proactive"


def test_cli_missing_file_and_limits_are_errors_not_tracebacks(tmp_path):
    p = run("scan", "--jsonl", str(tmp_path / "nope.txt"), str(GOOD[0]), env={"REVIEWER_MAX_FILE_BYTES": "600"})
    assert p.returncode == 3
    first, second = (json.loads(line) for line in p.stdout.decode("utf-8").splitlines())
    assert first["errors"][0]["code"] == "file_not_found"
    assert second["errors"][0]["code"] == "limit_exceeded"  # 1124 bytes > 600
    assert b"Traceback" not in p.stderr


@pytest.mark.parametrize("args", [
    ("scan",),                      # no path
    ("scan", "--bogus", "a.txt"),   # unknown flag
    ("scan", "--json", "--jsonl", "a.txt"),
    (),                             # no command
])
def test_cli_usage_errors_exit_2(args):
    p = run(*args)
    assert p.returncode == 2
    assert p.stdout == b""
    assert b"usage" in p.stderr.lower()


def test_cli_bad_limit_setting_exit_2():
    p = run("scan", str(GOOD[0]), env={"REVIEWER_MAX_PAGES": "lots"})
    assert p.returncode == 2
    assert "REVIEWER_MAX_PAGES" in p.stderr.decode("utf-8")


def test_cli_summary_mode_shows_structure():
    p = run("scan", str(TXT / "03_request_qingshi.txt"))
    assert p.returncode == 0
    out = p.stdout.decode("utf-8")
    assert "某府〔2024〕35号" in out and "not_public" in out


def test_cli_docs_name_every_contract_key():
    """docs/cli.md documents every key the scan JSON can carry (a new key needs a line there)."""
    from dataclasses import fields

    from reviewer.document import Document, Metadata, Structure
    from reviewer.findings import Finding, Reason, Suggestion
    from reviewer.scan import result_dict

    doc_md = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    doc = Document("x", [], Metadata(format="txt", sha256="0" * 64, size=1))
    finding = Finding("personal", "mobile", "x", 0, 1, 0.5, "redact", "basis")
    suggestion = Suggestion("proactive", 0.9, [Reason("r", "b", [], ["f"])], category_article20="一",
                            probabilities={"proactive": 1.0}, declared_check={}, model_version="m")
    keys = set(result_dict(doc, [finding], suggestion)) | set(finding.to_dict()) | set(suggestion.to_dict())
    keys |= set(suggestion.reasons[0].to_dict()) | {f.name for f in fields(Structure)}
    missing = sorted(k for k in keys if f"`{k}`" not in doc_md)
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_cli_docs_name_every_limit_with_its_variable_and_default():
    from dataclasses import fields

    from reviewer.settings import Limits

    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for f in fields(Limits):
        row = next((line for line in text.splitlines() if line.startswith(f"| `{f.name}`")), None)
        assert row is not None, f.name
        assert f"`REVIEWER_{f.name.upper()}`" in row
        assert str(f.default) in row.replace(",", "")
