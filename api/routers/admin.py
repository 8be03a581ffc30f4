"""Administration: departments, users, the whole audit chain."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api import accounts, audit_store
from api.deps import DB, RT, CurrentUser, require_role
from api.models import Department, User
from api.schemas import ERRORS, DepartmentIn, DepartmentOut, UserIn, UserOut
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


@router.get("/audit/verify", summary="Verify the whole audit hash chain")
def audit_verify(db: DB, user: CurrentUser) -> dict:
    require_role(user, "admin", "unit_head", "security_officer")
    return audit_store.verify(db).to_dict()
