"""Turning rows into response dicts."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from api.cases import case_facts, versions_of
from api.models import Case, Department, Job, User, Version
from api.review_service import decisions_of, manual_of
from reviewer.review import workflow


def user_out(user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "display_name": user.display_name,
            "roles": sorted(user.role_names), "department_id": user.department_id,
            "department": user.department.name if user.department else None,
            "organisation_id": user.organisation_id, "active": bool(user.is_active)}


def version_out(db: Session, v: Version, full: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": v.id, "version_no": v.version_no, "filename": v.filename, "sha256": v.original_sha256,
        "size": v.size, "format": v.format, "scan_status": v.scan_status,
        "output_sha256": v.output_sha256, "output_format": v.output_format, "attribute": v.attribute,
        "mask_style": v.mask_style, "created_at": v.created_at.isoformat(),
    }
    if v.scan_error:
        out["scan_error"] = json.loads(v.scan_error)
    if full and v.scan_json:
        scan = json.loads(v.scan_json)
        scan.pop("text_blocks", None)          # GET /api/documents/{id}/text returns them
        decided = {d.finding_id: d for d in decisions_of(db, v)}
        for f in scan.get("findings", []):
            d = decided.get(f["id"])
            f["decision"] = None if d is None else {
                "decision": d.decision, "reason": d.reason, "basis": d.basis, "decided_by": d.decided_by,
                "carried_from_version": d.carried_from}
        out["scan"] = scan
        out["manual_spans"] = [{"id": m.id, "start": m.start, "end": m.end, "text": m.text, "reason": m.reason,
                                "basis": m.basis, "carried_from_version": m.carried_from}
                               for m in manual_of(db, v)]
    return out


def tier_decisions(db: Session, case: Case) -> dict[str, str]:
    """The decision signed at each tier of the current version: approve, return or reject."""
    from sqlalchemy import select

    from api.models import Signature

    out = {}
    for sig in db.scalars(select(Signature).where(Signature.version_id == case.current_version_id)):
        out[str(sig.tier)] = json.loads(sig.payload).get("decision", "approve")
    return out


def case_out(db: Session, case: Case, user: User, full: bool = True) -> dict[str, Any]:
    facts = case_facts(db, case)
    dept = db.get(Department, case.department_id)
    out: dict[str, Any] = {
        "id": case.id, "title": case.title, "state": case.state,
        "department_id": case.department_id, "department": dept.name if dept else None,
        "drafter_id": case.drafter_id, "created_at": case.created_at.isoformat(),
        "updated_at": case.updated_at.isoformat(),
        "tier_due": workflow.tier_of_state(case.state),
        "signed_tiers": sorted(facts.signers),
        "tier_decisions": tier_decisions(db, case),
        "allowed_actions": workflow.allowed_actions(
            workflow.Actor(user.id, user.role_names, user.department_id), facts),
    }
    if full:
        vs = versions_of(db, case)
        out["versions"] = [{"id": v.id, "version_no": v.version_no, "sha256": v.original_sha256,
                            "scan_status": v.scan_status} for v in vs]
        cur = next((v for v in vs if v.id == case.current_version_id), None)
        out["current_version"] = version_out(db, cur) if cur else None
    return out


def job_out(job: Job, case_id: int | None) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "status": job.status, "version_id": job.version_id,
            "case_id": case_id, "error": json.loads(job.error) if job.error else None,
            "created_at": job.created_at.isoformat(),
            "started_at": job.started_at.isoformat() if job.started_at else None,
            "finished_at": job.finished_at.isoformat() if job.finished_at else None}
