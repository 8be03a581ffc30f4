"""Background analysis: a job table and an in-process worker thread.

Uploads above ``background_threshold_bytes`` are stored at once and answered with
202 + a job; the worker parses and scans them and moves the case to ``scanned``.
Jobs left ``running`` by a crash are picked up again at start.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timezone

from sqlalchemy import select, update

from api import uow
from api.cases import apply_scan, scan_bytes
from api.models import Case, Job, Version
from api.runtime import Runtime
from reviewer.errors import ReviewerError

log = logging.getLogger("api.worker")


class Worker:
    def __init__(self, rt: Runtime, poll_s: float = 2.0):
        self.rt = rt
        self.poll_s = poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reviewer-worker", daemon=True)

    def start(self) -> "Worker":
        with self.rt.sessions() as db:
            db.execute(update(Job).where(Job.status == "running").values(status="queued"))
            db.commit()
        self._thread.start()
        return self

    def notify(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                did = self.run_once()
            except Exception:                      # keep the worker alive; the job is marked failed
                log.exception("worker iteration failed")
                did = False
            if not did:
                self._wake.wait(self.poll_s)
                self._wake.clear()

    def _claim(self) -> Job | None:
        with self.rt.sessions() as db:
            q = select(Job).where(Job.status == "queued").order_by(Job.id).limit(1)
            if db.get_bind().dialect.name == "postgresql":
                q = q.with_for_update(skip_locked=True)
            job = db.scalar(q)
            if job is None:
                db.commit()
                return None
            job.status, job.started_at, job.attempts = "running", datetime.now(timezone.utc), job.attempts + 1
            db.commit()
            return job

    def run_once(self) -> bool:
        job = self._claim()
        if job is None:
            return False
        rt = self.rt
        with rt.sessions() as db:
            version = db.get(Version, job.version_id)
            data = rt.blobs.get(version.original_sha256)
            filename = version.filename
            db.commit()
            try:
                result, text = scan_bytes(rt, data, filename)
                error = None
            except ReviewerError as exc:
                result, text, error = None, None, {"code": exc.code, "message": exc.message}
            except Exception as exc:             # never a traceback in the stored error
                log.exception("scan failed")
                result, text, error = None, None, {"code": "internal_error",
                                                   "message": f"The scan failed ({type(exc).__name__})."}
            job = db.get(Job, job.id)
            version = db.get(Version, job.version_id)
            case = db.get(Case, version.case_id)
            job.finished_at = datetime.now(timezone.utc)
            if error is None and case.current_version_id == version.id and case.state == "uploaded":
                summary = apply_scan(db, case, version, result, text, None)
                job.status = "done"
                events = [("document.scanned", case.id, version.id, {**summary, "job_id": job.id})]
            else:
                error = error or {"code": "superseded", "message": "A newer version replaced this one."}
                job.status, job.error = "failed", json.dumps(error, ensure_ascii=False)
                version.scan_status, version.scan_error = "failed", job.error
                events = [("job.failed", case.id, version.id, {"job_id": job.id, **error})]
            uow.commit(rt, db, None, events)
            if job.status == "done":
                from api import notify

                notify.after_change(rt, case.id)      # scanned in the background: it waits for the officer
        return True
