"""The review itself: redaction decisions, approval, the three tiers, return and reject."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from api import cases, notify, page_checks, review_bulk as bulk, review_service as svc
from api.deps import DB, RT, CurrentUser
from api.schemas import (ERRORS, ApproveIn, BulkDecisionIn, CommentIn, DecisionsIn, DecisionsOut, ManualSpanIn,
                         ReasonIn, SignIn, StrictIn)
from api.views import case_out
from pydantic import Field


class PageBoxIn(StrictIn):
    page: int = Field(ge=1)
    bbox: list[float] = Field(min_length=4, max_length=4, description="x0, y0, x1, y1: PDF points "
                              "(origin bottom-left) for a PDF page, pixels (origin top-left) for a picture")
    note: str = Field(default="", max_length=2000)


class PageChecksIn(StrictIn):
    pages: list[int | str] = Field(min_length=1, max_length=2000)
    note: str = Field(min_length=2, max_length=2000)

router = APIRouter(prefix="/api/documents/{case_id}", tags=["review"], responses=ERRORS)


@router.post("/decisions", summary="Accept (remove) or reject (keep) findings — security officer")
def decide(case_id: int, body: DecisionsIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    rows = svc.decide(rt, db, user, case_id, [d.model_dump() for d in body.decisions])
    return {"decisions": [{"finding_id": r.finding_id, "decision": r.decision, "reason": r.reason,
                           "basis": r.basis} for r in rows]}


@router.post("/decisions/bulk", response_model=DecisionsOut,
             summary="One decision for all findings of a type, of the same text, or all `redact` suggestions — security officer")
def decide_bulk(case_id: int, body: BulkDecisionIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    value = body.type if body.select == "type" else body.text
    rows = bulk.bulk_decide(rt, db, user, case_id, body.select, value, body.decision, body.reason, body.basis)
    return {"decisions": [{"finding_id": r.finding_id, "decision": r.decision, "reason": r.reason,
                           "basis": r.basis} for r in rows], "count": len(rows)}


@router.delete("/decisions/{finding_id}", status_code=204,
               summary="Undo the decision on a finding (before approval) — security officer")
def undo_decision(case_id: int, finding_id: str, rt: RT, db: DB, user: CurrentUser) -> Response:
    bulk.undo_decision(rt, db, user, case_id, finding_id)
    return Response(status_code=204)


@router.delete("/manual-spans/{span_id}", status_code=204,
               summary="Remove a manual mark (before approval) — security officer")
def remove_manual_span(case_id: int, span_id: int, rt: RT, db: DB, user: CurrentUser) -> Response:
    bulk.remove_manual_span(rt, db, user, case_id, span_id)
    return Response(status_code=204)


@router.post("/redactions/withdraw",
             summary="Withdraw the approval before any tier has signed (back to 待删除审批) — security officer")
def withdraw(case_id: int, body: ReasonIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    bulk.withdraw_approval(rt, db, user, case_id, body.reason)
    notify.after_change(rt, case_id)
    return case_out(db, cases.load_case(db, user, case_id), user)


@router.post("/recall", summary="Recall a published document, with a reason (单位负责人); the public copy is withdrawn")
def recall(case_id: int, body: ReasonIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    bulk.recall(rt, db, user, case_id, body.reason)
    return case_out(db, cases.load_case(db, user, case_id), user)


@router.post("/manual-spans", status_code=201, summary="Mark extra text for removal — security officer")
def manual_span(case_id: int, body: ManualSpanIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    row = svc.add_manual_span(rt, db, user, case_id, body.start, body.end, body.reason, body.basis)
    return {"id": row.id, "start": row.start, "end": row.end, "text": row.text, "reason": row.reason,
            "basis": row.basis}


@router.get("/page-checks", summary="Pages OCR could not read, and which a person has checked by eye")
def page_checks_status(case_id: int, db: DB, user: CurrentUser) -> dict:
    return page_checks.status(db, cases.current_version(db, cases.load_case(db, user, case_id)))


@router.post("/page-checks", summary="Mark unreadable pages as checked by eye (audited) — security officer")
def page_checks_mark(case_id: int, body: PageChecksIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    return page_checks.mark_checked(rt, db, user, case_id, body.pages, body.note)


@router.post("/page-checks/boxes", summary="Draw a box on a page picture to paint it out (audited) — security officer")
def page_box(case_id: int, body: PageBoxIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    return page_checks.add_box(rt, db, user, case_id, body.page, body.bbox, body.note)


@router.post("/redactions/approve", summary="Approve the redactions; builds and verifies the output — security officer")
def approve(case_id: int, body: ApproveIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    svc.approve_redactions(rt, db, user, case_id, body.attribute, body.comment, style=body.style)
    notify.after_change(rt, case_id)
    return case_out(db, cases.load_case(db, user, case_id), user)


@router.post("/sign", summary="Sign a tier (1 承办人员初审, 2 承办部门负责人审核, 3 单位负责人审发)")
def sign(case_id: int, body: SignIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    sig = svc.sign(rt, db, user, case_id, body.tier, body.decision, body.opinion)
    notify.after_change(rt, case_id)
    out = case_out(db, cases.load_case(db, user, case_id), user)
    out["signature"] = {"id": sig.id, "tier": sig.tier, "output_sha256": sig.output_sha256}
    return out


@router.post("/return", summary="Return for revision with a comment")
def return_for_revision(case_id: int, body: CommentIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    svc.return_for_revision(rt, db, user, case_id, body.comment)
    notify.after_change(rt, case_id)
    return case_out(db, cases.load_case(db, user, case_id), user)


@router.post("/reject", summary="Reject (final) at the current tier, with a comment")
def reject(case_id: int, body: CommentIn, rt: RT, db: DB, user: CurrentUser) -> dict:
    from reviewer.review.workflow import tier_of_state

    case = cases.load_case(db, user, case_id)
    tier = tier_of_state(case.state)
    if tier is None:
        from api.errors import ApiError

        raise ApiError(409, "invalid_transition", f"Cannot reject a document that is {case.state}.",
                       {"state": case.state})
    db.commit()
    svc.sign(rt, db, user, case_id, tier, "reject", body.comment)
    return case_out(db, cases.load_case(db, user, case_id), user)
