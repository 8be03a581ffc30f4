"""Local execution: a process pool whose workers load the detectors and model once.

The pool's processes come from a *forkserver* (``multiprocessing`` start method
``forkserver``), not from forking the driver.  The fork server is a fresh interpreter
that imports ``reviewer.batch.preload`` (which warms up the detectors and the disclosure
model) once; every worker is forked from it, so it starts with the models loaded but
with none of the driver's state.  Forking the driver itself was the cause of a hang:
after a Celery batch with a cancel (a revoke broadcast) in the same process, workers
forked from the driver never reached their initializer — they hung in the after-fork
hooks (``multiprocessing.util.register_after_fork``) kombu had registered for the Redis
channels the driver held; a service process has threads and sockets of its own too.

A worker that dies (a crash inside a PDF library, the OOM killer) breaks the pool; the
runner starts a new pool and retries the items that were in flight, so nothing is lost.
An item that breaks the pool ``max_attempts`` times, or runs past the per-file time
limit, becomes an error row (``worker_crashed`` / ``timeout``) and the batch goes on.

Cancelling (``cancel`` set): nothing new is submitted; files still in flight are abandoned
(the pool is killed) and get no row, so a resumed batch scans them again.  Workers ignore
SIGINT: the driver decides (a Ctrl-C reaches the whole process group).
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from reviewer.batch.task import error_row, scan_bytes, warm_up
from reviewer.errors import LimitExceededError, ReviewerError
from reviewer.settings import Limits

Job = tuple[str, bytes, str]   # key, bytes, file name (for the format)
PRELOAD = "reviewer.batch.preload"
_NEVER = threading.Event()


def _worker_init() -> None:
    # Not SIGTERM: the pool itself stops broken workers with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


class InProcessExecutor:
    """``--workers 0``: scan in this process (debugging, tiny batches)."""

    def __init__(self, limits: Limits):
        self.limits = limits

    def run(self, jobs: Iterable[Job], cancel: threading.Event = _NEVER) -> Iterator[dict]:
        """The file being scanned when ``cancel`` is set finishes; the jobs stop after it."""
        warm_up()
        for key, data, name in jobs:
            yield scan_bytes(key, data, self.limits, name=name)
            if cancel.is_set():
                return


class LocalExecutor:
    def __init__(self, workers: int, limits: Limits, file_timeout: float | None = None,
                 max_attempts: int = 3):
        self.workers = max(1, workers)
        self.limits = limits
        self.file_timeout = file_timeout or (limits.parse_timeout_s * 2 + 30)
        self.max_attempts = max_attempts
        self.window = self.workers * 2

    def _new_pool(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver")
        # Effective when this process starts its fork server (once); if something else
        # started it without the preload, the initializer warms each worker up instead.
        ctx.set_forkserver_preload([PRELOAD])
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_worker_init)

    @staticmethod
    def _kill(pool: ProcessPoolExecutor) -> None:
        procs = list(getattr(pool, "_processes", {}).values())
        for p in procs:
            try:
                p.kill()
            except Exception:
                pass
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            p.join(timeout=5)

    def run(self, jobs: Iterable[Job], cancel: threading.Event = _NEVER) -> Iterator[dict]:
        """Scan ``jobs``; after a crash, the files that were in flight are re-run one at a
        time ("suspects"), so only the file that really kills a worker is blamed.  When
        ``cancel`` is set, results already finished are still yielded and the rest of
        what is in flight is abandoned (no row)."""
        source = iter(jobs)
        suspects: deque[Job] = deque()
        attempts: Counter[str] = Counter()
        pending: dict[Future, tuple[Job, float]] = {}
        exhausted = False
        pool = self._new_pool()
        try:
            while True:
                if cancel.is_set():
                    for fut in list(pending):
                        if fut.done() and fut.exception() is None:
                            yield fut.result()
                    return                      # the finally kills the pool and what ran in it
                broken = False
                isolating = bool(suspects)
                limit = 1 if isolating else self.window
                while len(pending) < limit and (suspects or not exhausted):
                    if suspects:
                        job = suspects.popleft()
                    else:
                        try:
                            job = next(source)
                        except StopIteration:
                            exhausted = True
                            break
                    try:
                        fut = pool.submit(scan_bytes, job[0], job[1], self.limits, name=job[2])
                    except BrokenProcessPool:  # broke since we last looked: this job never ran
                        suspects.appendleft(job)
                        broken = True
                        break
                    pending[fut] = (job, time.monotonic())
                if not pending and not broken:
                    return
                done = wait(list(pending), timeout=0.25, return_when=FIRST_COMPLETED)[0] if pending else set()
                alone = len(pending) == 1
                for fut in done:
                    job, _t0 = pending.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone:  # it crashed on its own: this file is the cause
                            yield from self._blame(job, attempts, suspects)
                        else:
                            suspects.append(job)
                now = time.monotonic()
                for f in [f for f, (_j, t0) in pending.items() if now - t0 > self.file_timeout]:
                    broken = True
                    job, _t0 = pending.pop(f)
                    yield error_row(job[0], LimitExceededError(
                        f"Scanning took longer than {self.file_timeout:g} s; the file was skipped.", code="timeout"))
                if broken:
                    # Every other in-flight file is lost with the pool: run it again, alone.
                    for f, (job, _t0) in list(pending.items()):
                        pending.pop(f)
                        if f.done() and f.exception() is None:
                            yield f.result()
                        else:
                            suspects.append(job)
                    self._kill(pool)
                    pool = self._new_pool()
        finally:
            self._kill(pool)

    def _blame(self, job: Job, attempts: Counter, suspects: deque) -> Iterator[dict]:
        attempts[job[0]] += 1
        if attempts[job[0]] >= self.max_attempts:
            yield error_row(job[0], ReviewerError(
                "The worker scanning this file stopped unexpectedly, repeatedly; the file was skipped.",
                code="worker_crashed"))
        else:
            suspects.appendleft(job)
