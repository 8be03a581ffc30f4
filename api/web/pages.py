"""我的文件, 上传, 文件详情: listing, uploading and reading documents in the web UI."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from api import cases
from api.deps import DB, RT
from api.models import Case
from api.views import case_out
from api.web.common import Ctx, message_for, render, wants_json
from api.web.textview import segments
from reviewer import formats
from reviewer.errors import ReviewerError

router = APIRouter(include_in_schema=False)


def tier_status(doc: dict) -> list[dict]:
    """For each tier: signed, due now, or still to come (for the list and the detail page)."""
    from reviewer.review.workflow import TIERS

    out = []
    decided = {int(k): v for k, v in (doc.get("tier_decisions") or {}).items()}
    stopped = doc["state"] in ("returned", "rejected")
    for tier, (_role, _before, _after, label) in TIERS.items():
        if stopped and decided.get(tier) == "return":
            status, text = "returned", "退回修改"
        elif stopped and decided.get(tier) == "reject":
            status, text = "returned", "不同意"
        elif stopped and tier in decided:      # an approval of a draft that went back: void, not green
            status, text = "void", "已签（稿件已退回）" if doc["state"] == "returned" else "已签（已否决）"
        elif tier in doc.get("signed_tiers", ()) or doc["state"] in ("published", "withheld"):
            status, text = "done", "已签"
        elif doc.get("tier_due") == tier:
            status, text = "due", "待签"
        elif doc["state"] in ("returned", "rejected"):
            status, text = "stopped", "—"
        else:
            status, text = "todo", "未到"
        out.append({"tier": tier, "label": label, "status": status, "text": text})
    return out


PAGE_SIZES = (20, 50, 100)


@router.get("/documents")
def my_documents(request: Request, db: DB, ctx: Ctx):
    """我的文件: the same filters, search, sorting and total as GET /api/documents."""
    from datetime import date

    from api import listing
    from api.models import Department, User

    p = request.query_params

    def day(name: str):
        raw = (p.get(name) or "").strip()
        if not raw:
            return None
        try:
            y, m, d = (int(x) for x in raw.replace("/", "-").replace(".", "-").split("-"))
            return date(y, m, d)
        except ValueError:
            raise_page(422, "validation_error", f"日期“{raw}”的格式不对，请按 年-月-日（如 2026-12-01）填写。", "/documents")

    try:
        size = int(p.get("limit") or 20)
        page_no = max(int(p.get("page") or 1), 1)
    except ValueError:
        size, page_no = 20, 1
    size = size if size in PAGE_SIZES else 20
    f = listing.ListQuery(q=(p.get("q") or "").strip() or None, state=p.get("state") or None,
                          department=p.get("department") or None, attribute=p.get("attribute") or None,
                          uploader=p.get("uploader") or None, date_from=day("date_from"), date_to=day("date_to"),
                          assigned=p.get("assigned") in ("1", "true", "on"), sort=p.get("sort") or "-updated_at",
                          limit=size, offset=(page_no - 1) * size)
    rows, total = listing.list_cases(db, ctx.user, f)
    docs = [case_out(db, c, ctx.user, full=False) for c in rows]
    for d in docs:
        d["tiers"] = tier_status(d)
    depts = list(db.scalars(select(Department.name).where(Department.organisation_id == ctx.user.organisation_id)
                            .order_by(Department.name)))
    if not (ctx.roles & cases.ORG_WIDE_ROLES):
        depts = [ctx.user.department.name] if ctx.user.department else []
    uploaders = list(db.execute(select(User.username, User.display_name).where(
        User.organisation_id == ctx.user.organisation_id).order_by(User.display_name)))
    pages = max((total + size - 1) // size, 1)
    keep = {k: v for k, v in p.items() if k not in ("page",) and v}

    def link(**changes) -> str:
        from urllib.parse import urlencode

        q = {**keep, **{k: v for k, v in changes.items() if v is not None}}
        q = {k: v for k, v in q.items() if v not in ("", None)}
        return "/documents" + ("?" + urlencode(q) if q else "")

    return render(request, "documents.html", ctx, docs=docs, f=f, total=total, page_no=page_no, pages=pages,
                  size=size, sizes=PAGE_SIZES, depts=depts, uploaders=uploaders, link=link, state=f.state or "",
                  filtered=any(keep.get(k) for k in ("q", "state", "department", "attribute", "uploader",
                                                     "date_from", "date_to", "assigned")))


INBOX_STEPS = (  # state → (what waits, the role that acts)
    ("scanned", "删除审批", "security_officer"),
    ("redactions_approved", "承办人员初审", "drafter"),
    ("tier1_signed", "承办部门负责人审核", "dept_head"),
    ("tier2_signed", "单位负责人审发", "unit_head"),
    ("returned", "退回修改（上传修改稿）", "drafter"),
)


@router.get("/inbox")
def inbox(request: Request, ctx: Ctx):
    """待我处理: what waits for me now, with a count per tier and role."""
    from api.web.common import inbox_counts
    from reviewer.review.workflow import ROLE_LABELS

    counts = inbox_counts(request, ctx.user)
    steps = [{"state": st, "label": label, "role": ROLE_LABELS[role], "n": counts.get(st, 0)}
             for st, label, role in INBOX_STEPS if role in ctx.roles]
    return render(request, "inbox.html", ctx, steps=steps, inbox_total=sum(counts.values()))


@router.get("/upload")
def upload_page(request: Request, rt: RT, ctx: Ctx):
    return render(request, "upload.html", ctx, error=None, max_bytes=rt.settings.max_upload_bytes)


def _upload_error(request: Request, rt, ctx, status: int, code: str, text: str):
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": text, "details": {}}}, status_code=status)
    return render(request, "upload.html", ctx, status=status, error={"code": code, "message": text},
                  max_bytes=rt.settings.max_upload_bytes)


@router.post("/upload")
async def upload(request: Request, rt: RT, db: DB, ctx: Ctx):
    from api.routers.documents import _upload_rate

    form = await request.form()
    file = form.get("file")
    title = str(form.get("title") or "").strip() or None
    if file is None or isinstance(file, str) or not file.filename:
        return _upload_error(request, rt, ctx, 422, "no_file", f"请选择要上传的文件（{formats.labels()}）。")
    limit = rt.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if not data:
        return _upload_error(request, rt, ctx, 422, "empty_file",
                             f"文件“{file.filename}”是空的（0 字节），请选择一个有内容的 {formats.labels()} 文件。")
    if len(data) > limit:
        return _upload_error(request, rt, ctx, 413, "payload_too_large",
                             f"文件超过了 {limit // (1024 * 1024)} MB 的上限，请拆分或压缩后再上传。")
    try:
        _upload_rate(rt, ctx.user)
        case, _version, _job = await run_in_threadpool(cases.create_version, rt, db, ctx.user, data,
                                                        file.filename, None, title)
    except ReviewerError as exc:
        db.rollback()
        return _upload_error(request, rt, ctx, exc.http_status, exc.code, message_for(exc.code, exc.message))
    if _job is None:
        from api import notify

        notify.after_change(rt, case.id)
    target = f"/documents/{case.id}"
    if wants_json(request):
        return JSONResponse({"redirect": target, "id": case.id}, status_code=201)
    return RedirectResponse(target, status_code=303)


def load_doc(rt, db, ctx, case_id: int) -> tuple[dict, str]:
    """The case as the API shows it, plus the extracted text of its current version."""
    case = cases.load_case(db, ctx.user, case_id)
    doc = case_out(db, case, ctx.user)
    text, blocks = ("", [])
    if case.current_version_id:
        text, blocks = cases.stored_text(rt, cases.current_version(db, case))
    doc["text_blocks"] = blocks
    doc["tiers"] = tier_status(doc)
    return doc, text


def suggestion_view(doc: dict) -> dict:
    ver = doc.get("current_version") or {}
    scan = ver.get("scan") or {}
    sug = scan.get("suggestion") or {}
    declared = scan.get("declared_attribute") or (scan.get("structure") or {}).get("declared_attribute")
    suggested = sug.get("attribute")
    return {"suggested": suggested, "label": sug.get("label"), "confidence": sug.get("confidence"),
            "reasons": sug.get("reasons") or [], "needs_human": sug.get("needs_human"),
            "needs_human_reasons": sug.get("needs_human_reasons") or [],
            "override_note": (sug.get("declared_check") or {}).get("override_note"),
            "declared": declared,
            "declared_text": (scan.get("structure") or {}).get("declared_attribute_text"),
            "chosen": ver.get("attribute"),
            "disagree": bool(declared and suggested and declared != suggested)}


EVENT_LABELS = {
    "document.uploaded": "上传", "document.revised": "上传修改稿", "document.scanned": "扫描完成",
    "redactions.decided": "删除决定", "redactions.manual_span": "人工标注删除", "redactions.approved": "批准删除",
    "redactions.undone": "撤销删除决定", "redactions.manual_span_removed": "移除人工标注",
    "redactions.withdrawn": "撤回删除批准", "document.recalled": "撤回发布",
    "document.returned": "退回修改", "document.published": "发布",
    "document.withheld": "审查完毕，不予公开",
    "tier1.approve": "承办人员初审：同意", "tier2.approve": "承办部门负责人审核：同意",
    "tier3.approve": "单位负责人审发：同意", "tier1.return": "承办人员初审：退回修改",
    "tier2.return": "承办部门负责人审核：退回修改", "tier3.return": "单位负责人审发：退回修改",
    "tier2.reject": "承办部门负责人审核：不同意", "tier3.reject": "单位负责人审发：不同意",
}


def history(db, case_id: int) -> list[dict]:
    """The document's audit events in words, with any comment or opinion."""
    from api import audit_store
    from api.models import User

    names = dict(db.execute(select(User.username, User.display_name)).all())
    out = []
    for ev in audit_store.iter_events(db, case_id=case_id):
        if ev.get("action") not in EVENT_LABELS:
            continue
        data = ev.get("data") if isinstance(ev.get("data"), dict) else {}
        out.append({"at": str(ev.get("at", ""))[:16].replace("T", " "), "who": names.get(ev.get("actor"), ev.get("actor") or ""),
                    "what": EVENT_LABELS[ev["action"]], "note": data.get("comment") or data.get("opinion") or data.get("reason") or "",
                    "returned": ev["action"].endswith(".return") or ev["action"] == "document.returned"})
    return out


@router.post("/documents/{case_id}/revise")
async def revise(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    """A drafter uploads a revised draft of a returned document: a new version of the same case."""
    form = await request.form()
    file = form.get("file")
    back = f"/documents/{case_id}"
    if file is None or isinstance(file, str) or not file.filename:
        raise_page(422, "no_file", "请选择修改后的文件再上传。", back)
    data = await file.read(rt.settings.max_upload_bytes + 1)
    if not data:
        raise_page(422, "empty_file", f"文件“{file.filename}”是空的（0 字节），请选择修改后的文件。", back)
    try:
        case = await run_in_threadpool(cases.load_case, db, ctx.user, case_id)
        db.commit()
        await run_in_threadpool(cases.create_version, rt, db, ctx.user, data, file.filename, case, None)
    except ReviewerError as exc:
        db.rollback()
        raise_page(exc.http_status, exc.code, message_for(exc.code, exc.message), back)
    from api import notify

    notify.after_change(rt, case_id)
    return RedirectResponse(back, status_code=303)


def raise_page(status: int, code: str, message: str, back: str):
    from api.web.errors import PageError

    raise PageError(status, code, message, back)


@router.get("/documents/{case_id}")
def document_view(case_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    doc, text = load_doc(rt, db, ctx, case_id)
    ver = doc.get("current_version") or {}
    findings = (ver.get("scan") or {}).get("findings", [])
    recognised = (ver.get("scan") or {}).get("recognised", [])
    return render(request, "document.html", ctx, doc=doc, ver=ver, findings=findings, recognised=recognised,
                  can_promote="security_officer" in ctx.roles and doc["state"] in ("scanned", "redactions_approved"),
                  segs=segments(text, findings, ver.get("manual_spans") or [], doc["text_blocks"]),
                  sug=suggestion_view(doc), warnings=(ver.get("scan") or {}).get("warnings") or [],
                  scan_error=ver.get("scan_error"), history=history(db, case_id),
                  can_revise="drafter" in ctx.roles and doc["state"] in ("returned", "scanned", "uploaded")
                  and ctx.user.department_id == doc["department_id"],
                  explanation_json=lambda e: json.dumps(e, ensure_ascii=False))
