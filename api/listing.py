"""The document list: visibility, filters, text search, sorting and pagination in SQL.

Used by ``GET /api/documents`` and the 我的文件 page alike, so both show the same total.  An
unknown filter value (a state, attribute, department, uploader or sort key that does not
exist) is a 422 ``unknown_filter``, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session

from api import cases, search
from api.errors import ApiError
from api.models import Case, Department, User, Version
from reviewer.review.workflow import ATTRIBUTES, STATES

SORT_KEYS = ("id", "title", "state", "department", "uploader", "created_at", "updated_at")
FILTER_PARAMS = ("q", "state", "department", "attribute", "uploader", "date_from", "date_to", "assigned",
                 "sort", "limit", "offset")


@dataclass
class ListQuery:
    q: str | None = None
    state: str | None = None
    department: str | None = None       # department name
    attribute: str | None = None
    uploader: str | None = None         # username of the drafter who uploaded it
    date_from: date | None = None       # uploaded on or after (local date of created_at, UTC)
    date_to: date | None = None         # uploaded on or before
    assigned: bool = False              # only what waits for me now (待我处理)
    sort: str = "-updated_at"
    limit: int = 50
    offset: int = 0


def unknown_filter(field: str, value, allowed=None) -> ApiError:
    details = {"field": field, "value": value}
    if allowed is not None:
        details["allowed"] = list(allowed)
    return ApiError(422, "unknown_filter", f"Unknown value for {field}: {value!r}.", details)


def _sort_column(key: str):
    return {"id": Case.id, "title": Case.title, "state": Case.state, "department": Department.name,
            "uploader": User.display_name, "created_at": Case.created_at, "updated_at": Case.updated_at}[key]


def assigned_condition(user: User):
    """Cases that wait for ``user`` now, by role (the tier due, the decisions, a returned draft)."""
    roles, dept = user.role_names, user.department_id
    conds = []
    if "security_officer" in roles:
        conds.append(Case.state == "scanned")
    if "drafter" in roles and dept is not None:
        conds.append(and_(Case.department_id == dept, Case.state.in_(("redactions_approved", "returned"))))
    if "dept_head" in roles and dept is not None:
        conds.append(and_(Case.department_id == dept, Case.state == "tier1_signed"))
    if "unit_head" in roles:
        conds.append(Case.state == "tier2_signed")
    return or_(*conds) if conds else false()


def visible(user: User):
    if user.role_names & cases.ORG_WIDE_ROLES:
        return Department.organisation_id == user.organisation_id
    return Case.department_id == user.department_id


def base_query(db: Session, user: User, f: ListQuery):
    q = (select(Case).join(Department, Department.id == Case.department_id)
         .join(User, User.id == Case.drafter_id)
         .outerjoin(Version, Version.id == Case.current_version_id)
         .where(visible(user)))
    if f.state:
        if f.state not in STATES:
            raise unknown_filter("state", f.state, STATES)
        q = q.where(Case.state == f.state)
    if f.attribute:
        if f.attribute not in ATTRIBUTES:
            raise unknown_filter("attribute", f.attribute, ATTRIBUTES)
        q = q.where(Version.attribute == f.attribute)
    if f.department:
        dept = db.scalar(select(Department.id).where(Department.organisation_id == user.organisation_id,
                                                     Department.name == f.department))
        if dept is None:
            raise unknown_filter("department", f.department)
        q = q.where(Case.department_id == dept)
    if f.uploader:
        uid = db.scalar(select(User.id).where(User.organisation_id == user.organisation_id,
                                              User.username == f.uploader))
        if uid is None:
            raise unknown_filter("uploader", f.uploader)
        q = q.where(Case.drafter_id == uid)
    if f.date_from:
        q = q.where(Case.created_at >= datetime.combine(f.date_from, time.min, tzinfo=timezone.utc))
    if f.date_to:
        q = q.where(Case.created_at < datetime.combine(f.date_to + timedelta(days=1), time.min, tzinfo=timezone.utc))
    if f.assigned:
        q = q.where(assigned_condition(user))
    if f.q and f.q.strip():
        ids = search.matching(db, f.q.strip())
        if ids is not None:
            q = q.where(Case.id.in_(ids))
    return q


def list_cases(db: Session, user: User, f: ListQuery) -> tuple[list[Case], int]:
    desc = f.sort.startswith("-")
    key = f.sort.lstrip("-")
    if key not in SORT_KEYS:
        raise unknown_filter("sort", f.sort, [*SORT_KEYS, *(f"-{k}" for k in SORT_KEYS)])
    q = base_query(db, user, f)
    total = db.scalar(select(func.count()).select_from(q.with_only_columns(Case.id).subquery()))
    col = _sort_column(key)
    q = q.order_by(col.desc() if desc else col.asc(), Case.id.desc() if desc else Case.id.asc())
    rows = list(db.scalars(q.offset(f.offset).limit(f.limit)))
    return rows, int(total or 0)


def assigned_counts(db: Session, user: User) -> dict[str, int]:
    """待我处理 by state (for the inbox and the header badge)."""
    q = (select(Case.state, func.count()).join(Department, Department.id == Case.department_id)
         .where(visible(user)).where(assigned_condition(user)).group_by(Case.state))
    return {state: int(n) for state, n in db.execute(q)}
