"""Appending to and reading the audit chain (the hashing itself is reviewer.review.audit)."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from typing import Any, Iterator

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from api.models import AuditEvent, User
from reviewer.review.audit import GENESIS, ChainReport, event_hash, verify_chain
from reviewer.review.canonical import canonical_json

_PG_LOCK_KEY = 0x72657669   # one advisory lock serialises appends across processes


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def append(db: Session, lock: threading.Lock, *, actor: User | None, action: str,
           case_id: int | None = None, version_id: int | None = None,
           data: dict[str, Any] | None = None) -> AuditEvent:
    """Add one event to the chain inside the caller's transaction.

    The caller must commit while still holding ``lock`` (use :func:`commit_with_lock`);
    on PostgreSQL a transaction-scoped advisory lock also serialises other processes.
    """
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    last = db.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    body = {
        "seq": seq, "at": now_iso(),
        "actor_id": actor.id if actor else None, "actor": actor.username if actor else None,
        "action": action, "case_id": case_id, "version_id": version_id,
        "data": json.loads(canonical_json(data or {})),
    }
    ev = AuditEvent(seq=seq, at=body["at"], actor_id=body["actor_id"], actor=body["actor"], action=action,
                    case_id=case_id, version_id=version_id, data=canonical_json(body["data"]).decode("utf-8"),
                    prev_hash=prev, hash=event_hash(body, prev))
    db.add(ev)
    db.flush()
    return ev


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


def verify(db: Session) -> ChainReport:
    return verify_chain(iter_events(db))
