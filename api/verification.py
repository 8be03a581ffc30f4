"""Checking sign-offs (used by the API and by ``reviewer verify``).

For each document: every signature (Ed25519 over the stored statement, the key, the output
bytes), every row against its signed statement, the audit event each statement names, and
that the document's state carries exactly the signatures that state requires
(reviewer.review.workflow.signature_set_problems).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from api.models import AuditEvent, Case, Signature, User, UserKey, Version
from api.storage import BlobStore
from reviewer.review import workflow
from reviewer.review.signing import Signer, verify_signoff

ROW_MISMATCH = "the stored row does not match the signed statement"


def _row_problems(sig: Signature, key: UserKey, version: Version, payload: dict[str, Any]) -> list[str]:
    """Every column of the row (and of its version and key) that the statement also records."""
    pairs = [("case_id", sig.case_id, payload.get("case_id")),
             ("version_id", sig.version_id, payload.get("version_id")),
             ("tier", sig.tier, payload.get("tier")),
             ("role", sig.role, payload.get("role")),
             ("user_id", sig.user_id, payload.get("user_id")),
             ("output_sha256", sig.output_sha256, payload.get("output_sha256")),
             ("versions.case_id", version.case_id, payload.get("case_id")),
             ("versions.version_no", version.version_no, payload.get("version_no")),
             ("versions.original_sha256", version.original_sha256, payload.get("original_sha256")),
             ("user_keys.user_id", key.user_id, payload.get("user_id")),
             ("user_keys.algorithm", key.algorithm, payload.get("algorithm"))]
    out = [f"{ROW_MISMATCH} ({name}: row {row!r}, statement {stated!r})"
           for name, row, stated in pairs if row != stated]
    tier = payload.get("tier")
    if tier in workflow.TIERS:
        role, _b, _a, label = workflow.TIERS[tier]
        if payload.get("role") != role or payload.get("tier_label") != label:
            out.append(f"the statement's role {payload.get('role')!r} is not the role of tier {tier} ({role!r})")
    elif payload:
        out.append(f"the statement names no tier of the workflow ({tier!r})")
    return out


def _audit_anchor_problem(db: Session, payload: dict[str, Any]) -> str | None:
    seq, head = payload.get("audit_seq"), payload.get("audit_head")
    if not isinstance(seq, int) or seq <= 0:
        return None                       # a version 1 statement, or signed on an empty chain
    stored = db.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq))
    if stored is None:
        return (f"the audit trail no longer holds event {seq}, which this statement was signed after "
                "(removed events; run reviewer audit verify)")
    if stored != head:
        return f"audit event {seq} differs from the one this statement was signed after (run reviewer audit verify)"
    return None


def verify_case(db: Session, blobs: BlobStore, signer: Signer, case: Case) -> dict[str, Any]:
    rows = db.execute(select(Signature, UserKey, User, Version)
                      .join(UserKey, UserKey.id == Signature.key_id)
                      .join(User, User.id == Signature.user_id)
                      .join(Version, Version.id == Signature.version_id)
                      .where(Signature.case_id == case.id).order_by(Signature.id)).all()
    checks = []
    current: list[tuple[int, str]] = []
    earlier: dict[int, list[tuple[int, str]]] = {}
    for sig, key, user, version in rows:
        try:
            payload = json.loads(sig.payload)
        except ValueError:
            payload = {}
        if not isinstance(payload, dict):
            payload = {}
        res = verify_signoff(signer, signature_id=sig.id, payload=payload, signature_b64=sig.signature,
                             public_key=key.public_key, expected_output_sha256=version.output_sha256,
                             actual_output_sha256=blobs.hash_of_stored(sig.output_sha256)
                             if sig.output_sha256 else None)
        if key.algorithm != signer.algorithm:
            res.problems.append(f"no verifier for the key's algorithm {key.algorithm!r} is configured")
        if payload:
            res.problems.extend(_row_problems(sig, key, version, payload))
            anchor = _audit_anchor_problem(db, payload)
            if anchor:
                res.problems.append(anchor)
        res.valid = not res.problems
        # what the state check sees is what was signed, not what the row says
        entry = (payload.get("tier") if isinstance(payload.get("tier"), int) else sig.tier,
                 str(payload.get("decision") or "?"))
        if sig.version_id == case.current_version_id:
            current.append(entry)
        else:
            earlier.setdefault(version.version_no, []).append(entry)
        out = res.to_dict()
        out.update({"version_no": version.version_no, "user": user.username, "name": user.display_name,
                    "role": payload.get("role"), "decision": payload.get("decision"),
                    "signed_at": payload.get("signed_at"), "output_sha256": payload.get("output_sha256"),
                    "key_fingerprint": key.fingerprint, "algorithm": key.algorithm,
                    "audit_seq": payload.get("audit_seq")})
        checks.append(out)
    orphans = db.scalar(select(Signature.id).where(Signature.case_id == case.id)
                        .where(~Signature.id.in_([c["signature_id"] for c in checks])).limit(1))
    problems = workflow.signature_set_problems(case.state, current, earlier)
    if orphans is not None:
        problems.append(f"signature {orphans} refers to a key, user or version that does not exist")
    return {"case_id": case.id, "state": case.state,
            "valid": not problems and all(c["valid"] for c in checks), "count": len(checks),
            "problems": problems, "signatures": checks}


SIGNED_STATES = ("tier1_signed", "tier2_signed", "published", "withheld", "rejected", "recalled")


def verify_all(db: Session, blobs: BlobStore, signer: Signer) -> list[dict[str, Any]]:
    """Every document that has a signature, or whose state says it must have one."""
    ids = db.scalars(select(Case).where(or_(Case.id.in_(select(Signature.case_id)),
                                            Case.state.in_(SIGNED_STATES))).order_by(Case.id))
    return [verify_case(db, blobs, signer, c) for c in ids]
