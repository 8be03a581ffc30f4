"""Checking sign-offs and the audit chain (used by the API and by ``reviewer verify``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Case, Signature, User, UserKey, Version
from api.storage import BlobStore
from reviewer.review.signing import Signer, verify_signoff


def verify_case(db: Session, blobs: BlobStore, signer: Signer, case: Case) -> dict[str, Any]:
    rows = db.execute(select(Signature, UserKey, User, Version)
                      .join(UserKey, UserKey.id == Signature.key_id)
                      .join(User, User.id == Signature.user_id)
                      .join(Version, Version.id == Signature.version_id)
                      .where(Signature.case_id == case.id).order_by(Signature.id)).all()
    checks = []
    for sig, key, user, version in rows:
        try:
            payload = json.loads(sig.payload)
        except ValueError:
            payload = {}
        res = verify_signoff(signer, signature_id=sig.id, payload=payload, signature_b64=sig.signature,
                             public_key=key.public_key, expected_output_sha256=version.output_sha256,
                             actual_output_sha256=blobs.hash_of_stored(sig.output_sha256)
                             if sig.output_sha256 else None)
        if key.algorithm != signer.algorithm:
            res.valid = False
            res.problems.append(f"no verifier for the key's algorithm {key.algorithm!r} is configured")
        if payload and (payload.get("user_id") != sig.user_id or payload.get("tier") != sig.tier
                        or payload.get("version_id") != sig.version_id):
            res.problems.append("the stored row does not match the signed statement")
            res.valid = False
        out = res.to_dict()
        out.update({"version_no": version.version_no, "user": user.username, "name": user.display_name,
                    "role": payload.get("role"), "decision": payload.get("decision"),
                    "signed_at": payload.get("signed_at"), "output_sha256": payload.get("output_sha256"),
                    "key_fingerprint": key.fingerprint, "algorithm": key.algorithm})
        checks.append(out)
    return {"case_id": case.id, "valid": all(c["valid"] for c in checks), "count": len(checks),
            "signatures": checks}


def verify_all(db: Session, blobs: BlobStore, signer: Signer) -> list[dict[str, Any]]:
    ids = db.scalars(select(Case).where(Case.id.in_(select(Signature.case_id))).order_by(Case.id))
    return [verify_case(db, blobs, signer, c) for c in ids]
