"""删除审批, 签发, 审查记录: the security officer's decisions and the three tiers' sign-offs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from api import cases, notify, records as record_builder, review_service as svc
from api.deps import DB, RT
from api.errors import ApiError
from api.schemas import mask_style_names
from api.web.common import Ctx, message_for, render, wants_json
from api.web import page_images
from api.web.pages import load_doc, suggestion_view
from api.web.textview import MASK_STYLES, redacted_preview, segments
from reviewer.errors import ReviewerError
from reviewer.review.workflow import TIERS

router = APIRouter(include_in_schema=False)


def _form_error(request: Request, exc: ReviewerError, back: str):
    text = message_for(exc.code, exc.message)
    if wants_json(request):
        return JSONResponse({"error": {"code": exc.code, "message": text, "details": exc.details or {}}},
                            status_code=exc.http_status)
    from api.web.errors import error_page

    return error_page(request, exc.http_status, exc.code, text=text, back=back)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.get("/documents/{case_id}/review")
def review_page(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx, mask: str = "partial", done: int = 0):
    doc, text = load_doc(rt, db, ctx, case_id)
    ver = doc.get("current_version") or {}
    findings = (ver.get("scan") or {}).get("findings", [])
    manual = ver.get("manual_spans") or []
    mask = mask if mask in MASK_STYLES else "partial"
    try:
        preview, summary = redacted_preview(text, findings, manual, mask)
    except ReviewerError as exc:          # a stale span: show the page, say what is wrong
        preview, summary = text, {"error": message_for(exc.code, exc.message)}
    return render(request, "review.html", ctx, doc=doc, ver=ver, findings=findings, manual=manual,
                  segs=segments(text, findings, manual, doc["text_blocks"]), preview=preview, summary=summary, mask=mask,
                  sug=suggestion_view(doc), can_decide="decide_redactions" in doc["allowed_actions"], done=done,
                  can_approve="approve_redactions" in doc["allowed_actions"],
                  pictures=page_images.view(db, ctx.user, case_id))


@router.post("/documents/{case_id}/decide")
async def decide(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    f = await _form(request)
    item = {"finding_id": f.get("finding_id", ""), "decision": f.get("decision", ""),
            "reason": f.get("reason") or None}
    back = f"/documents/{case_id}/review"
    if item["decision"] not in ("accept", "reject") or not item["finding_id"]:
        return _form_error(request, ApiError(422, "validation_error", "请选择“删除”或“保留”。"), back)
    try:
        rows = await run_in_threadpool(svc.decide, rt, db, ctx.user, case_id, [item])
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    if wants_json(request):
        return {"finding_id": rows[0].finding_id, "decision": rows[0].decision}
    return RedirectResponse(back + f"#f-{item['finding_id']}", status_code=303)


@router.post("/documents/{case_id}/manual")
async def manual_span(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    f = await _form(request)
    back = f"/documents/{case_id}/review"
    try:
        start, end = int(f.get("start", "")), int(f.get("end", ""))
    except ValueError:
        return _form_error(request, ApiError(422, "bad_span", "先在正文中用鼠标选中要删除的文字。"), back)
    if end <= start:
        return _form_error(request, ApiError(422, "bad_span", "先在正文中用鼠标选中要删除的文字。"), back)
    try:
        row = await run_in_threadpool(svc.add_manual_span, rt, db, ctx.user, case_id, start, end,
                                      f.get("reason", "").strip(), f.get("basis", "").strip())
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    if wants_json(request):
        return {"id": row.id, "start": row.start, "end": row.end, "text": row.text}
    return RedirectResponse(back, status_code=303)


@router.post("/documents/{case_id}/approve")
async def approve(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    f = await _form(request)
    back = f"/documents/{case_id}/review"
    attribute = f.get("attribute") or None
    if attribute not in (None, "proactive", "on_request", "not_public"):
        return _form_error(request, ApiError(422, "validation_error", "请选择公开属性。"), back)
    style = f.get("mask") or None       # the mask style chosen for the preview builds the published file
    if style is not None and (style not in MASK_STYLES or style not in mask_style_names()):
        return _form_error(request, ApiError(422, "validation_error", "请选择遮盖方式。"), back)
    try:
        await run_in_threadpool(svc.approve_redactions, rt, db, ctx.user, case_id, attribute,
                                f.get("comment", "").strip(), style)
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    notify.after_change(rt, case_id)
    return RedirectResponse(f"/documents/{case_id}/sign", status_code=303)


@router.get("/documents/{case_id}/sign")
def sign_page(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    doc, text = load_doc(rt, db, ctx, case_id)
    ver = doc.get("current_version") or {}
    findings = (ver.get("scan") or {}).get("findings", [])
    manual = ver.get("manual_spans") or []
    preview = ""
    if ver.get("output_sha256"):         # what is signed: the text of the verified output itself
        from reviewer.parsers import parse_bytes

        out_fmt = ver.get("output_format") or ver.get("format")
        try:
            preview = parse_bytes(rt.blobs.get(ver["output_sha256"]), filename=f"output.{out_fmt}",
                                  limits=rt.settings.limits).text
        except ReviewerError:
            preview = ""
    if not preview:
        try:
            preview, _summary = redacted_preview(text, findings, manual, "partial")
        except ReviewerError:
            preview = ""
    sigs = [{"tier": s.tier, "label": TIERS[s.tier][3], "name": u.display_name, "at": s.created_at,
             "payload": s.payload, "fingerprint": k.fingerprint}
            for s, k, u in svc.signatures_of(db, cases.load_case(db, ctx.user, case_id))]
    due = doc.get("tier_due")
    from api.review_bulk import recall_of

    recall = recall_of(db, case_id) if doc["state"] == "recalled" else None
    return render(request, "sign.html", ctx, doc=doc, ver=ver, preview=preview, sigs=sigs, due=due, recall=recall,
                  can_sign=bool(due) and f"sign_tier{due}" in doc["allowed_actions"],
                  can_return="return" in doc["allowed_actions"], sug=suggestion_view(doc))


@router.post("/documents/{case_id}/sign")
async def sign(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    f = await _form(request)
    back = f"/documents/{case_id}/sign"
    decision = f.get("decision", "approve")
    opinion = f.get("opinion", "").strip()
    if decision not in ("approve", "return", "reject"):
        return _form_error(request, ApiError(422, "validation_error", "请选择签发意见。"), back)
    if decision != "approve" and not opinion:
        return _form_error(request, ApiError(422, "comment_required", "退回修改须填写意见。"), back)
    try:
        tier = int(f.get("tier", "0"))
    except ValueError:
        tier = 0
    try:
        if decision == "return":
            await run_in_threadpool(svc.return_for_revision, rt, db, ctx.user, case_id, opinion)
        else:
            await run_in_threadpool(svc.sign, rt, db, ctx.user, case_id, tier, decision, opinion or "同意")
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    notify.after_change(rt, case_id)
    return RedirectResponse(back, status_code=303)


@router.get("/documents/{case_id}/record")
def record_page(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    case = cases.load_case(db, ctx.user, case_id)
    record = record_builder.build(db, case, cases.current_version(db, case))
    doc, _text = load_doc(rt, db, ctx, case_id)
    return render(request, "record.html", ctx, doc=doc, rec=record.to_dict(), record=record)


@router.post("/documents/{case_id}/bulk")
async def bulk_decide(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    """同类全部删除 / 相同文字全部删除 / 接受全部删除建议, with one reason."""
    from api import review_bulk

    f = await _form(request)
    back = f"/documents/{case_id}/review"
    scope, decision = f.get("scope", ""), f.get("decision", "")
    select_by, _, value = scope.partition(":")          # suggested | type:<type> | text (+ the text field)
    if select_by == "text":
        value = f.get("text", "")
    if select_by not in review_bulk.SELECTORS or decision not in ("accept", "reject"):
        return _form_error(request, ApiError(422, "validation_error", "请选择批量处理的范围和决定。"), back)
    try:
        rows = await run_in_threadpool(review_bulk.bulk_decide, rt, db, ctx.user, case_id, select_by, value,
                                       decision, f.get("reason") or None, None)
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    if wants_json(request):
        return {"count": len(rows)}
    mask = f.get("mask") if f.get("mask") in MASK_STYLES else "partial"
    return RedirectResponse(back + f"?mask={mask}&done={len(rows)}", status_code=303)


@router.post("/documents/{case_id}/undo")
async def undo_decision(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    from api import review_bulk

    f = await _form(request)
    back = f"/documents/{case_id}/review"
    try:
        await run_in_threadpool(review_bulk.undo_decision, rt, db, ctx.user, case_id, f.get("finding_id", ""))
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    return RedirectResponse(back + f"#f-{f.get('finding_id', '')}", status_code=303)


@router.post("/documents/{case_id}/manual/{span_id}/remove")
async def remove_manual(case_id: int, span_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    from api import review_bulk

    back = f"/documents/{case_id}/review"
    try:
        await run_in_threadpool(review_bulk.remove_manual_span, rt, db, ctx.user, case_id, span_id)
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    return RedirectResponse(back, status_code=303)


@router.post("/documents/{case_id}/withdraw")
async def withdraw(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    from api import review_bulk

    f = await _form(request)
    back = f"/documents/{case_id}/sign"
    try:
        await run_in_threadpool(review_bulk.withdraw_approval, rt, db, ctx.user, case_id, f.get("reason", ""))
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    notify.after_change(rt, case_id)
    return RedirectResponse(f"/documents/{case_id}/review", status_code=303)


@router.post("/documents/{case_id}/recall")
async def recall(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    from api import review_bulk

    f = await _form(request)
    back = f"/documents/{case_id}/sign"
    try:
        await run_in_threadpool(review_bulk.recall, rt, db, ctx.user, case_id, f.get("reason", ""))
    except ReviewerError as exc:
        db.rollback()
        return _form_error(request, exc, back)
    return RedirectResponse(back, status_code=303)
