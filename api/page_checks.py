"""Pages that OCR could not read block approval until a person has looked at them.

The scan's ``ocr_unreadable`` notice (reviewer/ocr/notices.py) lists the pages (PDF pages,
frames of a picture) whose text could not be read reliably.  The security officer marks
each as checked by eye, with a note (``POST /api/documents/{id}/page-checks``); the mark is
an audit event (``pages.checked``: pages, note), so who looked at which page, and when,
is in the tamper-evident chain.  :func:`require_checked` is called by the approval and
refuses it (409 ``pages_unchecked``) while a listed page has no such mark.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import uow
from api.cases import current_version, load_case
from api.errors import ApiError
from api.models import AuditEvent, User, Version
from api.runtime import Runtime
from reviewer.review import workflow

BLOCKING = "ocr_unreadable"
ACTION = "pages.checked"
BOX_ACTION = "pages.boxed"


def unreadable_pages(version: Version) -> list[Any]:
    scan = json.loads(version.scan_json or "{}")
    out: list[Any] = []
    for w in scan.get("warnings", []):
        if w.get("code") == BLOCKING:
            details = w.get("details") or {}
            out.extend(details.get("pages") or details.get("images") or [])
    return sorted(set(out), key=str)


def checked_pages(db: Session, version: Version) -> dict[str, dict]:
    rows = db.scalars(select(AuditEvent).where(AuditEvent.version_id == version.id, AuditEvent.action == ACTION)
                      .order_by(AuditEvent.seq))
    out: dict[str, dict] = {}
    for row in rows:
        data = json.loads(row.data or "{}")
        for p in data.get("pages", []):
            out[str(p)] = {"by": row.actor, "by_id": row.actor_id, "at": row.at, "note": data.get("note", "")}
    return out


def boxes_of(db: Session, version: Version) -> list[dict]:
    """Boxes drawn by hand on page pictures, to be painted out (``{"page", "bbox"}``)."""
    rows = db.scalars(select(AuditEvent).where(AuditEvent.version_id == version.id,
                                               AuditEvent.action == BOX_ACTION).order_by(AuditEvent.seq))
    out = []
    for row in rows:
        data = json.loads(row.data or "{}")
        out.append({"page": data["page"], "bbox": data["bbox"], "by": row.actor, "at": row.at,
                    "note": data.get("note", "")})
    return out


def status(db: Session, version: Version) -> dict:
    pages = unreadable_pages(version)
    checked = checked_pages(db, version)
    boxed = {str(b["page"]) for b in boxes_of(db, version)}
    return {"unreadable": pages, "checked": {str(p): checked[str(p)] for p in pages if str(p) in checked},
            "boxed": sorted(boxed), "unchecked": [p for p in pages if str(p) not in checked and str(p) not in boxed]}


def require_checked(db: Session, version: Version) -> None:
    left = status(db, version)["unchecked"]
    if left:
        raise ApiError(409, "pages_unchecked",
                       f"{len(left)} page(s) could not be read by OCR and have not been checked by eye: "
                       f"{', '.join(map(str, left[:20]))}.", {"pages": left})


def mark_checked(rt: Runtime, db: Session, user: User, case_id: int, pages: list, note: str) -> dict:
    """The security officer has looked at these pages himself (before approval)."""
    case = load_case(db, user, case_id, for_update=True)
    from api.review_service import _actor
    from api.cases import case_facts

    workflow.check_decide(_actor(user), case_facts(db, case))
    version = current_version(db, case)
    listed = {str(p): p for p in unreadable_pages(version)}
    unknown = [p for p in pages if str(p) not in listed]
    if unknown or not pages:
        raise ApiError(422, "bad_pages", "Only pages listed as unreadable can be marked as checked.",
                       {"pages": unknown, "unreadable": list(listed.values())})
    if len((note or "").strip()) < 2:
        raise ApiError(422, "reason_required", "Say what was checked on the page(s).", {"field": "note"})
    uow.commit(rt, db, user, [(ACTION, case.id, version.id,
                               {"pages": [listed[str(p)] for p in pages], "note": note[:2000]})])
    return status(db, version)


def add_box(rt: Runtime, db: Session, user: User, case_id: int, page: int, bbox: list[float], note: str) -> dict:
    """The security officer draws a box on a page picture: it is painted out in the published
    copy (and an unreadable page with a box counts as handled).  ``bbox`` is in the page's
    own units: PDF points (origin bottom-left) for a PDF page, pixels for a picture."""
    case = load_case(db, user, case_id, for_update=True)
    from api.cases import case_facts
    from api.review_service import _actor

    workflow.check_decide(_actor(user), case_facts(db, case))
    version = current_version(db, case)
    if version.format not in ("pdf", "image"):
        raise ApiError(422, "bad_manual_box", "Boxes can be drawn on PDF pages and pictures only.",
                       {"format": version.format})
    pages = json.loads(version.scan_json or "{}").get("pages") or 0
    if not (isinstance(page, int) and 1 <= page <= max(int(pages or 0), 1)) or len(bbox) != 4 \
            or bbox[2] <= bbox[0] or bbox[3] <= bbox[1]:
        raise ApiError(422, "bad_manual_box", "The box must lie on a page and have a size.",
                       {"page": page, "bbox": bbox})
    uow.commit(rt, db, user, [(BOX_ACTION, case.id, version.id,
                               {"page": page, "bbox": [round(float(v), 2) for v in bbox],
                                "note": (note or "人工框选删除")[:2000]})])
    return status(db, version)
