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
from reviewer import formats
from reviewer.errors import ReviewerError
from reviewer.review.workflow import ROLES

router = APIRouter(include_in_schema=False)


def _users_page(request, db, ctx, status=200, errors=None, form=None, created=None):
    users = [user_out(u)
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


# ---- one user: roles and department, password reset, disable / re-enable

DONE_TEXT = {
    "updated": "已保存角色、部门和姓名。",
    "disabled": "已停用该用户：其登录会话和令牌已立即失效，已有签名仍然有效、可以验证。",
    "enabled": "已重新启用该用户，其可以重新登录（停用前的会话不会恢复）。",
    "password": "已设置新密码，该用户的所有登录会话和令牌已结束。",
}


def _user_page(request, db, ctx, user_id: int, status=200, errors=None, form=None, done=None, generated=None):
    target = accounts.org_user(db, ctx.user, user_id)
    u = user_out(target)
    depts = [d.name for d in db.scalars(select(Department).where(
        Department.organisation_id == ctx.user.organisation_id).order_by(Department.id))]
    resp = render(request, "user.html", ctx, status=status, u=u, depts=depts, all_roles=ROLES, errors=errors or {},
                  form=form or {"roles": u["roles"], "department": u["department"] or "",
                                "display_name": u["display_name"]},
                  done=DONE_TEXT.get(done or ""), generated=generated, is_self=target.id == ctx.user.id)
    if generated:
        resp.headers["Cache-Control"] = "no-store"        # the generated password is shown once
    return resp


def _error_text(exc: ReviewerError) -> str:
    return message_for(exc.code, exc.message)


@router.get("/admin/users/{user_id}")
def user_page(user_id: int, request: Request, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    return _user_page(request, db, ctx, user_id, done=request.query_params.get("done"))


@router.post("/admin/users/{user_id}/roles")
async def update_user(user_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    form = await request.form()
    f = {"display_name": str(form.get("display_name", "")).strip(), "department": str(form.get("department", "")).strip(),
         "roles": [str(r) for r in form.getlist("roles")]}
    errors = {}
    if not f["display_name"]:
        errors["display_name"] = "请填写姓名。"
    if not f["roles"] or any(r not in ROLES for r in f["roles"]):
        errors["roles"] = "请至少选择一个角色。"
    elif {"drafter", "dept_head"} & set(f["roles"]) and not f["department"]:
        errors["department"] = "承办人员和部门负责人必须填写所属部门。"
    if not errors:
        try:
            await run_in_threadpool(accounts.update_user, rt, db, ctx.user, user_id, roles=f["roles"],
                                    department_name=f["department"] or None, display_name=f["display_name"])
        except ReviewerError as exc:
            db.rollback()
            if exc.code == "not_found":
                raise
            errors["roles_form"] = _error_text(exc)
    if errors:
        return _user_page(request, db, ctx, user_id, status=422, errors=errors, form=f)
    if user_id == ctx.user.id and "admin" not in f["roles"]:     # no longer an admin: leave the admin pages
        return RedirectResponse("/documents", status_code=303)
    return RedirectResponse(f"/admin/users/{user_id}?done=updated", status_code=303)


@router.post("/admin/users/{user_id}/password")
async def reset_password(user_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    form = await request.form()
    mode = str(form.get("mode", ""))
    password = str(form.get("password", ""))
    if mode == "set" and len(password) < 8:
        return _user_page(request, db, ctx, user_id, status=422,
                          errors={"password": "新密码至少 8 位；也可以点“生成随机密码”。"})
    try:
        target, generated, _ended = await run_in_threadpool(accounts.reset_password, rt, db, ctx.user, user_id,
                                                            password if mode == "set" else None)
    except ReviewerError as exc:
        db.rollback()
        if exc.code == "not_found":
            raise
        return _user_page(request, db, ctx, user_id, status=exc.http_status, errors={"password": _error_text(exc)})
    if target.id == ctx.user.id:                # own sessions ended too: sign in again
        return RedirectResponse("/login", status_code=303)
    if generated:
        return _user_page(request, db, ctx, user_id, generated=generated)
    return RedirectResponse(f"/admin/users/{user_id}?done=password", status_code=303)


@router.post("/admin/users/{user_id}/disable")
async def disable_user(user_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    form = await request.form()
    if form.get("confirm") != "yes":
        return _user_page(request, db, ctx, user_id, status=422,
                          errors={"disable": "请先勾选“确认停用”，再点“停用用户”。"})
    try:
        await run_in_threadpool(accounts.set_active, rt, db, ctx.user, user_id, False)
    except ReviewerError as exc:
        db.rollback()
        if exc.code == "not_found":
            raise
        return _user_page(request, db, ctx, user_id, status=exc.http_status, errors={"disable": _error_text(exc)})
    return RedirectResponse(f"/admin/users/{user_id}?done=disabled", status_code=303)


@router.post("/admin/users/{user_id}/enable")
async def enable_user(user_id: int, request: Request, rt: RT, db: DB, ctx: Ctx):
    require_role(ctx.user, "admin")
    await run_in_threadpool(accounts.set_active, rt, db, ctx.user, user_id, True)
    return RedirectResponse(f"/admin/users/{user_id}?done=enabled", status_code=303)


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
            text = f"上传的文件不是 zip 压缩包，请把待扫描的 {formats.labels()} 文件打包成 zip 后上传。"
        elif not text:
            text = exc.message
        return render(request, "batches.html", ctx, status=exc.http_status, items=batches.manager(request).list_for(ctx.user),
                      error={"code": exc.code, "message": text}, roots=[str(r) for r in rt.settings.batch_roots])
    return RedirectResponse(f"/batches/{meta['id']}", status_code=303)


@router.get("/batches/{batch_id}")
def batch_page(batch_id: str, request: Request, ctx: Ctx):
    meta = batches.load_batch(request, ctx.user, batch_id)
    return render(request, "batch.html", ctx, b=batches.manager(request).progress(meta))
