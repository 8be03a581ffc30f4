"""Organisations, departments and users (shared by the admin API, the CLI and demo mode)."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api import uow
from api.errors import ApiError
from api.models import AuthToken, Department, Organisation, User, UserRole
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


def org_user(db: Session, admin: User, user_id: int) -> User:
    """A user of the admin's own organisation; anyone else is 404 (as if absent)."""
    target = db.get(User, user_id)
    if target is None or target.organisation_id != admin.organisation_id:
        raise ApiError(404, "not_found", "No such user.")
    return target


def _lock_organisation(db: Session, organisation_id: int) -> None:
    """Serialise changes to one organisation's accounts (the last-admin check reads, then writes).

    SQLite transactions already start with BEGIN IMMEDIATE; on PostgreSQL the organisation row
    is locked, so two admins demoting each other at once cannot both pass the check.
    """
    q = select(Organisation.id).where(Organisation.id == organisation_id)
    if db.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(key_share=True)     # FOR NO KEY UPDATE: inserts referencing it still pass
    db.execute(q)


def active_admins(db: Session, organisation_id: int) -> set[int]:
    return set(db.scalars(select(User.id).join(UserRole, UserRole.user_id == User.id)
                          .where(User.organisation_id == organisation_id, User.is_active.is_(True),
                                 UserRole.role == "admin")))


def _guard_last_admin(db: Session, target: User, stays_admin: bool) -> None:
    """Refuse a change that would leave the organisation without an active admin."""
    admins = active_admins(db, target.organisation_id)
    if target.id in admins and not stays_admin and admins == {target.id}:
        raise ApiError(409, "last_admin",
                       "This is the last active admin of the organisation; make another user admin first.",
                       {"user_id": target.id})


def revoke_tokens(db: Session, user_id: int) -> int:
    """End every session and bearer token of a user at once; return how many were live."""
    live = db.scalar(select(func.count()).select_from(AuthToken)
                     .where(AuthToken.user_id == user_id, AuthToken.revoked.is_(False))) or 0
    db.execute(update(AuthToken).where(AuthToken.user_id == user_id, AuthToken.revoked.is_(False))
               .values(revoked=True))
    return int(live)


def _snapshot(user: User) -> dict:
    return {"roles": sorted(user.role_names), "department": user.department.name if user.department else None,
            "display_name": user.display_name, "active": bool(user.is_active)}


def set_active(rt: Runtime, db: Session, actor: User, user_id: int, active: bool) -> User:
    """Disable (sessions and tokens revoked at once) or re-enable an account.

    Past signatures are untouched: the signing key and the signature rows stay, so they verify.
    A re-enabled user signs in again; the revoked tokens stay revoked.
    """
    _lock_organisation(db, actor.organisation_id)
    target = org_user(db, actor, user_id)
    db.refresh(target)
    revoked = 0
    if not active:
        _guard_last_admin(db, target, stays_admin=False)
        revoked = revoke_tokens(db, target.id)
    changed = bool(target.is_active) != active
    target.is_active = active
    action = "admin.user_enabled" if active else "admin.user_disabled"
    uow.commit(rt, db, actor, [(action, None, None, {"user_id": target.id, "username": target.username,
                                                     "changed": changed, "tokens_revoked": revoked})])
    db.refresh(target)
    return target


_UNSET = object()


def update_user(rt: Runtime, db: Session, actor: User, user_id: int, *, roles: list[str] | None = None,
                department_name: object = _UNSET, display_name: str | None = None) -> User:
    """Change roles, department and/or display name.

    The workflow's rules hold whatever the roles are now: who signed which tier is read from the
    signatures (by user id), so a user who signed one tier of a document never signs another, and
    a dept_head acts only on documents of the department they belong to now.
    """
    _lock_organisation(db, actor.organisation_id)
    target = org_user(db, actor, user_id)
    db.refresh(target)
    before = _snapshot(target)
    new_roles = sorted(set(roles)) if roles is not None else before["roles"]
    bad = [r for r in new_roles if r not in ROLES]
    if bad:
        raise ApiError(422, "bad_role", f"Unknown role(s): {', '.join(bad)}.", {"roles": list(ROLES)})
    if not new_roles:
        raise ApiError(422, "roles_required", "Give the user at least one role.")
    new_dept = before["department"] if department_name is _UNSET else (str(department_name).strip() or None
                                                                         if department_name is not None else None)
    if any(r in DEPARTMENT_ROLES for r in new_roles) and not new_dept:
        raise ApiError(422, "department_required", "Drafters and department heads belong to a department.")
    _guard_last_admin(db, target, stays_admin="admin" in new_roles)
    if roles is not None and new_roles != before["roles"]:
        target.roles.clear()
        db.flush()
        target.roles.extend(UserRole(role=r) for r in new_roles)
    events = []
    if new_dept != before["department"]:
        dept = None
        if new_dept:
            existed = db.scalar(select(Department.id).where(Department.organisation_id == target.organisation_id,
                                                            Department.name == new_dept))
            dept = department(rt, db, new_dept, target.organisation_id, commit=False)
            if existed is None:
                events.append(("admin.department_created", None, None, {"department_id": dept.id, "name": new_dept}))
        target.department_id = dept.id if dept else None
    if display_name is not None and display_name.strip():
        target.display_name = display_name.strip()
    db.flush()
    db.refresh(target)
    after = _snapshot(target)
    events.append(("admin.user_updated", None, None,
                   {"user_id": target.id, "username": target.username,
                    "before": {k: before[k] for k in ("roles", "department", "display_name")},
                    "after": {k: after[k] for k in ("roles", "department", "display_name")}}))
    uow.commit(rt, db, actor, events)
    db.refresh(target)
    return target


def reset_password(rt: Runtime, db: Session, actor: User, user_id: int,
                   password: str | None = None) -> tuple[User, str | None, int]:
    """Set a new password (or generate one, returned once and never stored in clear).

    Every session and bearer token of the user ends.  Returns (user, generated password or
    None, number of sessions/tokens ended).
    """
    generated = None
    if password is None:
        password = generated = secrets.token_urlsafe(12)
    if len(password) < 8:
        raise ApiError(422, "password_too_short", "The password needs at least 8 characters.")
    org_user(db, actor, user_id)                # 404 before the (slow) hashing
    db.commit()                                 # argon2 outside any transaction (SQLite write lock)
    pw_hash = hash_password(password)
    target = org_user(db, actor, user_id)
    target.password_hash = pw_hash
    ended = revoke_tokens(db, target.id)
    uow.commit(rt, db, actor, [("admin.password_reset", None, None,
                                {"user_id": target.id, "username": target.username,
                                 "generated": generated is not None, "tokens_revoked": ended})])
    db.refresh(target)
    return target, generated, ended


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
