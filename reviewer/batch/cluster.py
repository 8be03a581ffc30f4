"""Cluster execution: the same scan task on Celery workers with Redis as the broker.

Safety settings, so that a worker killed mid-task loses nothing:

* ``task_acks_late`` — a message is acknowledged only after the scan finished;
* ``task_reject_on_worker_lost`` — when a worker's child dies, the message is requeued;
* ``worker_prefetch_multiplier=1`` — a worker holds at most one message it has not started;
* a ``visibility_timeout`` (default 300 s, ``REVIEWER_VISIBILITY_TIMEOUT``) after which
  Redis hands an unacknowledged message to another worker, which covers a whole
  worker host disappearing (``kill -9``, power loss);
* the driver records each item once (by its key), so a message delivered twice still
  makes one row.

Start a worker with ``reviewer worker --queue redis://host:6379/0``; run a batch on the
cluster with ``reviewer batch SOURCE -o DIR --queue redis://host:6379/0``.
"""

from __future__ import annotations

import base64
import os
import time
from typing import Iterable, Iterator

from celery import Celery

from reviewer.batch.task import error_row, scan_bytes, warm_up
from reviewer.errors import ReviewerError
from reviewer.settings import Limits

TASK_NAME = "reviewer.batch.scan"
DEFAULT_QUEUE_URL = "redis://127.0.0.1:6379/0"


def make_app(queue_url: str | None = None, visibility_timeout: float | None = None) -> Celery:
    url = queue_url or os.environ.get("REVIEWER_QUEUE_URL", DEFAULT_QUEUE_URL)
    vt = float(visibility_timeout or os.environ.get("REVIEWER_VISIBILITY_TIMEOUT", 300))
    app = Celery("reviewer", broker=url, backend=url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=7 * 24 * 3600,
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": vt,
            "unacked_restore_interval": max(1, int(vt / 5)),
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )

    @app.task(name=TASK_NAME, bind=True, max_retries=3)
    def scan_task(self, key: str, data_b64: str) -> dict:
        warm_up()
        return scan_bytes(key, base64.b64decode(data_b64), Limits.from_env())

    return app


# `celery -A reviewer.batch.cluster worker` finds this.
app = make_app()


class CeleryExecutor:
    def __init__(self, queue_url: str, limits: Limits, window: int = 64,
                 file_timeout: float | None = None, visibility_timeout: float | None = None):
        self.app = make_app(queue_url, visibility_timeout)
        self.limits = limits
        self.window = window
        self.file_timeout = file_timeout or 3600.0

    def check_reachable(self) -> None:
        try:
            with self.app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=2, interval_start=0.2, interval_step=0.2)
        except Exception as exc:
            raise ReviewerError(f"The queue at {self.app.conf.broker_url} cannot be reached ({type(exc).__name__}).",
                                code="queue_unreachable") from None

    def run(self, jobs: Iterable[tuple[str, bytes]]) -> Iterator[dict]:
        self.check_reachable()
        source = iter(jobs)
        pending: dict[str, tuple[object, float]] = {}   # key -> (AsyncResult, submitted)
        exhausted = False
        while True:
            while len(pending) < self.window and not exhausted:
                try:
                    key, data = next(source)
                except StopIteration:
                    exhausted = True
                    break
                res = self.app.send_task(TASK_NAME, args=[key, base64.b64encode(data).decode("ascii")])
                pending[key] = (res, time.monotonic())
            if not pending:
                return
            progressed = False
            for key, (res, t0) in list(pending.items()):
                if res.ready():
                    pending.pop(key)
                    progressed = True
                    try:
                        row = res.get(timeout=10, propagate=True)
                    except Exception as exc:
                        row = error_row(key, ReviewerError(
                            f"The worker failed on this file ({type(exc).__name__}).", code="worker_failed"))
                    res.forget()
                    yield row
                elif time.monotonic() - t0 > self.file_timeout:
                    pending.pop(key)
                    progressed = True
                    yield error_row(key, ReviewerError(
                        f"No worker finished this file within {self.file_timeout:g} s.", code="timeout"))
            if not progressed:
                time.sleep(0.05)


def run_worker(queue_url: str | None, concurrency: int = 1, hostname: str | None = None,
               visibility_timeout: float | None = None, loglevel: str = "WARNING") -> None:
    worker_app = make_app(queue_url, visibility_timeout)
    argv = ["worker", f"--concurrency={concurrency}", f"--loglevel={loglevel}", "--pool=prefork",
            "--without-gossip", "--without-mingle", "--without-heartbeat"]
    if hostname:
        argv.append(f"--hostname={hostname}")
    worker_app.worker_main(argv)
