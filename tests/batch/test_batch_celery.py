"""Real Celery workers against the Redis on loopback; one is killed mid-batch."""

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

from .conftest import write_corpus

REDIS_DB = 14
QUEUE = f"redis://127.0.0.1:6379/{REDIS_DB}"


def _redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=2)
    try:
        client.ping()
    except Exception as exc:
        pytest.skip(f"Redis on 127.0.0.1:6379 is not reachable ({exc})")
    return client


def _start_worker(name: str, env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "reviewer.cli", "worker", "--queue", QUEUE, "-c", "1", "--hostname", f"{name}@test"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.mark.redis
def test_celery_batch_survives_a_killed_worker(tmp_path, monkeypatch):
    client = _redis()
    client.flushdb()
    src = tmp_path / "src"
    write_corpus(src, 80, size=200)
    out = tmp_path / "out"
    env = {**os.environ, "REVIEWER_VISIBILITY_TIMEOUT": "3"}
    monkeypatch.setenv("REVIEWER_VISIBILITY_TIMEOUT", "3")
    workers = [_start_worker("w1", env), _start_worker("w2", env)]
    result = {}

    def drive():
        try:
            result["summary"] = run_batch(str(src), str(out), queue_url=QUEUE, progress=False,
                                          visibility_timeout=3, file_timeout=120)
        except BaseException as exc:  # surfaced by the assertion below
            result["error"] = exc

    t = threading.Thread(target=drive)
    try:
        t.start()
        results = out / "results.jsonl"
        deadline = time.time() + 90
        while time.time() < deadline:  # both workers busy, some files done
            if results.exists():
                seen = [json.loads(l)["batch"]["worker"] for l in results.read_text(encoding="utf-8").splitlines()
                        if l.endswith("}")]
                if len(seen) >= 3 and len(set(seen)) >= 2:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the two workers did not both produce results")
        os.killpg(workers[0].pid, signal.SIGKILL)  # the whole worker, mid-batch
        workers[0].wait()
        t.join(timeout=180)
        assert not t.is_alive(), "the batch did not complete after a worker was killed"
        assert "error" not in result, result.get("error")
    finally:
        for w in workers:
            if w.poll() is None:
                os.killpg(w.pid, signal.SIGTERM)
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(w.pid, signal.SIGKILL)
        client.flushdb()
    rows = [json.loads(l) for l in (out / "results.jsonl").read_text(encoding="utf-8").splitlines() if l]
    keys = [r["batch"]["key"] for r in rows]
    expected = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.txt"))
    assert sorted(keys) == expected          # every file, exactly once
    assert not [r for r in rows if r["errors"]]
    assert result["summary"].scanned == 80
    assert len({r["batch"]["worker"] for r in rows}) >= 2  # both workers did work


@pytest.mark.redis
def test_celery_batch_cancel_revokes_what_has_not_started_then_resumes(tmp_path, monkeypatch):
    from reviewer.batch.store import ResultStore

    client = _redis()
    client.flushdb()
    src = tmp_path / "src"
    write_corpus(src, 80, size=200)
    out = tmp_path / "out"
    cancel = threading.Event()
    original = ResultStore.append

    def append(self, row):              # cancel once three rows are written
        original(self, row)
        if sum(1 for _ in self.rows()) >= 3:
            cancel.set()

    monkeypatch.setattr(ResultStore, "append", append)
    worker = _start_worker("w1", dict(os.environ))
    try:
        s = run_batch(str(src), str(out), queue_url=QUEUE, progress=False, file_timeout=120, cancel=cancel)
        lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        done = [json.loads(l)["batch"]["key"] for l in lines]
        assert s.cancelled and 3 <= len(done) < 80 and len(set(done)) == len(done)
        assert s.not_scanned == 80 - len(done)
        assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["cancelled"] is True
        # The worker drains the queue, discarding the revoked tasks instead of scanning them:
        # a scan finished after the driver gave up would leave its SUCCESS result behind.
        deadline = time.time() + 60
        while client.llen("celery") and time.time() < deadline:
            time.sleep(0.1)
        assert client.llen("celery") == 0
        time.sleep(1.0)                 # a task a worker had already taken would finish by now
        states = [json.loads(client.get(k))["status"] for k in client.scan_iter("celery-task-meta-*")]
        assert states.count("SUCCESS") <= 2, states          # at most the one or two running at the cancel
        assert (out / "results.jsonl").read_text(encoding="utf-8").splitlines() == lines   # late results dropped
        monkeypatch.undo()
        r = run_batch(str(src), str(out), queue_url=QUEUE, progress=False, file_timeout=120, resume=True)
        assert not r.cancelled and r.skipped == len(done) and r.scanned == 80 - len(done)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        client.flushdb()
    keys = [json.loads(l)["batch"]["key"] for l in (out / "results.jsonl").read_text(encoding="utf-8").splitlines() if l]
    assert sorted(keys) == sorted(p.relative_to(src).as_posix() for p in src.rglob("*.txt"))
