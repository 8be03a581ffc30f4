"""Workflow actions on a case: redaction decisions, approval, sign-offs, return, reject.

Each handler asks the pure state machine (reviewer.review.workflow) whether the actor
may act, does the work, and commits it with its audit events.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import audit_store, keys, page_checks, publishing, uow
from api.cases import case_facts, current_version, findings_of, load_case
from api.errors import ApiError
from api.models import Case, ManualSpan, RedactionDecision, Signature, User, UserKey, Version
from api.runtime import Runtime
from reviewer.review import workflow
from reviewer.review.canonical import canonical_json
from reviewer.review.carryover import CONTEXT_CHARS
from reviewer.review.signing import b64, signoff_payload

NEEDS_DECISION = ("redact", "block")


def _actor(user: User) -> workflow.Actor:
    return workflow.Actor(user.id, user.role_names, user.department_id)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def decisions_of(db: Session, version: Version) -> list[RedactionDecision]:
    return list(db.scalars(select(RedactionDecision).where(RedactionDecision.version_id == version.id)
                           .order_by(RedactionDecision.id)))


def manual_of(db: Session, version: Version) -> list[ManualSpan]:
    return list(db.scalars(select(ManualSpan).where(ManualSpan.version_id == version.id).order_by(ManualSpan.id)))


def decide(rt: Runtime, db: Session, user: User, case_id: int, items: list[dict[str, Any]]) -> list[RedactionDecision]:
    """Record accept/reject decisions on findings (replacing earlier ones for the same finding)."""
    case = load_case(db, user, case_id, for_update=True)
    workflow.check_decide(_actor(user), case_facts(db, case))
    version = current_version(db, case)
    by_id = {f["id"]: f for f in findings_of(version)}
    existing = {d.finding_id: d for d in decisions_of(db, version)}
    changed = []
    for item in items:
        f = by_id.get(item["finding_id"])
        if f is None:
            raise ApiError(422, "unknown_finding", "No such finding in the current version.",
                           {"finding_id": item["finding_id"]})
        if item["decision"] == "reject" and f.get("action") == "block" and len((item.get("reason") or "").strip()) < 2:
            raise ApiError(422, "reason_required",
                           "Keeping text flagged as 不得公开 needs a reason.", {"finding_id": f["id"]})
        row = existing.get(f["id"])
        if row is None:
            row = RedactionDecision(version_id=version.id, finding_id=f["id"], context_key=f.get("context_key"),
                                    decided_by=user.id)
            db.add(row)
            existing[f["id"]] = row
        row.decision = item["decision"]
        row.reason = (item.get("reason") or "")[:2000]
        row.basis = (item.get("basis") or f.get("basis") or "")[:500]
        row.decided_by, row.decided_at, row.carried_from = user.id, _now(), None
        changed.append(row)
    db.flush()
    uow.commit(rt, db, user, [("redactions.decided", case.id, version.id,
                               {"decisions": {r.finding_id: r.decision for r in changed}})])
    return changed


def add_manual_span(rt: Runtime, db: Session, user: User, case_id: int, start: int, end: int,
                    reason: str, basis: str) -> ManualSpan:
    case = load_case(db, user, case_id, for_update=True)
    workflow.check_decide(_actor(user), case_facts(db, case))
    version = current_version(db, case)
    scan = json.loads(version.scan_json or "{}")
    text = rt.blobs.get(scan["text_sha256"]).decode("utf-8") if scan.get("text_sha256") else ""
    if not (0 <= start < end <= len(text)):
        raise ApiError(422, "bad_span", "The span must lie inside the document's text.",
                       {"start": start, "end": end, "chars": len(text)})
    row = ManualSpan(version_id=version.id, start=start, end=end, text=text[start:end],
                     before=text[max(0, start - CONTEXT_CHARS):start], after=text[end:end + CONTEXT_CHARS],
                     reason=(reason or "人工标注的不予公开内容")[:2000], basis=(basis or "")[:500],
                     created_by=user.id)
    db.add(row)
    db.flush()
    uow.commit(rt, db, user, [("redactions.manual_span", case.id, version.id,
                               {"span_id": row.id, "start": start, "end": end, "chars": end - start})])
    return row


def approve_redactions(rt: Runtime, db: Session, user: User, case_id: int, attribute: str | None,
                       comment: str, style: str | None = None) -> Version:
    """The security officer approves: build the redacted output, verify it, fix its sha256.

    ``style`` is the mask style of the output (``partial``, ``label``, ``block``; None is
    reviewer.redaction's default); it is stored on the version as ``mask_style``.
    """
    case = load_case(db, user, case_id)
    workflow.check_approve_redactions(_actor(user), case_facts(db, case))
    version = current_version(db, case)
    findings = findings_of(version)
    decisions = decisions_of(db, version)
    decided = {d.finding_id for d in decisions}
    missing = [f["id"] for f in findings if f.get("action") in NEEDS_DECISION and f["id"] not in decided]
    if missing:
        raise ApiError(409, "undecided_findings",
                       f"{len(missing)} finding(s) that must be removed or blocked have no decision yet.",
                       {"finding_ids": missing})
    suggested = (json.loads(version.scan_json or "{}").get("suggestion") or {}).get("attribute")
    if attribute and suggested and attribute != suggested and len((comment or "").strip()) < 2:
        raise ApiError(422, "opinion_required",
                       "The chosen disclosure attribute differs from the suggestion; the opinion must say why.",
                       {"attribute": attribute, "suggested": suggested, "field": "comment"})
    page_checks.require_checked(db, version)   # pages OCR could not read: looked at by a person first
    manual = manual_of(db, version)
    db.commit()                                 # release the read transaction during redaction
    boxes = [{"page": b["page"], "bbox": b["bbox"]} for b in page_checks.boxes_of(db, version)]
    output, fmt, log = publishing.build_output(rt, version, findings, decisions, manual, user, style=style,
                                               boxes=boxes)
    sha = rt.blobs.put(output)
    case = load_case(db, user, case_id, for_update=True)   # re-check: someone may have acted meanwhile
    new_state = workflow.check_approve_redactions(_actor(user), case_facts(db, case))
    version = current_version(db, case)
    version.output_sha256, version.output_format = sha, fmt
    version.redaction_log = json.dumps(log, ensure_ascii=False, default=str)
    version.mask_style = style or "default"
    if attribute:
        version.attribute = attribute
    case.state, case.updated_at = new_state, _now()
    uow.commit(rt, db, user, [("redactions.approved", case.id, version.id,
                               {"output_sha256": sha, "format": fmt, "attribute": version.attribute,
                                "mask_style": version.mask_style,
                                "removed": sum(1 for d in decisions if d.decision == "accept") + len(manual),
                                "comment": comment[:2000]})])
    return version


def sign(rt: Runtime, db: Session, user: User, case_id: int, tier: int, decision: str,
         opinion: str) -> Signature:
    """A tier's sign-off: approve (next state), return or reject — signed either way."""
    case = load_case(db, user, case_id, for_update=True)
    facts = case_facts(db, case)
    actor = _actor(user)
    if decision == "approve":
        new_state = workflow.check_sign(actor, facts, tier)
    else:
        expected = workflow.tier_of_state(case.state)
        if expected != tier:
            raise ApiError(409, "invalid_transition", f"Tier {tier} is not the tier due now.",
                           {"state": case.state, "tier_due": expected})
        workflow.check_sign(actor, facts, tier)      # same role/department/one-tier rules
        new_state = (workflow.check_return if decision == "return" else workflow.check_reject)(actor, facts, opinion)
    version = current_version(db, case)
    if not version.output_sha256:
        raise ApiError(409, "no_output", "There is no approved output to sign.")
    key = keys.active_key(db, rt.signer, user)
    role, _b, _a, label = workflow.TIERS[tier]
    audit_seq, audit_head = audit_store.head(db)      # the statement anchors the chain outside its table
    payload = signoff_payload(
        case_id=case.id, version_id=version.id, version_no=version.version_no, tier=tier, tier_label=label,
        role=role, user_id=user.id, username=user.username, display_name=user.display_name,
        opinion=opinion[:4000], decision=decision, signed_at=_now().isoformat(timespec="seconds"),
        original_sha256=version.original_sha256, output_sha256=version.output_sha256,
        key_fingerprint=key.fingerprint, algorithm=key.algorithm, audit_seq=audit_seq, audit_head=audit_head)
    message = canonical_json(payload)
    sig = Signature(case_id=case.id, version_id=version.id, tier=tier, role=role, user_id=user.id,
                    key_id=key.id, payload=message.decode("utf-8"), signature=b64(rt.signer.sign(key.private_blob, message)),
                    output_sha256=version.output_sha256)
    db.add(sig)
    case.state, case.updated_at = new_state, _now()
    db.flush()
    events = [(f"tier{tier}.{decision}", case.id, version.id,
               {"signature_id": sig.id, "output_sha256": version.output_sha256, "key": key.fingerprint,
                "opinion": opinion[:4000]})]
    if new_state == "published":
        events.append(("document.published", case.id, version.id, {"output_sha256": version.output_sha256}))
    elif new_state == workflow.WITHHELD:
        events.append(("document.withheld", case.id, version.id,
                       {"attribute": version.attribute, "output_sha256": version.output_sha256}))
    uow.commit(rt, db, user, events)
    return sig


def return_for_revision(rt: Runtime, db: Session, user: User, case_id: int, comment: str) -> Case:
    """Return before the tiers (the security officer), or at the tier due now (signed via ``sign``)."""
    case = load_case(db, user, case_id, for_update=True)
    tier = workflow.tier_of_state(case.state)
    if tier is not None:
        sign(rt, db, user, case_id, tier, "return", comment)
        return load_case(db, user, case_id)
    case.state = workflow.check_return(_actor(user), case_facts(db, case), comment)
    case.updated_at = _now()
    uow.commit(rt, db, user, [("document.returned", case.id, case.current_version_id,
                               {"comment": comment[:4000]})])
    return case


def signatures_of(db: Session, case: Case) -> list[tuple[Signature, UserKey, User]]:
    rows = db.execute(select(Signature, UserKey, User).join(UserKey, UserKey.id == Signature.key_id)
                      .join(User, User.id == Signature.user_id).where(Signature.case_id == case.id)
                      .order_by(Signature.id))
    return [tuple(r) for r in rows]
