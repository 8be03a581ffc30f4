"""The batch's result file: append-only JSONL that survives interruption.

``results.jsonl`` holds one ``reviewer scan`` result per line, each with a ``batch``
field ``{"key", "sha256", "scanned_at"}``.  Rows are appended and flushed (and fsynced)
one at a time by the single process that drives the batch, so a crash can at worst
leave a half-written last line; opening the store cuts it off.  ``--resume`` reads the
rows back: a key whose file still has the same sha256 is skipped, so an interrupted
batch continues without duplicate rows, and re-scanning a tree rescans only the files
that changed (the newer row for a key supersedes the older when reports are written).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

RESULTS = "results.jsonl"


class ResultStore:
    def __init__(self, report_dir: str | os.PathLike, resume: bool = False):
        self.dir = Path(report_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / RESULTS
        self.done: dict[str, str | None] = {}   # key -> sha256 of the last row
        if resume and self.path.exists():
            self._repair_tail()
            for row in self.rows():
                b = row.get("batch", {})
                self.done[b.get("key")] = b.get("sha256")
        elif self.path.exists():
            # A new batch into an old directory starts a new result file.
            self.path.replace(self.dir / (RESULTS + ".previous"))
        self._fh = open(self.path, "a", encoding="utf-8")

    def _repair_tail(self) -> None:
        """Cut a half-written last line left by a crash."""
        with open(self.path, "rb+") as fh:
            data = fh.read()
            if not data or data.endswith(b"\n"):
                return
            cut = data.rfind(b"\n") + 1
            fh.truncate(cut)

    def is_done(self, key: str, sha256: str | None) -> bool:
        return key in self.done and self.done[key] == sha256 and sha256 is not None

    def append(self, row: dict) -> None:
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        b = row.get("batch", {})
        self.done[b.get("key")] = b.get("sha256")

    def rows(self) -> Iterator[dict]:
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    yield json.loads(line)

    def latest(self) -> list[dict]:
        """One row per key, the newest, in key order."""
        by_key: dict[str, dict] = {}
        for row in self.rows():
            by_key[row.get("batch", {}).get("key")] = row
        return [by_key[k] for k in sorted(by_key, key=lambda k: (k is None, k))]

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
