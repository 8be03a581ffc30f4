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


def _crash_on_poison(key, data, limits=None, name=None):
    if key.endswith("poison.txt"):
        os._exit(9)  # a worker dying hard, as a crash in a C library would
    from reviewer.batch.task import scan_bytes

    return scan_bytes(key, data, limits, name=name)


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
        if results.exists() and results.read_bytes().count(b"\n") >= 3:  # bytes: a row may be half-written
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
    (tmp_path / "a.txt").write_text("一个文件。", encoding="utf-8")
    for cmd in (["batch", str(tmp_path), "-o", str(tmp_path / "o"), "--queue", "redis://127.0.0.1:1/0"],
                ["worker", "--queue", "redis://127.0.0.1:1/0"]):
        r = subprocess.run([sys.executable, "-m", "reviewer.cli", *cmd, "--queue-name", "two words"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2 and "[usage_error]" in r.stderr and "Traceback" not in r.stderr, r.stderr


def _cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "reviewer.cli", "batch", *map(str, args), "--no-progress"],
                          capture_output=True, text=True, timeout=timeout)


def test_batch_cli_exit_code_counts_unreadable_files_also_on_resume(tmp_path):
    src = tmp_path / "src"
    write_corpus(src, 3)
    out = tmp_path / "out"
    r = _cli(src, "-o", out, "--workers", "0")
    assert r.returncode == 0, r.stderr
    assert "could not be read (" not in r.stderr
    (src / "empty.txt").write_bytes(b"")
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    r = _cli(src, "-o", out, "--workers", "1", "--resume")
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert "2 of 5 files could not be read" in r.stderr and "Traceback" not in r.stderr
    # Nothing changed: the two bad files are skipped (unchanged), but they are still unreadable.
    r = _cli(src, "-o", out, "--workers", "0", "--resume")
    assert r.returncode == 3 and "5 unchanged" in r.stdout and "2 of 5 files could not be read" in r.stderr
    (src / "empty.txt").unlink()
    r = _cli(src, "-o", out, "--workers", "0", "--resume")
    assert r.returncode == 3 and "1 of 4 files could not be read" in r.stderr
    (src / "broken.pdf").write_text("现在是一个可以读取的文件。", encoding="utf-8")   # fixed: scanned again
    r = _cli(src, "-o", out, "--workers", "0", "--resume")
    assert r.returncode == 0 and "1 scanned" in r.stdout, (r.stdout, r.stderr)


def test_zip_with_duplicate_member_names_gives_distinct_keys_and_resumes(tmp_path):
    import warnings

    z = tmp_path / "dups.zip"
    first, second = "第一份通知，身份证号11010519491231002X。", "第二份通知，无敏感信息。"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")              # zipfile warns about the duplicate name
        with zipfile.ZipFile(z, "w") as zf:
            zf.writestr("b/通知.txt", first.encode("utf-8"))
            zf.writestr("a.txt", "另一个文件。".encode("utf-8"))
            zf.writestr("b/通知.txt", second.encode("utf-8"))
            zf.writestr("b/通知.txt#2", "名字本身带 #2 的文件。".encode("utf-8"))
            zf.writestr("b/通知.txt", b"")
    out = tmp_path / "out"
    s = run_batch(str(z), str(out), workers=2, progress=False)
    by_key = {r["batch"]["key"]: r for r in rows(out)}
    assert len(keys(out)) == 5 and set(by_key) == {"a.txt", "b/通知.txt", "b/通知.txt#2", "b/通知.txt#3",
                                                   "b/通知.txt#4"}
    # archive order: the first member keeps the name; the real "b/通知.txt#2" keeps its own
    assert {f["type"] for f in by_key["b/通知.txt"]["findings"]} >= {"id_card"}
    assert by_key["b/通知.txt#3"]["findings"] == [] and not by_key["b/通知.txt#3"]["errors"]
    assert by_key["b/通知.txt#3"]["batch"]["name"] == "b/通知.txt"            # parsed as .txt, by its name
    assert by_key["b/通知.txt#4"]["errors"][0]["code"] == "empty_file"
    assert "name" not in by_key["b/通知.txt#2"]["batch"] and not by_key["b/通知.txt#2"]["errors"]
    assert s.items == 5 and s.scanned == 4 and s.errors == 1 and s.unreadable == 1
    csv_lines = (out / "summary.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(csv_lines) == 6
    assert len(list((out / "details").glob("*.html"))) >= 4     # one page per key, none overwritten
    # resume: every key is found again, nothing rescanned, no duplicate row
    r = run_batch(str(z), str(out), workers=0, resume=True, progress=False)
    assert r.skipped == 5 and r.scanned == 0 and r.errors == 0
    assert len(keys(out)) == 5
    # a list naming one file twice: two keys as well
    lst = tmp_path / "list.txt"
    (tmp_path / "x.txt").write_text("列表中的文件。", encoding="utf-8")
    lst.write_text("x.txt\nx.txt\n", encoding="utf-8")
    run_batch(str(lst), str(tmp_path / "list-out"), workers=0, progress=False)
    assert sorted(keys(tmp_path / "list-out")) == ["x.txt", "x.txt#2"]


def _scan_noting_parent(key, data, limits=None, name=None):
    from reviewer.batch.task import _WARM, scan_bytes

    warm_before = _WARM
    row = scan_bytes(key, data, limits, name=name)
    row["batch"]["parent"], row["batch"]["warm_before"] = os.getppid(), warm_before
    return row


def test_local_pool_workers_come_from_a_fork_server_not_the_driver(corpus, tmp_path, monkeypatch):
    """The pool never forks the driver (whose state - Redis channels, threads - a fork
    would copy): every worker is a child of the fork server, which preloaded the models."""
    import multiprocessing.forkserver as fs

    import reviewer.batch.local as local

    monkeypatch.setattr(local, "scan_bytes", _scan_noting_parent)
    out = tmp_path / "out"
    run_batch(str(corpus), str(out), workers=2, progress=False)
    server = fs._forkserver._forkserver_pid
    assert server is not None and server != os.getpid()
    with open(f"/proc/{server}/stat") as fh:                  # the fork server is our child
        assert int(fh.read().rsplit(")", 1)[1].split()[1]) == os.getpid()
    batch = [r["batch"] for r in rows(out)]
    assert {b["parent"] for b in batch} == {server}
    assert os.getpid() not in {int(b["worker"].rsplit(":", 1)[1]) for b in batch}
    assert all(b["warm_before"] for b in batch)               # the models came loaded
