"""Administration: departments, users, the whole audit chain."""

from __future__ import annotations

from fastapi import APIRouter, Body
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from api import accounts, audit_store
from api.deps import DB, RT, CurrentUser, require_role
from api.models import Department, User
from api.schemas import (
    ERRORS,
    DepartmentIn,
    DepartmentOut,
    PasswordResetIn,
    PasswordResetOut,
    UserIn,
    UserOut,
    UserUpdateIn,
)
from api.views import user_out

router = APIRouter(prefix="/api/admin", tags=["admin"], responses=ERRORS)


@router.get("/users", response_model=list[UserOut], summary="All users of my organisation")
def list_users(db: DB, user: CurrentUser) -> list[dict]:
    require_role(user, "admin")
    return [user_out(u) for u in db.scalars(select(User).where(User.organisation_id == user.organisation_id)
                                            .order_by(User.id))]


@router.post("/users", status_code=201, response_model=UserOut, summary="Create a user")
def create_user(body: UserIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin")
    new = accounts.create_user(rt, db, body.username, body.display_name, body.password, list(body.roles),
                               body.department, actor=user, organisation_id=user.organisation_id)
    return user_out(new)


@router.get("/users/{user_id}", response_model=UserOut, summary="One user of my organisation")
def get_user(user_id: int, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin")
    return user_out(accounts.org_user(db, user, user_id))


@router.patch("/users/{user_id}", response_model=UserOut, summary="Change a user's roles, department or name",
              description="Only the fields given change; `roles` replaces the whole set. The workflow rules "
                          "still hold after a change: nobody signs two tiers of one document (read from the "
                          "signatures, whatever the roles are now), and a dept_head acts only on documents of "
                          "their current department. 409 `last_admin` if this would leave the organisation "
                          "without an active admin.")
def update_user(user_id: int, body: UserUpdateIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin")
    kwargs = {}
    if "department" in body.model_fields_set:
        kwargs["department_name"] = body.department
    changed = accounts.update_user(rt, db, user, user_id, roles=list(body.roles) if body.roles is not None else None,
                                   display_name=body.display_name, **kwargs)
    return user_out(changed)


@router.post("/users/{user_id}/disable", response_model=UserOut, summary="Disable a user",
             description="The user can no longer sign in (403 `account_disabled`); every session and bearer "
                         "token of theirs is revoked at once. Their past signatures stay valid and verifiable. "
                         "409 `last_admin` for the organisation's last active admin.")
def disable_user(user_id: int, rt: RT, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin")
    return user_out(accounts.set_active(rt, db, user, user_id, False))


@router.post("/users/{user_id}/enable", response_model=UserOut, summary="Re-enable a disabled user",
             description="The user can sign in again; tokens revoked when they were disabled stay revoked.")
def enable_user(user_id: int, rt: RT, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin")
    return user_out(accounts.set_active(rt, db, user, user_id, True))


@router.post("/users/{user_id}/password", response_model=PasswordResetOut, summary="Reset a user's password",
             description="With `password`, sets it; without a body (or `password` omitted), generates one and "
                         "returns it once in `generated_password`. Every session and bearer token of the user "
                         "ends.")
async def reset_password(user_id: int, rt: RT, db: DB, user: CurrentUser,
                         body: PasswordResetIn | None = Body(default=None)) -> dict:
    require_role(user, "admin")
    target, generated, ended = await run_in_threadpool(accounts.reset_password, rt, db, user, user_id,
                                                       body.password if body else None)
    return {"user": user_out(target), "generated_password": generated, "sessions_ended": ended}


@router.get("/departments", response_model=list[DepartmentOut], summary="Departments of my organisation")
def list_departments(db: DB, user: CurrentUser) -> list[dict]:
    return [{"id": d.id, "name": d.name, "organisation_id": d.organisation_id}
            for d in db.scalars(select(Department).where(Department.organisation_id == user.organisation_id)
                                .order_by(Department.id))]


@router.post("/departments", status_code=201, response_model=DepartmentOut, summary="Create a department")
def create_department(body: DepartmentIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin")
    d = accounts.department(rt, db, body.name, user.organisation_id, actor=user)
    return {"id": d.id, "name": d.name, "organisation_id": d.organisation_id}


@router.get("/audit/verify", summary="Verify the keyed audit chain against its checkpoint and the signed statements")
def audit_verify(rt: RT, db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin", "unit_head", "security_officer")
    return audit_store.verify(db, rt.chain_keys, rt.settings.checkpoint_path).to_dict()
