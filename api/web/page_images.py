"""The review page's pictures: each scanned page (or frame) with the findings' boxes drawn
on it, and the form by which the security officer marks an unreadable page as checked
by eye (api/page_checks.py, audited)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api import cases, page_checks
from api.deps import DB, RT
from api.errors import ApiError
from api.web.common import Ctx
from reviewer.errors import ReviewerError
from reviewer.ocr.preview import COLOURS, page_png

router = APIRouter(include_in_schema=False)


def picture_pages(scan: dict) -> dict:
    """For the template: pages read by OCR, pages that could not be read, and which the
    officer has already checked (filled in by the route)."""
    read, unreadable = [], []
    for w in scan.get("warnings", []):
        d = w.get("details") or {}
        if w.get("code") == "ocr_read":
            read.extend(d.get("pages") or [])
        elif w.get("code") == "ocr_unreadable":
            unreadable.extend(d.get("pages") or [])
    return {"pages": sorted(set(read) | set(unreadable), key=str), "unreadable": sorted(set(unreadable), key=str)}


def view(db, user, case_id: int) -> dict:
    """What the review page shows of the pictures: pages, unreadable ones, checked marks."""
    version = cases.current_version(db, cases.load_case(db, user, case_id))
    out = picture_pages(json.loads(version.scan_json or "{}"))
    out["checked"] = page_checks.checked_pages(db, version)
    out["boxes"] = page_checks.boxes_of(db, version)
    boxed = {str(b["page"]) for b in out["boxes"]}
    out["unchecked"] = [p for p in out["unreadable"] if str(p) not in out["checked"] and str(p) not in boxed]
    out["can_box"] = version.format in ("pdf", "image")
    return out


def _boxes(findings: list[dict], page: int):
    out = []
    for i, f in enumerate(findings, 1):
        for bb in (f.get("location") or {}).get("bboxes") or []:
            if bb.get("page") == page:
                out.append((i, tuple(bb["bbox"]), COLOURS.get(f.get("action"), COLOURS["review"])))
    return out


@router.get("/documents/{case_id}/pages/{page}.png")
def page_picture(case_id: int, page: int, rt: RT, db: DB, ctx: Ctx):
    case = cases.load_case(db, ctx.user, case_id)
    version = cases.current_version(db, case)
    scan = json.loads(version.scan_json or "{}")
    fmt = version.format
    data = rt.blobs.get(version.original_sha256)
    try:
        drawn = [("", tuple(b["bbox"]), COLOURS["manual"]) for b in page_checks.boxes_of(db, version)
                 if b["page"] == page]
        png = page_png(data, fmt, page, _boxes(scan.get("findings", []), page) + drawn)
    except ReviewerError as exc:
        raise ApiError(404, "not_found", exc.message, {"page": page}) from None
    return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})   # boxes drawn since change it


@router.post("/documents/{case_id}/page-checks")
async def mark_checked(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    from api.web.review_pages import _form, _form_error

    f = await _form(request)
    back = f"/documents/{case_id}/review"
    pages = [int(p) if p.strip().isdigit() else p.strip() for p in f.get("pages", "").split(",") if p.strip()]
    try:
        await run_in_threadpool(page_checks.mark_checked, rt, db, ctx.user, case_id, pages, f.get("note", ""))
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    return RedirectResponse(back + "#page-pictures", status_code=303)


@router.post("/documents/{case_id}/page-boxes")
async def draw_box(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    """A box drawn on the page picture (fractions of the picture, from review.js): painted out
    in the published copy (api/page_checks.add_box)."""
    from api.web.review_pages import _form, _form_error
    from reviewer.ocr.preview import fraction_box_to_units

    f = await _form(request)
    back = f"/documents/{case_id}/review"
    try:
        page = int(f.get("page", ""))
        frac = [float(f.get(k, "")) for k in ("fx0", "fy0", "fx1", "fy1")]
    except ValueError:
        return _form_error(request, ApiError(422, "bad_manual_box", "请先在页面图像上拖动鼠标框选要删除的区域。"), back)
    try:
        version = cases.current_version(db, cases.load_case(db, ctx.user, case_id))
        bbox = fraction_box_to_units(rt.blobs.get(version.original_sha256), version.format, page, frac)
        await run_in_threadpool(page_checks.add_box, rt, db, ctx.user, case_id, page, bbox, f.get("note", ""))
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    return RedirectResponse(back + "#page-pictures", status_code=303)
