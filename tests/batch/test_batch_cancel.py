"""Cancelling a batch: what finished is kept, nothing is half-recorded, --resume completes it."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reviewer.batch import run_batch
from reviewer.batch.store import ResultStore

from .conftest import write_corpus


def keys(report_dir):
    lines = (Path(report_dir) / "results.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "results.jsonl must end with a complete line"
    return [json.loads(l)["batch"]["key"] for l in lines if l]


def _cancel_after(monkeypatch, n: int) -> threading.Event:
    """An event set by the store itself once it has written n rows."""
    event = threading.Event()
    original = ResultStore.append

    def append(self, row):
        original(self, row)
        if sum(1 for _ in self.rows()) >= n:
            event.set()

    monkeypatch.setattr(ResultStore, "append", append)
    return event


@pytest.mark.parametrize("workers", [0, 2])
def test_cancel_keeps_finished_rows_and_resume_completes(tmp_path, monkeypatch, workers):
    src = tmp_path / "src"
    write_corpus(src, 30, size=200)
    out = tmp_path / "out"
    cancel = _cancel_after(monkeypatch, 3)
    s = run_batch(str(src), str(out), workers=workers, progress=False, cancel=cancel)
    done = keys(out)
    assert s.cancelled is True
    assert 3 <= len(done) < 30 and len(set(done)) == len(done)
    assert s.scanned + s.errors == len(done) and s.not_scanned == 30 - len(done)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["cancelled"] is True and summary["run"]["cancelled"] is True
    assert summary["not_scanned"] == 30 - len(done) and summary["documents"] == len(done)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "已取消" in html and f"还有 {30 - len(done)} 个文件未扫描" in html

    monkeypatch.undo()
    r = run_batch(str(src), str(out), workers=workers, resume=True, progress=False)
    assert r.cancelled is False and r.not_scanned == 0
    assert r.skipped == len(done) and r.scanned == 30 - len(done)
    ks = keys(out)
    assert len(ks) == 30 and len(set(ks)) == 30
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["cancelled"] is False and summary["documents"] == 30
    assert "已取消" not in (out / "report.html").read_text(encoding="utf-8")


def test_cancel_before_start_scans_nothing_and_a_late_cancel_is_no_cancel(tmp_path, monkeypatch):
    src = tmp_path / "src"
    write_corpus(src, 4)
    cancel = threading.Event()
    cancel.set()
    s = run_batch(str(src), str(tmp_path / "a"), workers=1, progress=False, cancel=cancel)
    assert s.cancelled and s.not_scanned == 4 and keys(tmp_path / "a") == []
    # set after the last row: the batch is complete, not cancelled
    late = _cancel_after(monkeypatch, 4)
    s = run_batch(str(src), str(tmp_path / "b"), workers=0, progress=False, cancel=late)
    assert late.is_set() and not s.cancelled and s.not_scanned == 0 and len(keys(tmp_path / "b")) == 4


@pytest.mark.parametrize("sig,code,group", [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False)])
def test_cli_signal_cancels_gracefully_then_resume(tmp_path, sig, code, group):
    src = tmp_path / "src"
    write_corpus(src, 60, size=300)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reviewer.cli", "batch", str(src), "-o", str(out), "--workers", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    results = out / "results.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline:
        if results.exists() and results.read_bytes().count(b"\n") >= 3:  # bytes: a row may be half-written
            break
        time.sleep(0.05)
    if group:   # Ctrl-C in a terminal reaches the whole process group, pool workers included
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    done = keys(out)
    assert 3 <= len(done) < 60 and len(set(done)) == len(done)
    assert f"{60 - len(done)} of 60 files were not scanned" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["cancelled"] is True and summary["documents"] == len(done)
    r = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    ks = keys(out)
    assert len(ks) == 60 and len(set(ks)) == 60
    assert f"{len(done)} unchanged" in r.stdout
