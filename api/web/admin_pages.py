"""用户管理 (admin) and 批量扫描 (security officer, admin) pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from api import accounts, batches
from api.deps import DB, RT, require_role
from api.models import Department, User
from api.views import user_out
from api.web.common import Ctx, message_for, render
from reviewer.errors import ReviewerError
from reviewer.review.workflow import ROLES

router = APIRouter(include_in_schema=False)


def _users_page(request, db, ctx, status=200, errors=None, form=None, created=None):
    users = [user_out(u) | {"active": u.is_active}
             for u in db.scalars(select(User).where(User.organisation_id == ctx.user.organisation_id).order_by(User.id))]
    depts = [d.name for d in db.scalars(select(Department).where(
        Department.organisation_id == ctx.user.organisation_id).order_by(Department.id))]
    return render(request, "users.html", ctx, status=status, users=users, depts=depts, all_roles=ROLES,
                  errors=errors or {}, form=form or {"roles": []}, created=created)


@router.get("/admin/users")
def users_page(request: Request, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    return _users_page(request, db, ctx, created=request.query_params.get("created"))


@router.post("/admin/users")
async def create_user(request: Request, rt: RT, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    form = await request.form()
    f = {"username": str(form.get("username", "")).strip(), "display_name": str(form.get("display_name", "")).strip(),
         "department": str(form.get("department", "")).strip(), "roles": [str(r) for r in form.getlist("roles")]}
    password = str(form.get("password", ""))
    errors = {}
    import re

    if not re.fullmatch(r"[A-Za-z0-9_.\-]{2,64}", f["username"]):
        errors["username"] = "用户名须为 2–64 位英文字母、数字或 _ . -。"
    if not f["display_name"]:
        errors["display_name"] = "请填写姓名。"
    if len(password) < 8:
        errors["password"] = "密码至少 8 位。"
    if not f["roles"] or any(r not in ROLES for r in f["roles"]):
        errors["roles"] = "请至少选择一个角色。"
    elif {"drafter", "dept_head"} & set(f["roles"]) and not f["department"]:
        errors["department"] = "承办人员和部门负责人必须填写所属部门。"
    if not errors:
        try:
            await run_in_threadpool(accounts.create_user, rt, db, f["username"], f["display_name"], password,
                                    f["roles"], f["department"] or None, actor=ctx.user,
                                    organisation_id=ctx.user.organisation_id)
        except ReviewerError as exc:
            db.rollback()
            errors["username" if exc.code == "username_taken" else "form"] = message_for(exc.code, exc.message)
    if errors:
        return _users_page(request, db, ctx, status=422, errors=errors, form=f)
    return RedirectResponse(f"/admin/users?created={f['username']}", status_code=303)


@router.get("/batches")
def batches_page(request: Request, rt: RT, ctx: Ctx):
    require_role(ctx.user, *batches.ROLES)
    return render(request, "batches.html", ctx, items=batches.manager(request).list_for(ctx.user), error=None,
                  roots=[str(r) for r in rt.settings.batch_roots])


@router.post("/batches")
async def start_batch(request: Request, rt: RT, ctx: Ctx):
    try:
        meta = await batches.submit(request, rt, ctx.user)
    except ReviewerError as exc:
        text = message_for(exc.code, "")
        if exc.code == "validation_error":
            text = "请选择一个 zip 压缩包，或填写服务器上允许扫描的目录。"
        elif exc.code == "not_a_zip":
            text = "上传的文件不是 zip 压缩包，请把待扫描的 DOCX、PDF、TXT 文件打包成 zip 后上传。"
        elif not text:
            text = exc.message
        return render(request, "batches.html", ctx, status=exc.http_status, items=batches.manager(request).list_for(ctx.user),
                      error={"code": exc.code, "message": text}, roots=[str(r) for r in rt.settings.batch_roots])
    return RedirectResponse(f"/batches/{meta['id']}", status_code=303)


@router.get("/batches/{batch_id}")
def batch_page(batch_id: str, request: Request, ctx: Ctx):
    meta = batches.load_batch(request, ctx.user, batch_id)
    return render(request, "batch.html", ctx, b=batches.manager(request).progress(meta))
