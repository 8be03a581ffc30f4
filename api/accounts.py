"""Organisations, departments and users (shared by the admin API, the CLI and demo mode)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import uow
from api.errors import ApiError
from api.models import Department, Organisation, User, UserRole
from api.runtime import Runtime
from api.security import hash_password
from reviewer.review.workflow import ROLES

DEFAULT_ORGANISATION = "本单位"
DEPARTMENT_ROLES = ("drafter", "dept_head")


def organisation(db: Session, name: str = DEFAULT_ORGANISATION) -> Organisation:
    org = db.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name)
        db.add(org)
        db.flush()
    return org


def department(rt: Runtime, db: Session, name: str, organisation_id: int, actor: User | None = None,
               commit: bool = True) -> Department:
    d = db.scalar(select(Department).where(Department.organisation_id == organisation_id, Department.name == name))
    if d is None:
        d = Department(organisation_id=organisation_id, name=name)
        db.add(d)
        db.flush()
        if commit:
            uow.commit(rt, db, actor, [("admin.department_created", None, None, {"department_id": d.id, "name": name})])
    return d


def create_user(rt: Runtime, db: Session, username: str, display_name: str, password: str, roles: list[str],
                department_name: str | None, actor: User | None = None, organisation_id: int | None = None,
                organisation_name: str | None = None) -> User:
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise ApiError(422, "bad_role", f"Unknown role(s): {', '.join(bad)}.", {"roles": list(ROLES)})
    if any(r in DEPARTMENT_ROLES for r in roles) and not department_name:
        raise ApiError(422, "department_required", "Drafters and department heads belong to a department.")
    if db.scalar(select(User).where(User.username == username)) is not None:
        raise ApiError(409, "username_taken", "That username is taken.")
    if organisation_id is None:
        organisation_id = organisation(db, organisation_name or DEFAULT_ORGANISATION).id
    dept = department(rt, db, department_name, organisation_id, commit=False) if department_name else None
    user = User(username=username, display_name=display_name, password_hash=hash_password(password),
                organisation_id=organisation_id, department_id=dept.id if dept else None)
    user.roles = [UserRole(role=r) for r in sorted(set(roles))]
    db.add(user)
    db.flush()
    uow.commit(rt, db, actor, [("admin.user_created", None, None,
                                {"user_id": user.id, "username": username, "roles": sorted(set(roles)),
                                 "department": department_name})])
    return user


DEMO_UNIT = "示例市人民政府办公室"
DEMO_USERS = [
    # username, display name, roles, department
    ("drafter", "王承办", ["drafter"], "综合科"),
    ("drafter2", "赵承办", ["drafter"], "法规科"),
    ("officer", "李保密", ["security_officer"], "保密办"),
    ("head", "张科长", ["dept_head"], "综合科"),
    ("head2", "钱科长", ["dept_head"], "法规科"),
    ("unithead", "刘主任", ["unit_head"], None),
    ("admin", "系统管理员", ["admin"], None),
]


def ensure_demo_users(rt: Runtime, password: str | None = None) -> list[tuple[str, str, str]]:
    """Create (or reset the passwords of) the demo accounts; return (username, password, roles)."""
    out = []
    with rt.sessions() as db:
        org = organisation(db, DEMO_UNIT)
        db.commit()
        for username, name, roles, dept in DEMO_USERS:
            pw = password or secrets.token_urlsafe(9)
            existing = db.scalar(select(User).where(User.username == username))
            if existing is None:
                create_user(rt, db, username, name, pw, roles, dept, organisation_id=org.id)
            else:
                existing.password_hash = hash_password(pw)
                uow.commit(rt, db, None, [("admin.demo_password_reset", None, None, {"username": username})])
            out.append((username, pw, ",".join(roles) + (f" @ {dept}" if dept else "")))
    return out
