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
