"""The signed audit checkpoint file in the data directory: the chain's head and length, outside the database.

After a commit that appended events, the service writes ``audit-checkpoint.json`` when the last
write is at least ``REVIEWER_AUDIT_CHECKPOINT_SECONDS`` old (0: after every commit), otherwise a
timer writes it once the interval has passed, and once more at shutdown; ``reviewer audit checkpoint`` writes one on demand (e.g. from cron).  The file
only ever moves forward: a process never replaces a checkpoint of a later event, so a removed
tail stays visible even after new events were appended where the old ones were.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reviewer.review.audit import ChainKeys, checkpoint_statement, sign_checkpoint

log = logging.getLogger("reviewer.audit")


def read(path: Path) -> tuple[Any, str | None]:
    """(parsed JSON, None), or (None, why it could not be read); a missing file is (None, None)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"{type(exc).__name__}: {exc.strerror or exc}"
    try:
        return json.loads(raw.decode("utf-8")), None
    except ValueError:
        return None, "not JSON"


def write(path: Path, keys: ChainKeys, *, seq: int, head: str, genesis: str) -> bool:
    """Write a signed checkpoint of event ``seq`` unless the file already names a later one.

    Under an exclusive lock on ``<file>.lock``; written to ``.part``, fsynced, renamed.  Returns
    whether the file now names ``seq``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lockf:
        fcntl.flock(lockf, fcntl.LOCK_EX)
        current, _err = read(path)
        if isinstance(current, dict) and isinstance(current.get("seq"), int) and current["seq"] >= seq \
                and current.get("genesis") == genesis:
            return current["seq"] == seq
        stmt = checkpoint_statement(seq=seq, head=head, genesis=genesis,
                                    written_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        data = json.dumps(sign_checkpoint(keys, stmt), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        tmp = path.with_name(path.name + ".part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
        return True


class Checkpointer:
    """Remembers the newest head this process committed and writes it out now and then."""

    def __init__(self, path: Path, keys: ChainKeys, interval_s: float):
        self.path, self.keys, self.interval_s = path, keys, interval_s
        self.genesis: str | None = None          # hash of the keyed genesis (set at start)
        self._lock = threading.Lock()
        self._pending: tuple[int, str] | None = None
        self._last_write = float("-inf")
        self._timer: threading.Timer | None = None

    def note(self, seq: int, head: str) -> None:
        """Called after a commit that appended events up to ``seq``.

        Writes now if the interval has passed, else makes sure a timer writes it when it has
        (so a quiet service does not leave its newest events unanchored until the next commit).
        """
        with self._lock:
            if self._pending is None or seq > self._pending[0]:
                self._pending = (seq, head)
            wait = self.interval_s - (time.monotonic() - self._last_write)
            if wait > 0 and self._timer is None:
                self._timer = threading.Timer(wait, self.flush)
                self._timer.daemon = True
                self._timer.start()
        if wait <= 0:
            self.flush()

    def flush(self) -> None:
        """Write the pending head now (also at shutdown)."""
        with self._lock:
            if self._timer is not None and self._timer is not threading.current_thread():
                self._timer.cancel()
            self._timer = None
            pending, self._pending = self._pending, None
            if pending is None or self.genesis is None:
                return
            self._last_write = time.monotonic()
            try:
                write(self.path, self.keys, seq=pending[0], head=pending[1], genesis=self.genesis)
            except OSError as exc:      # the events are committed; a missed checkpoint only weakens the anchor
                log.error("could not write the audit checkpoint %s: %s", self.path, exc)
