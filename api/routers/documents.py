"""Upload, list and read documents; revised drafts; originals and outputs; background jobs."""

from __future__ import annotations

import json
from datetime import date

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from api import cases
from api.deps import DB, RT, CurrentUser
from api.errors import ApiError, not_found
from api.models import Case, Job, Version
from api.ratelimit import retry_after
from api.schemas import ERRORS, DocumentListOut, JobOut, TextOut
from api.views import case_out, job_out, version_out
from reviewer import formats
from reviewer.review.workflow import WITHHELD

router = APIRouter(prefix="/api", tags=["documents"], responses=ERRORS)



async def _read_upload(rt, file: UploadFile) -> bytes:
    limit = rt.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, "payload_too_large", f"The file is larger than the limit of {limit:,} bytes.",
                       {"limit": "max_upload_bytes", "value": limit})
    return data


def _safe_name(name: str | None) -> str:
    """The client's file name without any directory part or control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or "upload"


def _upload_rate(rt, user) -> None:
    wait = rt.limiter.take(("upload", user.id), rt.settings.upload_rate_per_minute)
    if wait:
        raise ApiError(429, "rate_limited", "Too many uploads; slow down.", {"retry_after_s": round(wait, 1)},
                       headers={"Retry-After": retry_after(wait)})


def _created(db, case, version, job, user, rt=None):
    body = case_out(db, case, user)
    if rt is not None and job is None:
        from api import notify

        notify.after_change(rt, case.id)         # scanned: it waits for the security officer
    db.commit()                       # end the read transaction now (SQLite takes its lock at BEGIN)
    if job is not None:
        body["job"] = job_out(job, case.id)
        return JSONResponse(body, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/documents/{case.id}"})


ACCEPTED = {202: {"description": "Stored; a background job scans it (see the `job` field and the Location header)"}}


@router.post("/documents", status_code=201, responses=ACCEPTED,
             summary="Upload a draft (drafter); small files are scanned at once, large ones in the background")
async def upload(rt: RT, db: DB, user: CurrentUser, file: UploadFile = File(...),
                 title: str | None = Form(default=None)):
    _upload_rate(rt, user)
    data = await _read_upload(rt, file)
    from starlette.concurrency import run_in_threadpool

    case, version, job = await run_in_threadpool(cases.create_version, rt, db, user, data,
                                                 _safe_name(file.filename), None, title)
    return await run_in_threadpool(_created, db, case, version, job, user, rt)


@router.post("/documents/{case_id}/versions", status_code=201, responses=ACCEPTED,
             summary="Upload a revised draft of a returned document (a new version of the same case)")
async def revise(case_id: int, rt: RT, db: DB, user: CurrentUser, file: UploadFile = File(...)):
    _upload_rate(rt, user)
    data = await _read_upload(rt, file)
    from starlette.concurrency import run_in_threadpool

    case = await run_in_threadpool(cases.load_case, db, user, case_id)
    db.commit()
    case, version, job = await run_in_threadpool(cases.create_version, rt, db, user, data,
                                                 _safe_name(file.filename), case, None)
    return await run_in_threadpool(_created, db, case, version, job, user, rt)


@router.get("/documents", response_model=DocumentListOut,
            summary="Documents I may see: filters, full-text search, sorting and pagination with a total")
def list_documents(request: Request, db: DB, user: CurrentUser,
                   q: str | None = Query(default=None, max_length=200,
                                         description="text search over title, 文号 and content (jieba-segmented; all terms must occur)"),
                   state: str | None = Query(default=None, description="a workflow state, e.g. `scanned`"),
                   department: str | None = Query(default=None, max_length=200, description="department name"),
                   attribute: str | None = Query(default=None, description="`proactive`, `on_request` or `not_public`"),
                   uploader: str | None = Query(default=None, max_length=64, description="username of the drafter"),
                   date_from: date | None = Query(default=None, description="uploaded on or after (YYYY-MM-DD)"),
                   date_to: date | None = Query(default=None, description="uploaded on or before (YYYY-MM-DD)"),
                   assigned: bool = Query(default=False, description="only what waits for me now (待我处理)"),
                   sort: str = Query(default="-updated_at", description="id, title, state, department, uploader, "
                                     "created_at or updated_at; a leading `-` sorts descending"),
                   limit: int = Query(default=50, ge=1, le=500), offset: int = Query(default=0, ge=0)) -> dict:
    from api import listing

    unknown = sorted(set(request.query_params.keys()) - set(listing.FILTER_PARAMS))
    if unknown:
        raise ApiError(422, "unknown_field", f"Unknown query parameter(s): {', '.join(unknown)}.",
                       {"fields": [{"field": k, "problem": "unknown parameter"} for k in unknown],
                        "allowed": list(listing.FILTER_PARAMS)})
    f = listing.ListQuery(q=q, state=state, department=department, attribute=attribute, uploader=uploader,
                          date_from=date_from, date_to=date_to, assigned=assigned, sort=sort, limit=limit,
                          offset=offset)
    rows, total = listing.list_cases(db, user, f)
    return {"items": [case_out(db, c, user, full=False) for c in rows], "total": total, "limit": limit,
            "offset": offset}


@router.get("/documents/{case_id}", summary="A document: state, current version, findings, suggestion")
def get_document(case_id: int, db: DB, user: CurrentUser) -> dict:
    return case_out(db, cases.load_case(db, user, case_id), user)


@router.get("/documents/{case_id}/versions/{version_no}", summary="One version with its scan")
def get_version(case_id: int, version_no: int, db: DB, user: CurrentUser) -> dict:
    case = cases.load_case(db, user, case_id)
    v = db.scalar(select(Version).where(Version.case_id == case.id, Version.version_no == version_no))
    if v is None:
        raise not_found("version")
    return version_out(db, v)


@router.get("/documents/{case_id}/text", response_model=TextOut,
            summary="The scanned text of the current version, with the part of the file each block comes from")
def document_text(case_id: int, rt: RT, db: DB, user: CurrentUser) -> dict:
    """Offsets for `POST /manual-spans` index this text (`start`, `end`: characters, end exclusive)."""
    from reviewer.catalogue import part_label

    v = cases.current_version(db, cases.load_case(db, user, case_id))
    if v.scan_status != "done":
        raise ApiError(409, "not_scanned", "The document has not been scanned yet.", {"scan_status": v.scan_status})
    text, blocks = cases.stored_text(rt, v)
    scan = json.loads(v.scan_json or "{}")
    return {"case_id": case_id, "version_no": v.version_no, "text_sha256": scan.get("text_sha256"),
            "chars": len(text), "text": text,
            "blocks": [{"start": b[0], "end": b[1], "part": b[2], "part_label": part_label(b[2]),
                        "paragraph": b[3], "page": b[4]} for b in blocks]}


def _file(rt, sha: str, fmt: str, name: str) -> Response:
    return Response(rt.blobs.get(sha), media_type=formats.mime_type(fmt),
                    headers={"Content-Disposition": f"attachment; filename=\"{name}\"",
                             "X-Content-SHA256": sha, "X-Content-Type-Options": "nosniff"})


@router.get("/documents/{case_id}/original", summary="The uploaded original of the current version")
def original(case_id: int, rt: RT, db: DB, user: CurrentUser) -> Response:
    v = cases.current_version(db, cases.load_case(db, user, case_id))
    return _file(rt, v.original_sha256, v.format, f"original-{case_id}-v{v.version_no}{formats.get(v.format).extension}")


@router.get("/documents/{case_id}/output", summary="The redacted output (the version that is signed and published)")
def output(case_id: int, rt: RT, db: DB, user: CurrentUser) -> Response:
    case = cases.load_case(db, user, case_id)
    v = cases.current_version(db, case)
    if case.state == WITHHELD:
        raise ApiError(409, "withheld", "The review concluded 不予公开 (not to be disclosed); "
                       "there is no version for release. The review record states the conclusion and its basis.",
                       {"state": case.state, "attribute": v.attribute, "record": f"/api/documents/{case_id}/record"})
    if case.state == "recalled":
        from api.review_bulk import recall_of

        rec = recall_of(db, case_id) or {}
        raise ApiError(410, "recalled", "The published document was recalled.",
                       {"state": case.state, "reason": rec.get("reason"), "recalled_at": rec.get("at"),
                        "record": f"/api/documents/{case_id}/record"})
    if not v.output_sha256:
        raise ApiError(409, "no_output", "The redactions have not been approved yet.")
    fmt = v.output_format or v.format
    return _file(rt, v.output_sha256, fmt, f"public-{case_id}-v{v.version_no}{formats.get(fmt).extension}")


@router.get("/jobs/{job_id}", response_model=JobOut, summary="Status of a background analysis")
def job_status(job_id: int, db: DB, user: CurrentUser) -> dict:
    job = db.get(Job, job_id)
    if job is None:
        raise not_found("job")
    v = db.get(Version, job.version_id)
    case = cases.load_case(db, user, v.case_id)
    return job_out(job, case.id)
