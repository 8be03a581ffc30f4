"""Drive a batch: enumerate, skip what is already done, scan, record, report.

Only this driver writes the result file, one row per finished item, so the file is a
faithful log of what was scanned even if the batch is killed half-way; ``resume=True``
continues from it (see reviewer/batch/store.py).

Cancelling: pass ``cancel=`` (a ``threading.Event``).  Once it is set no new file is
submitted; the executor finishes or abandons what is in flight (an abandoned file gets no
row, so ``resume=True`` scans it again), the store is closed cleanly, the reports are
written for what was done and marked cancelled, and the summary has ``cancelled=True``
and ``not_scanned`` = the files left for a resume.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from reviewer.batch.sources import iter_source
from reviewer.batch.store import ResultStore
from reviewer.batch.task import error_row
from reviewer.errors import ReviewerError
from reviewer.settings import DEFAULT_LIMITS, Limits


@dataclass
class BatchSummary:
    items: int = 0
    scanned: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    report_dir: str = ""
    cancelled: bool = False
    not_scanned: int = 0     # files with no row from this run (cancelled before or while scanning them)
    unreadable: int = 0      # files of SOURCE whose row in the report is an error (this run's or, resumed, an earlier one)

    @property
    def docs_per_second(self) -> float:
        return self.scanned / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        out = asdict(self)
        out["docs_per_second"] = round(self.docs_per_second, 2)
        return out


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, disable=not enabled, dynamic_ncols=True,
                desc="scanning", smoothing=0.1)


def run_batch(source: str, report_dir: str, *, workers: int = 2, queue_url: str | None = None,
              resume: bool = False, limits: Limits | None = None, progress: bool = True,
              file_timeout: float | None = None, visibility_timeout: float | None = None,
              cancel: threading.Event | None = None, queue_name: str | None = None) -> BatchSummary:
    limits = limits or DEFAULT_LIMITS
    cancel = cancel if cancel is not None else threading.Event()
    started = time.monotonic()
    items = list(iter_source(source, limits))
    summary = BatchSummary(items=len(items), report_dir=str(report_dir))
    if queue_url:
        from reviewer.batch.cluster import CeleryExecutor

        executor = CeleryExecutor(queue_url, limits, file_timeout=file_timeout,
                                  visibility_timeout=visibility_timeout, namespace=queue_name)
    elif workers <= 0:
        from reviewer.batch.local import InProcessExecutor

        executor = InProcessExecutor(limits)
    else:
        from reviewer.batch.local import LocalExecutor

        executor = LocalExecutor(workers, limits, file_timeout=file_timeout)

    bar = _progress(len(items), progress)
    with ResultStore(report_dir, resume=resume) as store:
        recorded: set[str] = set()

        def record(row: dict) -> None:
            key = (row.get("batch") or {}).get("key")
            if key in recorded:      # never two rows for one file in one run
                return
            recorded.add(key)
            store.append(row)
            if row.get("errors"):
                summary.errors += 1
            else:
                summary.scanned += 1
            bar.update(1)

        def jobs() -> Iterator[tuple[str, bytes, str]]:
            for item in items:
                if cancel.is_set():
                    return
                if item.error is not None:
                    if not (resume and item.key in store.done):
                        record(error_row(item.key, item.error, name=item.name))
                    else:
                        summary.skipped += 1
                        bar.update(1)
                    continue
                try:
                    data = item.read(limits)
                except ReviewerError as err:
                    record(error_row(item.key, err, name=item.name))
                    continue
                except OSError as exc:
                    record(error_row(item.key, ReviewerError(
                        f"The file could not be read ({type(exc).__name__}).", code="read_failed"), name=item.name))
                    continue
                sha = hashlib.sha256(data).hexdigest()
                if resume and store.is_done(item.key, sha):
                    summary.skipped += 1
                    bar.update(1)
                    continue
                yield item.key, data, item.filename

        rows = executor.run(jobs(), cancel=cancel)
        try:
            for row in rows:
                record(row)
        finally:
            rows.close()             # the executor's own cleanup (pool, connections) runs now
            bar.close()
            summary.seconds = round(time.monotonic() - started, 3)
        summary.not_scanned = summary.items - summary.scanned - summary.errors - summary.skipped
        # Cancelled only if something was left: a signal after the last file changes nothing.
        summary.cancelled = cancel.is_set() and summary.not_scanned > 0
        from reviewer.batch.report import write_reports

        latest = store.latest()
        keys = {item.key for item in items}
        summary.unreadable = sum(1 for row in latest if row.get("errors")
                                 and (row.get("batch") or {}).get("key") in keys)
        write_reports(latest, Path(report_dir), summary.to_dict())
    return summary
