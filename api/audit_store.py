"""Appending to and reading the audit chain (the hashing itself is reviewer.review.audit)."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from api import audit_checkpoint
from api.models import AuditEvent, Signature, User, UserKey
from reviewer.review.audit import (
    GENESIS,
    KEYED_GENESIS_ACTION,
    Anchor,
    ChainKeys,
    ChainReport,
    genesis_data,
    keyed_event_hash,
    problem,
    read_checkpoint,
    verify_chain,
)
from reviewer.review.canonical import canonical_json
from reviewer.review.signing import Ed25519Signer, unb64

_PG_LOCK_KEY = 0x72657669   # one advisory lock serialises appends across processes


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _lock_chain(db: Session) -> None:
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


def head(db: Session) -> tuple[int, str]:
    """(seq, hash) of the newest committed event, or (0, GENESIS) for an empty chain."""
    last = db.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (int(last[0]), last[1]) if last else (0, GENESIS)


def append(db: Session, lock: threading.Lock, *, keys: ChainKeys, actor: User | None, action: str,
           case_id: int | None = None, version_id: int | None = None,
           data: dict[str, Any] | None = None) -> AuditEvent:
    """Add one event to the chain inside the caller's transaction; its hash is keyed (HMAC).

    The caller must commit while still holding ``lock`` (use :func:`api.uow.commit`);
    on PostgreSQL a transaction-scoped advisory lock also serialises other processes.
    """
    _lock_chain(db)
    seq, prev = head(db)
    seq += 1
    body = {
        "seq": seq, "at": now_iso(),
        "actor_id": actor.id if actor else None, "actor": actor.username if actor else None,
        "action": action, "case_id": case_id, "version_id": version_id,
        "data": json.loads(canonical_json(data or {})),
    }
    ev = AuditEvent(seq=seq, at=body["at"], actor_id=body["actor_id"], actor=body["actor"], action=action,
                    case_id=case_id, version_id=version_id, data=canonical_json(body["data"]).decode("utf-8"),
                    prev_hash=prev, hash=keyed_event_hash(body, prev, keys))
    db.add(ev)
    db.flush()
    return ev


def keyed_genesis(db: Session) -> AuditEvent | None:
    return db.scalar(select(AuditEvent).where(AuditEvent.action == KEYED_GENESIS_ACTION)
                     .order_by(AuditEvent.seq).limit(1))


def ensure_keyed_chain(sessions: sessionmaker[Session], lock: threading.Lock, keys: ChainKeys) -> AuditEvent:
    """Start the keyed segment of the chain once (run at every start, right after the migrations).

    A new database gets the keyed genesis as its first event.  An existing deployment's plain
    sha256 chain is kept as it is: the genesis records its length and head and links to it, so
    the old segment cannot be rewritten afterwards without breaking the keyed one.
    """
    with sessions() as db:
        db.connection()
        with lock:
            try:
                _lock_chain(db)
                found = keyed_genesis(db)
                if found is None:
                    n, last = head(db)
                    found = append(db, lock, keys=keys, actor=None, action=KEYED_GENESIS_ACTION,
                                   data=genesis_data(n, last, keys))
                db.commit()
            except BaseException:
                db.rollback()
                raise
        return found


def startup_check(db: Session, keys: ChainKeys, checkpoint_path: Path) -> dict[str, Any] | None:
    """At start: does the chain still reach the checkpoint?  The problem if not (the full check is verify)."""
    obj, err = audit_checkpoint.read(checkpoint_path)
    if obj is None or err is not None:
        return None
    genesis = keyed_genesis(db)
    anchor, bad = read_checkpoint(keys, obj, genesis.hash if genesis else None)
    if bad is not None:
        return bad
    stored = db.scalar(select(AuditEvent.hash).where(AuditEvent.seq == anchor.seq))
    if stored is None:
        return problem("tail_removed", seq=anchor.seq, source=anchor.source, source_zh=anchor.source_zh,
                       last=head(db)[0])
    if stored != anchor.hash:
        return problem("anchor_mismatch", seq=anchor.seq, source=anchor.source, source_zh=anchor.source_zh)
    return None


def as_dict(ev: AuditEvent) -> dict[str, Any]:
    return {"id": ev.id, "seq": ev.seq, "at": ev.at, "actor_id": ev.actor_id, "actor": ev.actor,
            "action": ev.action, "case_id": ev.case_id, "version_id": ev.version_id,
            "data": json.loads(ev.data) if ev.data else {}, "prev_hash": ev.prev_hash, "hash": ev.hash}


def iter_events(db: Session, case_id: int | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
    q = select(AuditEvent).order_by(AuditEvent.seq)
    if case_id is not None:
        q = q.where(AuditEvent.case_id == case_id)
    for ev in db.execute(q.execution_options(yield_per=batch)).scalars():
        try:
            yield as_dict(ev)
        except ValueError:       # data that is no longer JSON: report it as altered
            yield {"id": ev.id, "seq": ev.seq, "at": ev.at, "action": ev.action, "data": ev.data,
                   "prev_hash": ev.prev_hash, "hash": "unreadable"}


def signature_anchors(db: Session) -> tuple[list[Anchor], dict[int, dict[str, Any]]]:
    """The audit heads named by genuine sign-off statements, and every signature row by id.

    A statement counts as an anchor only if its Ed25519 signature verifies with the stored key
    (``reviewer verify`` reports the others); a statement signed before the anchor existed
    (payload v1) names no head.
    """
    verifier = Ed25519Signer(b"verification only, never unseals")
    anchors, rows = [], {}
    for sig, key in db.execute(select(Signature, UserKey).join(UserKey, UserKey.id == Signature.key_id)
                               .order_by(Signature.id)):
        try:
            payload = json.loads(sig.payload)
            genuine = verifier.verify(key.public_key, canonical_json(payload), unb64(sig.signature))
        except (ValueError, TypeError):
            payload, genuine = {}, False
        rows[sig.id] = {"case_id": sig.case_id, "tier": sig.tier, "decision": payload.get("decision") or "?"}
        if genuine and isinstance(payload.get("audit_seq"), int) and payload["audit_seq"] > 0:
            anchors.append(Anchor(payload["audit_seq"], str(payload.get("audit_head")),
                                  f"the signed statement of signature {sig.id} (document {sig.case_id}, "
                                  f"tier {sig.tier})",
                                  f"签名 {sig.id}（文件 {sig.case_id}，第 {sig.tier} 级）的签署声明"))
    return anchors, rows


def verify(db: Session, keys: ChainKeys | None, checkpoint_path: Path | None = None) -> ChainReport:
    """Recompute the chain (keyed when ``keys`` is given) and check it against its anchors.

    Anchors: the checkpoint file (``checkpoint_path``) and the audit head in every signed
    sign-off statement.  Every signature must also have its ``tier{n}.{decision}`` event, and
    every such event its signature.
    """
    if keys is None:
        return verify_chain(iter_events(db))
    genesis = keyed_genesis(db)
    anchors, sig_rows = signature_anchors(db)
    extra: list[dict[str, Any]] = []
    warnings: list[str] = []
    if checkpoint_path is not None:
        obj, err = audit_checkpoint.read(checkpoint_path)
        if err is not None:
            extra.append(problem("checkpoint_invalid", why=f"{checkpoint_path} cannot be read ({err})",
                                 why_zh=f"无法读取 {checkpoint_path}（{err}）"))
        elif obj is None:
            warnings.append(f"没有检查点文件 {checkpoint_path}：只能用签署声明中记录的链头发现被删除的末尾事件"
                            f" (no checkpoint file {checkpoint_path}: a removed tail is detected only up to the"
                            " newest signed statement)")
        else:
            anchor, bad = read_checkpoint(keys, obj, genesis.hash if genesis else None)
            if bad:
                extra.append(bad)
            else:
                anchors.append(anchor)
    signed_events: set[int] = set()

    def events() -> Iterator[dict[str, Any]]:
        for ev in iter_events(db):
            action = str(ev.get("action") or "")
            if action.startswith("tier") and isinstance(ev.get("data"), dict):
                sid = ev["data"].get("signature_id")
                if isinstance(sid, int):
                    signed_events.add(sid)
                    if sid not in sig_rows:       # signatures are never deleted by the service
                        extra.append(problem("signature_missing", seq=ev.get("seq"), id=ev.get("id"),
                                             action=action, signature_id=sid))
            yield ev

    report = verify_chain(events(), keys, anchors)
    for sid, row in sig_rows.items():
        if sid not in signed_events:
            extra.append(problem("signature_event_missing", signature_id=sid, **row))
    report.problems.extend(extra)
    report.warnings.extend(warnings)
    report.ok = not report.problems
    return report
