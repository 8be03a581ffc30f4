"""Bulk decisions and their undoing: one decision for many findings, taking a decision or a
manual mark back before approval, and withdrawing an approval before anyone has signed.

Each action is the security officer's, audited in the same transaction as the change:
``redactions.decided`` (with ``bulk``), ``redactions.undone``, ``redactions.manual_span_removed``,
``redactions.withdrawn``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api import review_service as svc, uow
from api.cases import case_facts, current_version, findings_of, load_case
from api.errors import ApiError
from api.models import ManualSpan, RedactionDecision, User
from api.runtime import Runtime
from reviewer.review import workflow

SELECTORS = ("type", "text", "suggested")


def select_findings(findings: list[dict[str, Any]], select_by: str, value: str | None) -> list[dict[str, Any]]:
    """``type``: every finding of that type; ``text``: every occurrence of the same text;
    ``suggested``: every finding the scan suggests removing (action ``redact``)."""
    if select_by == "type":
        return [f for f in findings if f.get("type") == value]
    if select_by == "text":
        return [f for f in findings if (f.get("text") or "").strip() == (value or "").strip()]
    if select_by == "suggested":
        return [f for f in findings if f.get("action") == "redact"]
    raise ApiError(422, "validation_error", f"Unknown selector {select_by!r}.", {"allowed": list(SELECTORS)})


def bulk_decide(rt: Runtime, db: Session, user: User, case_id: int, select_by: str, value: str | None,
                decision: str, reason: str | None, basis: str | None) -> list[RedactionDecision]:
    case = load_case(db, user, case_id)
    workflow.check_decide(svc._actor(user), case_facts(db, case))
    chosen = select_findings(findings_of(current_version(db, case)), select_by, value)
    db.commit()
    if not chosen:
        raise ApiError(422, "nothing_selected", "No finding matches the selection.",
                       {"select": select_by, "value": value})
    items = [{"finding_id": f["id"], "decision": decision, "reason": reason, "basis": basis} for f in chosen]
    return svc.decide(rt, db, user, case_id, items)


def _locked(db: Session, user: User, case_id: int):
    case = load_case(db, user, case_id, for_update=True)
    workflow.check_decide(svc._actor(user), case_facts(db, case))
    return case, current_version(db, case)


def undo_decision(rt: Runtime, db: Session, user: User, case_id: int, finding_id: str) -> None:
    case, version = _locked(db, user, case_id)
    row = db.scalar(select(RedactionDecision).where(RedactionDecision.version_id == version.id,
                                                    RedactionDecision.finding_id == finding_id))
    if row is None:
        raise ApiError(404, "not_found", "This finding has no decision to undo.", {"finding_id": finding_id})
    before = row.decision
    db.delete(row)
    db.flush()
    uow.commit(rt, db, user, [("redactions.undone", case.id, version.id,
                               {"finding_id": finding_id, "decision": before})])


def remove_manual_span(rt: Runtime, db: Session, user: User, case_id: int, span_id: int) -> None:
    case, version = _locked(db, user, case_id)
    row = db.get(ManualSpan, span_id)
    if row is None or row.version_id != version.id:
        raise ApiError(404, "not_found", "No such manual mark in the current version.", {"span_id": span_id})
    info = {"span_id": row.id, "start": row.start, "end": row.end, "chars": row.end - row.start}
    db.execute(delete(ManualSpan).where(ManualSpan.id == span_id))
    db.flush()
    uow.commit(rt, db, user, [("redactions.manual_span_removed", case.id, version.id, info)])


def withdraw_approval(rt: Runtime, db: Session, user: User, case_id: int, reason: str) -> None:
    """Back from 待初审 to 待删除审批: the output is dropped; only before any tier has signed."""
    case = load_case(db, user, case_id, for_update=True)
    facts = case_facts(db, case)
    if not user.role_names & {"security_officer"}:
        raise ApiError(403, "forbidden", "Only a security officer may withdraw the approval.",
                       {"required_role": "security_officer"})
    if case.state != "redactions_approved" or facts.signers:
        raise ApiError(409, "invalid_transition", "The approval can be withdrawn only before anyone has signed.",
                       {"state": case.state, "signed_tiers": sorted(facts.signers)})
    if len((reason or "").strip()) < 2:
        raise ApiError(422, "reason_required", "Withdrawing an approval needs a reason.", {"field": "reason"})
    version = current_version(db, case)
    old = version.output_sha256
    version.output_sha256 = version.output_format = version.redaction_log = None
    version.mask_style = None
    case.state, case.updated_at = "scanned", svc._now()
    uow.commit(rt, db, user, [("redactions.withdrawn", case.id, version.id,
                               {"output_sha256": old, "reason": reason.strip()[:2000]})])


def recall(rt: Runtime, db: Session, user: User, case_id: int, reason: str) -> None:
    """单位负责人 takes a published document back: the state becomes ``recalled``, the public copy
    is no longer served (``GET /output`` answers 410 ``recalled``), and the event records why."""
    case = load_case(db, user, case_id, for_update=True)
    facts = case_facts(db, case)
    workflow.check_recall(svc._actor(user), facts, "--")          # state and role first
    if len((reason or "").strip()) < 2:
        raise ApiError(422, "reason_required", "A recall needs a reason.", {"field": "reason"})
    case.state = workflow.check_recall(svc._actor(user), facts, reason)
    case.updated_at = svc._now()
    version = current_version(db, case)
    uow.commit(rt, db, user, [("document.recalled", case.id, version.id,
                               {"reason": reason.strip()[:2000], "output_sha256": version.output_sha256})])


def recall_of(db: Session, case_id: int) -> dict | None:
    """The recall event of a case (reason, when, who), if it was recalled."""
    import json

    from api.models import AuditEvent

    ev = db.scalar(select(AuditEvent).where(AuditEvent.case_id == case_id, AuditEvent.action == "document.recalled")
                   .order_by(AuditEvent.seq.desc()).limit(1))
    if ev is None:
        return None
    return {"reason": json.loads(ev.data).get("reason", ""), "at": ev.at, "by": ev.actor}
