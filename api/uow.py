"""Commit a unit of work together with its audit events."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api import audit_store
from api.models import User
from api.runtime import Runtime


def commit(rt: Runtime, db: Session, actor: User | None, events: list[tuple[str, int | None, int | None, dict[str, Any]]]) -> None:
    """Append ``events`` (action, case_id, version_id, data) to the chain and commit, atomically.

    Afterwards the new head goes to the checkpointer (api.audit_checkpoint), outside the lock.
    """
    db.connection()          # open the transaction first: locks are always taken in the same order
    last = None
    with rt.audit_lock:
        try:
            for action, case_id, version_id, data in events:
                last = audit_store.append(db, rt.audit_lock, keys=rt.chain_keys, actor=actor, action=action,
                                          case_id=case_id, version_id=version_id, data=data)
            db.commit()
        except BaseException:
            db.rollback()
            raise
    if last is not None and rt.checkpoints is not None:
        rt.checkpoints.note(last.seq, last.hash)
