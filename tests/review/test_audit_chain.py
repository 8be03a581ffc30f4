"""The audit hash chain: any edit, removal or reordering is caught and named."""

from __future__ import annotations

import copy

from reviewer.review.audit import GENESIS, event_hash, verify_chain


def chain(n: int = 5) -> list[dict]:
    out, prev = [], GENESIS
    for i in range(1, n + 1):
        ev = {"id": i, "seq": i, "at": f"2026-01-01T00:00:0{i}+00:00", "actor_id": 1, "actor": "drafter",
              "action": f"step{i}", "case_id": 7, "version_id": 3, "data": {"n": i, "意见": "同意"}}
        ev["prev_hash"] = prev
        ev["hash"] = prev = event_hash(ev, prev)
        out.append(ev)
    return out


def test_audit_chain_intact():
    rep = verify_chain(chain())
    assert rep.ok and rep.count == 5 and rep.head == chain()[-1]["hash"]


def test_audit_chain_edited_event_is_named():
    evs = chain()
    evs[2]["data"]["意见"] = "不同意"
    rep = verify_chain(evs)
    assert not rep.ok
    assert [(p["seq"], p["problem"].split(":")[0]) for p in rep.problems] == [(3, "content altered")]


def test_audit_chain_rehashed_edit_breaks_the_next_link():
    evs = chain()
    evs[1]["actor"] = "someone-else"
    evs[1]["hash"] = event_hash(evs[1], evs[1]["prev_hash"])   # the forger recomputes this row's hash
    rep = verify_chain(evs)
    assert [p["seq"] for p in rep.problems] == [3] and "link broken" in rep.problems[0]["problem"]


def test_audit_chain_deleted_and_reordered_events():
    evs = chain()
    del evs[1]
    assert {p["seq"] for p in verify_chain(evs).problems} == {3}
    evs = chain()
    evs[1], evs[2] = evs[2], evs[1]
    assert not verify_chain(evs).ok


def test_audit_chain_hash_covers_every_field():
    ev = chain(1)[0]
    for field in ("seq", "at", "actor_id", "actor", "action", "case_id", "version_id", "data"):
        changed = copy.deepcopy(ev)
        changed[field] = "x"
        assert event_hash(changed, GENESIS) != ev["hash"], field
