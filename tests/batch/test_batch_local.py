import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reviewer.batch import run_batch
from reviewer.batch.store import ResultStore
from reviewer.settings import Limits

from .conftest import write_corpus


def rows(report_dir):
    return [json.loads(l) for l in (Path(report_dir) / "results.jsonl").read_text(encoding="utf-8").splitlines() if l]


def keys(report_dir):
    return [r["batch"]["key"] for r in rows(report_dir)]


def test_batch_directory_every_file_accounted_for_once(corpus, tmp_path):
    out = tmp_path / "out"
    summary = run_batch(str(corpus), str(out), workers=2, progress=False)
    assert summary.items == 12 and summary.scanned == 12 and summary.errors == 0
    ks = keys(out)
    assert sorted(ks) == sorted(set(ks)) and len(ks) == 12
    assert any("/" in k for k in ks)  # recursive
    for name in ("summary.csv", "summary.json", "report.html"):
        assert (out / name).is_file()


def test_batch_bad_files_are_error_rows_not_crashes(tmp_path):
    src = tmp_path / "src"
    write_corpus(src, 3)
    (src / "empty.txt").write_bytes(b"")
    (src / "corrupt.docx").write_bytes(b"PK\x03\x04" + os.urandom(3000))
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (src / "huge.txt").write_bytes("很长的文本。".encode() * 40000)  # 720 KB
    out = tmp_path / "out"
    summary = run_batch(str(src), str(out), workers=2, progress=False,
                        limits=Limits(max_file_bytes=500_000))
    by_key = {r["batch"]["key"]: r for r in rows(out)}
    assert set(by_key) == {"doc000.txt", "dept1/doc001.txt", "doc002.txt", "empty.txt", "corrupt.docx",
                           "broken.pdf", "huge.txt"}
    assert by_key["empty.txt"]["errors"][0]["code"] == "empty_file"
    assert by_key["huge.txt"]["errors"][0]["code"] == "limit_exceeded"
    assert by_key["corrupt.docx"]["errors"][0]["code"] in {"corrupt_file", "unsupported_format"}
    assert by_key["broken.pdf"]["errors"][0]["code"] in {"corrupt_file", "encrypted_file"}
    assert summary.errors == 4 and summary.scanned == 3
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "empty_file" in html and "无法读取" in html


def test_batch_zip_and_file_list_sources(corpus, tmp_path):
    z = tmp_path / "pending.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in sorted(corpus.rglob("*.txt")):
            zf.write(p, p.relative_to(corpus).as_posix())
    out = tmp_path / "zip-out"
    assert run_batch(str(z), str(out), workers=1, progress=False).scanned == 12
    lst = tmp_path / "list.txt"
    files = sorted(corpus.rglob("*.txt"))[:3]
    lst.write_text("\n".join(str(p) for p in files) + "\n# comment\nmissing.txt\n", encoding="utf-8")
    out2 = tmp_path / "list-out"
    s = run_batch(str(lst), str(out2), workers=0, progress=False)
    assert s.scanned == 3 and s.errors == 1
    assert {r["errors"][0]["code"] for r in rows(out2) if r["errors"]} == {"file_not_found"}


def test_batch_resume_skips_done_and_repairs_a_torn_last_line(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(str(corpus), str(out), workers=1, progress=False)
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    # Pretend the batch died after 5 rows, in the middle of writing the 6th.
    (out / "results.jsonl").write_text("\n".join(lines[:5]) + "\n" + lines[5][:40], encoding="utf-8")
    s = run_batch(str(corpus), str(out), workers=2, resume=True, progress=False)
    assert s.skipped == 5 and s.scanned == 7
    ks = keys(out)
    assert len(ks) == 12 and len(set(ks)) == 12


def test_batch_rescan_only_changed_files(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(str(corpus), str(out), workers=1, progress=False)
    target = corpus / "doc000.txt"
    target.write_bytes(target.read_bytes() + "\n补充说明。".encode("gb18030"))
    (corpus / "new.txt").write_text("新增的待发布文件。", encoding="utf-8")
    s = run_batch(str(corpus), str(out), workers=1, resume=True, progress=False)
    assert s.scanned == 2 and s.skipped == 11
    latest = {r["batch"]["key"]: r for r in ResultStore(out, resume=True).latest()}
    assert len(latest) == 13
    import hashlib

    assert latest["doc000.txt"]["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    csv_text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 14  # header + 13, no duplicate rows


def _crash_on_poison(key, data, limits=None):
    if key.endswith("poison.txt"):
        os._exit(9)  # a worker dying hard, as a crash in a C library would
    from reviewer.batch.task import scan_bytes

    return scan_bytes(key, data, limits)


def test_batch_worker_crash_loses_nothing(corpus, tmp_path, monkeypatch):
    import reviewer.batch.local as local

    (corpus / "poison.txt").write_text("这个文件让工作进程崩溃。", encoding="utf-8")
    monkeypatch.setattr(local, "scan_bytes", _crash_on_poison)
    out = tmp_path / "out"
    s = run_batch(str(corpus), str(out), workers=2, progress=False)
    by_key = {r["batch"]["key"]: r for r in rows(out)}
    assert len(by_key) == 13 and len(keys(out)) == 13
    assert by_key["poison.txt"]["errors"][0]["code"] == "worker_crashed"
    assert s.scanned == 12


def test_batch_cli_killed_mid_batch_then_resumed(tmp_path):
    src = tmp_path / "src"
    write_corpus(src, 60, size=300)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reviewer.cli", "batch", str(src), "-o", str(out), "--workers", "1", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    results = out / "results.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline:
        if results.exists() and results.read_text(encoding="utf-8").count("\n") >= 3:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(keys(out))
    assert 3 <= done_before < 60, "the batch should have been killed part-way"
    r = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    ks = keys(out)
    assert len(ks) == 60 and len(set(ks)) == 60
    assert f"{done_before} unchanged" in r.stdout


def test_batch_cli_usage_errors(tmp_path):
    r = subprocess.run([sys.executable, "-m", "reviewer.cli", "batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "reviewer.cli", "batch", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 2
