"""Drive a batch: enumerate, skip what is already done, scan, record, report.

Only this driver writes the result file, one row per finished item, so the file is a
faithful log of what was scanned even if the batch is killed half-way; ``resume=True``
continues from it (see reviewer/batch/store.py).
"""

from __future__ import annotations

import hashlib
import sys
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
              file_timeout: float | None = None, visibility_timeout: float | None = None) -> BatchSummary:
    limits = limits or DEFAULT_LIMITS
    started = time.monotonic()
    items = list(iter_source(source, limits))
    summary = BatchSummary(items=len(items), report_dir=str(report_dir))
    if queue_url:
        from reviewer.batch.cluster import CeleryExecutor

        executor = CeleryExecutor(queue_url, limits, file_timeout=file_timeout,
                                  visibility_timeout=visibility_timeout)
    elif workers <= 0:
        from reviewer.batch.local import InProcessExecutor

        executor = InProcessExecutor(limits)
    else:
        from reviewer.batch.local import LocalExecutor

        executor = LocalExecutor(workers, limits, file_timeout=file_timeout)

    bar = _progress(len(items), progress)
    with ResultStore(report_dir, resume=resume) as store:
        def record(row: dict) -> None:
            store.append(row)
            if row.get("errors"):
                summary.errors += 1
            else:
                summary.scanned += 1
            bar.update(1)

        def jobs() -> Iterator[tuple[str, bytes]]:
            for item in items:
                if item.error is not None:
                    if not (resume and item.key in store.done):
                        record(error_row(item.key, item.error))
                    else:
                        summary.skipped += 1
                        bar.update(1)
                    continue
                try:
                    data = item.read(limits)
                except ReviewerError as err:
                    record(error_row(item.key, err))
                    continue
                except OSError as exc:
                    record(error_row(item.key, ReviewerError(
                        f"The file could not be read ({type(exc).__name__}).", code="read_failed")))
                    continue
                sha = hashlib.sha256(data).hexdigest()
                if resume and store.is_done(item.key, sha):
                    summary.skipped += 1
                    bar.update(1)
                    continue
                yield item.key, data

        try:
            for row in executor.run(jobs()):
                record(row)
        finally:
            bar.close()
            summary.seconds = round(time.monotonic() - started, 3)
        from reviewer.batch.report import write_reports

        write_reports(store.latest(), Path(report_dir), summary.to_dict())
    return summary
