"""Batch scans through the service: a zip upload or an allowed server-side directory.

``POST /api/batches`` starts ``reviewer.batch.run_batch`` in a background thread; the
report goes to ``<data_dir>/batches/<id>/report``.  ``GET /api/batches/{id}`` gives the
progress (``items``, ``done`` = files with a row in results.jsonl, ``errors``, ``state``
queued / running / cancelling / cancelled / done / failed) and
``GET /api/batches/{id}/files/{name}`` the reports.  ``POST /api/batches/{id}/cancel``
stops a queued or running batch (every finished row is kept, the reports are written and
marked cancelled); ``POST /api/batches/{id}/resume`` continues a cancelled or failed batch
with ``resume=True``, so it ends with every file present exactly once.
A directory must lie under one of the roots in ``REVIEWER_BATCH_ROOTS``; anything else
is refused with 403 ``path_not_allowed``.  Roles: security_officer or admin.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse

from api.deps import RT, CurrentUser, require_role
from api.errors import ApiError, not_found
from api.runtime import Runtime
from api.schemas import ERRORS

log = logging.getLogger("api.batches")
ROLES = ("security_officer", "admin")
ACTIVE = ("queued", "running", "cancelling")
RESUMABLE = ("cancelled", "failed")
REPORTS_READY = ("done", "cancelled")
REPORT_FILES = {"report.html": "text/html; charset=utf-8", "summary.csv": "text/csv; charset=utf-8",
                "summary.json": "application/json", "results.jsonl": "application/x-ndjson"}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_directory(roots: tuple[Path, ...], raw: str) -> Path:
    """The real path of ``raw`` if it lies under an allowed root (symbolic links resolved)."""
    if not roots:
        raise ApiError(403, "path_not_allowed", "No directories are allowed for batch scans on this server "
                       "(REVIEWER_BATCH_ROOTS is empty); upload a zip instead.", {"directory": raw})
    path = Path(os.path.realpath(raw))
    for root in roots:
        real_root = Path(os.path.realpath(root))
        if path == real_root or real_root in path.parents:
            if not path.is_dir():
                raise ApiError(422, "not_a_directory", "This is not an existing directory.", {"directory": raw})
            return path
    raise ApiError(403, "path_not_allowed", "This directory is outside the roots allowed for batch scans.",
                   {"directory": raw})


class BatchManager:
    """Batches of one service: their folders on disk and the threads that run them."""

    def __init__(self, rt: Runtime):
        self.rt = rt
        self.root = rt.settings.data_dir / "batches"
        self.root.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.threads: dict[str, threading.Thread] = {}
        self.cancels: dict[str, threading.Event] = {}
        self._recover()

    def _recover(self) -> None:
        """A batch that was queued, running or cancelling when the service stopped has failed
        (``interrupted``); its finished rows are kept and it can be resumed."""
        for meta_path in self.root.glob("*/meta.json"):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("state") in ACTIVE:
                meta.update(state="failed", finished_at=_now(),
                            error={"code": "interrupted", "message": "The service stopped during this batch."})
                self._write(meta)

    def _dir(self, batch_id: str) -> Path:
        return self.root / batch_id

    def _write(self, meta: dict[str, Any]) -> None:
        path = self._dir(meta["id"]) / "meta.json"
        tmp = path.with_suffix(".part")
        tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)

    def read(self, batch_id: str) -> dict[str, Any] | None:
        if not batch_id.isalnum():
            return None
        path = self._dir(batch_id) / "meta.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def create(self, user, *, zip_bytes: bytes | None = None, filename: str | None = None,
               directory: Path | None = None) -> dict[str, Any]:
        batch_id = datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S") + secrets.token_hex(4)
        folder = self._dir(batch_id)
        (folder / "report").mkdir(parents=True)
        if zip_bytes is not None:
            source = folder / "source.zip"
            source.write_bytes(zip_bytes)
            label = filename or "upload.zip"
        else:
            source, label = directory, str(directory)
        meta = {"id": batch_id, "state": "queued", "source": label, "kind": "zip" if zip_bytes is not None else "directory",
                "owner_id": user.id, "owner": user.username, "organisation_id": user.organisation_id,
                "created_at": _now(), "started_at": None, "finished_at": None, "items": None,
                "summary": None, "error": None, "_source_path": str(source)}
        with self.lock:
            self._write(meta)
            self._start(batch_id, resume=False)
        return meta

    def _start(self, batch_id: str, *, resume: bool) -> None:
        """Start the batch's thread (the caller holds the lock)."""
        self.cancels[batch_id] = threading.Event()
        t = threading.Thread(target=self._run, args=(batch_id, resume), name=f"batch-{batch_id}", daemon=True)
        self.threads[batch_id] = t
        t.start()

    def _update(self, batch_id: str, **changes) -> dict[str, Any]:
        """Change fields of meta.json under the lock, from what is on disk now (the request
        threads and the batch thread both write it)."""
        with self.lock:
            meta = self.read(batch_id)
            meta.update(changes)
            self._write(meta)
            return meta

    def _run(self, batch_id: str, resume: bool = False) -> None:
        from reviewer.batch import run_batch
        from reviewer.batch.sources import iter_source
        from reviewer.errors import ReviewerError

        meta = self.read(batch_id)
        cancel = self.cancels[batch_id]
        limits = self.rt.settings.limits
        end: dict[str, Any] = {}
        try:
            items = sum(1 for _ in iter_source(meta["_source_path"], limits))
            with self.lock:         # a cancel that came while queued stays: the run stops at once
                meta = self.read(batch_id)
                meta.update(items=items, started_at=meta.get("started_at") or _now())
                if meta["state"] == "queued":
                    meta["state"] = "running"
                self._write(meta)
            summary = run_batch(meta["_source_path"], str(self._dir(batch_id) / "report"),
                                workers=self.rt.settings.batch_workers, limits=limits, progress=False,
                                resume=resume, cancel=cancel)
            public = {k: v for k, v in summary.to_dict().items() if k != "report_dir"}   # no server paths
            end = dict(state="cancelled" if summary.cancelled else "done", summary=public,
                       items=summary.items)
        except ReviewerError as exc:
            end = dict(state="failed", error={"code": exc.code, "message": exc.message})
        except Exception as exc:        # the batch fails, the service does not
            log.error("batch %s failed: %s", batch_id, type(exc).__name__, exc_info=exc)
            end = dict(state="failed", error={"code": "batch_failed", "message": "The batch stopped on an error."})
        self._update(batch_id, finished_at=_now(), **end)

    def cancel(self, batch_id: str) -> dict[str, Any]:
        """Ask a queued or running batch to stop; it becomes ``cancelled`` when its thread ends."""
        with self.lock:
            meta = self.read(batch_id)
            if meta["state"] == "cancelling":
                return meta
            if meta["state"] not in ("queued", "running"):
                raise ApiError(409, "batch_not_running", "This batch is not running; only a queued or running "
                               "batch can be cancelled.", {"state": meta["state"]})
            event = self.cancels.get(batch_id)
            if event is None:           # no thread of this service runs it
                raise ApiError(409, "batch_not_running", "This batch is not running in this service.",
                               {"state": meta["state"]})
            meta.update(state="cancelling", cancel_requested_at=_now())
            self._write(meta)
            event.set()
            return meta

    def resume(self, batch_id: str) -> dict[str, Any]:
        """Continue a cancelled or failed batch: the files that already have a row are skipped."""
        with self.lock:
            meta = self.read(batch_id)
            if meta["state"] not in RESUMABLE:
                raise ApiError(409, "batch_not_resumable", "Only a cancelled or failed batch can be resumed.",
                               {"state": meta["state"]})
            if not Path(meta["_source_path"]).exists():
                raise ApiError(409, "batch_not_resumable", "The batch's source is no longer there.",
                               {"state": meta["state"]})
            meta.update(state="queued", finished_at=None, summary=None, error=None, resumed_at=_now(),
                        resumes=meta.get("resumes", 0) + 1)
            self._write(meta)
            self._start(batch_id, resume=True)
            return meta

    def progress(self, meta: dict[str, Any]) -> dict[str, Any]:
        report = self._dir(meta["id"]) / "report"
        failed: dict[str, bool] = {}                # key -> its newest row is an error
        results = report / "results.jsonl"
        if results.exists():
            with results.open("rb") as fh:
                for line in fh:
                    if not line.endswith(b"\n"):
                        continue                      # a line still being written
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    failed[(row.get("batch") or {}).get("key")] = bool(row.get("errors"))
        done, errors = len(failed), sum(failed.values())
        out = {k: v for k, v in meta.items() if not k.startswith("_")}
        out.update(done=done, errors=errors,
                   reports=[n for n in REPORT_FILES if (report / n).exists()] if meta["state"] in REPORTS_READY else [])
        return out

    def list_for(self, user) -> list[dict[str, Any]]:
        rows = []
        for meta_path in sorted(self.root.glob("*/meta.json"), reverse=True)[:200]:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("organisation_id") == user.organisation_id:
                rows.append(self.progress(meta))
        return rows


def manager(request: Request) -> BatchManager:
    app = request.app
    with _MANAGER_LOCK:
        mgr = getattr(app.state, "batches", None)
        if mgr is None:
            mgr = app.state.batches = BatchManager(app.state.runtime)
    return mgr


_MANAGER_LOCK = threading.Lock()


def load_batch(request: Request, user, batch_id: str) -> dict[str, Any]:
    require_role(user, *ROLES)
    meta = manager(request).read(batch_id)
    if meta is None or meta.get("organisation_id") != user.organisation_id:
        raise not_found("batch")
    return meta


async def submit(request: Request, rt: Runtime, user) -> dict[str, Any]:
    """Read a zip upload (field ``file``) or a ``directory`` (JSON or form) and start the batch."""
    require_role(user, *ROLES)
    from starlette.concurrency import run_in_threadpool

    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(422, "validation_error", "The body is not valid JSON.") from None
        directory, upload = (body or {}).get("directory") if isinstance(body, dict) else None, None
    else:
        form = await request.form()
        directory, upload = form.get("directory"), form.get("file")
    mgr = manager(request)
    if upload is not None and not isinstance(upload, str) and upload.filename:
        limit = rt.settings.max_upload_bytes
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise ApiError(413, "payload_too_large", f"The zip is larger than the limit of {limit:,} bytes.",
                           {"limit": limit})
        if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            from reviewer import formats

            raise ApiError(415, "not_a_zip", f"Upload a .zip archive of {', '.join(formats.names()).upper()} files.")
        return await run_in_threadpool(mgr.create, user, zip_bytes=data, filename=upload.filename)
    if isinstance(directory, str) and directory.strip():
        path = check_directory(rt.settings.batch_roots, directory.strip())
        return await run_in_threadpool(mgr.create, user, directory=path)
    raise ApiError(422, "validation_error", "Give a zip file (field 'file') or a server directory ('directory').",
                   {"fields": [{"field": "file"}, {"field": "directory"}]})


router = APIRouter(prefix="/api/batches", tags=["batches"], responses=ERRORS)


@router.post("", status_code=202, summary="Start a batch scan of a zip upload or an allowed directory")
async def create_batch(request: Request, rt: RT, user: CurrentUser):
    meta = await submit(request, rt, user)
    return JSONResponse(manager(request).progress(meta), status_code=202,
                        headers={"Location": f"/api/batches/{meta['id']}"})


@router.get("", summary="Batches of my organisation, newest first")
def list_batches(request: Request, user: CurrentUser) -> dict:
    require_role(user, *ROLES)
    return {"items": manager(request).list_for(user)}


@router.get("/{batch_id}", summary="Progress of a batch: items, done, errors, state")
def get_batch(batch_id: str, request: Request, user: CurrentUser) -> dict:
    return manager(request).progress(load_batch(request, user, batch_id))


@router.post("/{batch_id}/cancel", status_code=202,
             summary="Cancel a queued or running batch: finished rows are kept, reports are written")
def cancel_batch(batch_id: str, request: Request, user: CurrentUser):
    mgr = manager(request)
    meta = mgr.cancel(load_batch(request, user, batch_id)["id"])
    log.info("batch %s: cancel requested by %s", batch_id, user.username)
    return JSONResponse(mgr.progress(meta), status_code=202)


@router.post("/{batch_id}/resume", status_code=202,
             summary="Continue a cancelled or failed batch; files already scanned are skipped")
def resume_batch(batch_id: str, request: Request, user: CurrentUser):
    mgr = manager(request)
    meta = mgr.resume(load_batch(request, user, batch_id)["id"])
    log.info("batch %s: resumed by %s", batch_id, user.username)
    return JSONResponse(mgr.progress(meta), status_code=202, headers={"Location": f"/api/batches/{batch_id}"})


@router.get("/{batch_id}/files/details/{name}", summary="A per-document page linked from report.html")
def get_detail(batch_id: str, name: str, request: Request, user: CurrentUser):
    meta = load_batch(request, user, batch_id)
    if not re.fullmatch(r"[\w.-]+\.html", name) or name.startswith("."):
        raise not_found("report")
    path = manager(request)._dir(meta["id"]) / "report" / "details" / name
    if not path.is_file():
        raise not_found("report")
    return FileResponse(path, media_type="text/html; charset=utf-8")


@router.get("/{batch_id}/files/{name}", summary="A report: report.html, summary.csv, summary.json, results.jsonl")
def get_report(batch_id: str, name: str, request: Request, user: CurrentUser):
    meta = load_batch(request, user, batch_id)
    if name not in REPORT_FILES:
        raise not_found("report")
    path = manager(request)._dir(meta["id"]) / "report" / name
    if not path.exists():
        raise ApiError(409, "report_not_ready", "The batch has not finished; the reports are not written yet.",
                       {"state": meta["state"]})
    disposition = "inline" if name == "report.html" else "attachment"
    return FileResponse(path, media_type=REPORT_FILES[name],
                        headers={"Content-Disposition": f'{disposition}; filename="{meta["id"]}-{name}"'})
