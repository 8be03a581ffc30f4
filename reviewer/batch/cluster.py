"""Cluster execution: the same scan task on Celery workers with Redis as the broker.

Safety settings, so that a worker killed mid-task loses nothing:

* ``task_acks_late`` — a message is acknowledged only after the scan finished;
* ``task_reject_on_worker_lost`` — when a worker's child dies, the message is requeued;
* ``worker_prefetch_multiplier=1`` — a worker holds at most one message it has not started;
* a ``visibility_timeout`` (default 300 s, ``REVIEWER_VISIBILITY_TIMEOUT``) after which
  Redis hands an unacknowledged message to another worker, which covers a whole
  worker host disappearing (``kill -9``, power loss);
* the driver records each item once (by its key), so a message delivered twice still
  makes one row;
* ``task_track_started`` — so that a cancelled batch knows which tasks are running.

Cancelling (``cancel`` set): nothing new is sent; the tasks sent but not started are
revoked (``app.control.revoke``; a worker discards them), the started ones are waited for
up to ``cancel_grace`` seconds and recorded, and whatever finishes later is dropped (no
row: a resumed batch scans it again).

Several batch systems (or test runs) can share one Redis: ``namespace`` (``--queue-name``,
``REVIEWER_QUEUE_NAME``) puts every key of the broker and of the results under
``<namespace>:`` (kombu's and Celery's ``global_keyprefix``: the queue, the unacknowledged
messages, the control broadcasts, the task results), so workers and drivers of one
namespace never see another's.  The driver and its workers must use the same namespace.

When the batch ends (finished, cancelled or failed) the executor closes the app's broker
and result connections, so the driver keeps no Redis channel open after a batch.

Start a worker with ``reviewer worker --queue redis://host:6379/0``; run a batch on the
cluster with ``reviewer batch SOURCE -o DIR --queue redis://host:6379/0``.
"""

from __future__ import annotations

import base64
import os
import threading
import time
from typing import Iterable, Iterator

from celery import Celery

from reviewer.batch.task import error_row, scan_bytes, warm_up
from reviewer.errors import ReviewerError
from reviewer.settings import Limits

TASK_NAME = "reviewer.batch.scan"
DEFAULT_QUEUE_URL = "redis://127.0.0.1:6379/0"


def queue_namespace(namespace: str | None = None) -> str:
    ns = namespace if namespace is not None else os.environ.get("REVIEWER_QUEUE_NAME", "")
    ns = ns.strip()
    if ns and not all(c.isalnum() or c in "-_." for c in ns):
        from reviewer.errors import UsageError

        raise UsageError(f"The queue name {ns!r} may only hold letters, digits, '-', '_' and '.'.")
    return ns


def make_app(queue_url: str | None = None, visibility_timeout: float | None = None,
             namespace: str | None = None) -> Celery:
    url = queue_url or os.environ.get("REVIEWER_QUEUE_URL", DEFAULT_QUEUE_URL)
    vt = float(visibility_timeout or os.environ.get("REVIEWER_VISIBILITY_TIMEOUT", 300))
    ns = queue_namespace(namespace)
    prefix = {"global_keyprefix": f"{ns}:"} if ns else {}
    app = Celery("reviewer", broker=url, backend=url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_track_started=True,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=7 * 24 * 3600,
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": vt,
            "unacked_restore_interval": max(1, int(vt / 5)),
            "unacked_restore_throttle": 1,
            **prefix,
        },
        result_backend_transport_options=dict(prefix),
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )

    @app.task(name=TASK_NAME, bind=True, max_retries=3, shared=False)   # not into every other app
    def scan_task(self, key: str, data_b64: str, name: str | None = None) -> dict:
        warm_up()
        return scan_bytes(key, base64.b64decode(data_b64), Limits.from_env(), name=name)

    return app


# `celery -A reviewer.batch.cluster worker` finds this.
app = make_app()


class CeleryExecutor:
    def __init__(self, queue_url: str, limits: Limits, window: int = 64,
                 file_timeout: float | None = None, visibility_timeout: float | None = None,
                 cancel_grace: float = 30.0, namespace: str | None = None):
        self.app = make_app(queue_url, visibility_timeout, namespace)
        # The revoke broadcast goes out on our own connection's channel, not through the
        # app's producer pool (kombu keeps that pool process-wide, where it cannot be closed
        # for this batch alone).  This app is private to the executor.
        self.app.control.mailbox._producer_pool = None
        self.cancel_grace = cancel_grace
        self._conn = self._producer = None
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

    def _row(self, key: str, res) -> dict:
        try:
            row = res.get(timeout=10, propagate=True)
        except Exception as exc:
            row = error_row(key, ReviewerError(
                f"The worker failed on this file ({type(exc).__name__}).", code="worker_failed"))
        res.forget()
        return row

    def _wind_down(self, pending: dict) -> Iterator[dict]:
        """After a cancel: revoke what has not started, wait a bounded time for the rest."""
        if not pending:
            return
        ids = [res.id for res, _t0 in pending.values()]
        try:
            # Wait for the workers' replies, so a task not started now will not start.
            self.app.control.revoke(ids, reply=True, timeout=1.0, connection=self._conn)
        except Exception:
            pass        # a queue that went away: the results are dropped below anyway
        deadline = time.monotonic() + self.cancel_grace
        while pending and time.monotonic() < deadline:
            for key, (res, _t0) in list(pending.items()):
                state = res.state
                if state in ("SUCCESS", "FAILURE"):
                    pending.pop(key)
                    yield self._row(key, res)
                elif state in ("PENDING", "REVOKED", "RETRY"):     # never started: no row
                    pending.pop(key)
                    res.forget()
            if pending:
                time.sleep(0.1)
        for res, _t0 in pending.values():               # still running: its result is dropped
            res.forget()

    def close(self) -> None:
        """Close every broker and result connection this executor opened.

        Tasks are sent, and revokes broadcast, over the executor's own broker connection
        (not kombu's process-wide pools, which other apps in this process share), so it
        can be closed here; so are the result backend's client and its result consumer
        (a pub/sub subscription per task).  ``Celery.close()`` alone would only forget
        the pool and leave the channels open."""
        steps = []
        if self._conn is not None:
            steps.append(self._conn.close)
            self._conn = self._producer = None
        backend = self.app._backend          # None unless this thread made one
        if backend is not None:
            consumer = backend.__dict__.get("result_consumer")
            if consumer is not None:
                steps.append(consumer.stop)
            client = backend.__dict__.get("client")
            if client is not None:
                steps.append(client.connection_pool.disconnect)
        for step in steps:
            try:
                step()
            except Exception:    # best effort: the connection may be gone already
                pass
        self.app.close()

    def run(self, jobs: Iterable[tuple[str, bytes, str]],
            cancel: threading.Event | None = None) -> Iterator[dict]:
        try:
            yield from self._run(jobs, cancel or threading.Event())
        finally:
            self.close()

    def _run(self, jobs: Iterable[tuple[str, bytes, str]], cancel: threading.Event) -> Iterator[dict]:
        self.check_reachable()
        self._conn = self.app.connection_for_write()
        self._producer = self.app.amqp.Producer(self._conn)
        source = iter(jobs)
        pending: dict[str, tuple[object, float]] = {}   # key -> (AsyncResult, submitted)
        exhausted = False
        while True:
            if cancel.is_set():
                yield from self._wind_down(pending)
                return
            while len(pending) < self.window and not exhausted:
                try:
                    key, data, name = next(source)
                except StopIteration:
                    exhausted = True
                    break
                args = [key, base64.b64encode(data).decode("ascii")]
                if name != key:
                    args.append(name)
                res = self.app.send_task(TASK_NAME, args=args, producer=self._producer)
                pending[key] = (res, time.monotonic())
            if not pending:
                return
            progressed = False
            for key, (res, t0) in list(pending.items()):
                if res.ready():
                    pending.pop(key)
                    progressed = True
                    yield self._row(key, res)
                elif time.monotonic() - t0 > self.file_timeout:
                    pending.pop(key)
                    progressed = True
                    yield error_row(key, ReviewerError(
                        f"No worker finished this file within {self.file_timeout:g} s.", code="timeout"))
            if not progressed:
                time.sleep(0.05)


def run_worker(queue_url: str | None, concurrency: int = 1, hostname: str | None = None,
               visibility_timeout: float | None = None, loglevel: str = "WARNING",
               namespace: str | None = None) -> None:
    worker_app = make_app(queue_url, visibility_timeout, namespace)
    argv = ["worker", f"--concurrency={concurrency}", f"--loglevel={loglevel}", "--pool=prefork",
            "--without-gossip", "--without-mingle", "--without-heartbeat"]
    if hostname:
        argv.append(f"--hostname={hostname}")
    worker_app.worker_main(argv)
