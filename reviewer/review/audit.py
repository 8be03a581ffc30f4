"""The audit trail as a hash chain.

Each event is hashed over its canonical JSON, which includes the hash of the event
before it (``prev_hash``; the first event uses :data:`GENESIS`).  Changing, removing or
reordering any stored event breaks the chain at that event, and :func:`verify_chain`
names it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from reviewer.review.canonical import canonical_json, sha256_hex

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "at", "actor_id", "actor", "action", "case_id", "version_id", "data")


def event_body(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event.get(k) for k in HASHED_FIELDS}


def event_hash(event: dict[str, Any], prev_hash: str) -> str:
    """sha256 over the canonical JSON of the event's fields plus ``prev_hash``."""
    return sha256_hex(canonical_json({**event_body(event), "prev_hash": prev_hash}))


@dataclass
class ChainReport:
    ok: bool
    count: int
    head: str
    problems: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.count, "head": self.head, "problems": self.problems}


def verify_chain(events: Iterable[dict[str, Any]]) -> ChainReport:
    """Walk events in ``seq`` order; report every event whose hash or link is wrong."""
    prev = GENESIS
    expected_seq = 1
    problems: list[dict[str, Any]] = []
    count = 0
    for ev in events:
        count += 1
        seq = ev.get("seq")
        if seq != expected_seq:
            problems.append({"seq": seq, "id": ev.get("id"), "action": ev.get("action"),
                             "problem": f"sequence gap: expected event {expected_seq}"})
        if ev.get("prev_hash") != prev:
            problems.append({"seq": seq, "id": ev.get("id"), "action": ev.get("action"),
                             "problem": "link broken: prev_hash is not the previous event's hash"})
        recomputed = event_hash(ev, ev.get("prev_hash") or "")
        if recomputed != ev.get("hash"):
            problems.append({"seq": seq, "id": ev.get("id"), "action": ev.get("action"),
                             "problem": "content altered: the stored hash does not match the event"})
        prev = ev.get("hash") or ""
        expected_seq = (seq or expected_seq) + 1
    return ChainReport(not problems, count, prev, problems)
