"""The checkpoint file: signed, only moves forward, written at most every interval and by a timer when quiet."""

from __future__ import annotations

import json
import time

from api.audit_checkpoint import Checkpointer, read, write
from reviewer.review.audit import ChainKeys, read_checkpoint

KEYS = ChainKeys(b"c" * 32)
GEN = "a" * 64


def test_audit_checkpoint_write_never_goes_backwards(tmp_path):
    path = tmp_path / "audit-checkpoint.json"
    assert write(path, KEYS, seq=5, head="5" * 64, genesis=GEN)
    assert write(path, KEYS, seq=3, head="3" * 64, genesis=GEN) is False     # an earlier head: kept at 5
    obj, err = read(path)
    assert err is None and obj["seq"] == 5
    anchor, bad = read_checkpoint(KEYS, obj, GEN)
    assert bad is None and (anchor.seq, anchor.hash) == (5, "5" * 64)
    assert write(path, KEYS, seq=5, head="f" * 64, genesis=GEN)              # same seq: the first head stays
    assert json.loads(path.read_text())["head"] == "5" * 64
    assert not list(tmp_path.glob("*.part"))
    path.write_text("{not json")
    assert read(path) == (None, "not JSON") and read(tmp_path / "missing.json") == (None, None)


def test_audit_checkpointer_interval_then_timer_then_flush(tmp_path):
    path = tmp_path / "audit-checkpoint.json"
    cp = Checkpointer(path, KEYS, interval_s=0.5)
    cp.genesis = GEN
    cp.note(1, "1" * 64)                       # the first commit writes at once
    assert json.loads(path.read_text())["seq"] == 1
    cp.note(2, "2" * 64)                       # within the interval: deferred …
    assert json.loads(path.read_text())["seq"] == 1
    deadline = time.monotonic() + 5
    while json.loads(path.read_text())["seq"] != 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert json.loads(path.read_text())["seq"] == 2    # … and written by the timer, with no further commit
    cp.note(3, "3" * 64)
    cp.flush()                                 # shutdown writes what is pending
    assert json.loads(path.read_text())["seq"] == 3
