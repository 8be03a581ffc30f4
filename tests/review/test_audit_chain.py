"""The audit hash chain: any edit, removal or reordering is caught and named."""

from __future__ import annotations

import copy

import pytest

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


# --- the keyed chain, its anchors and checkpoints ---------------------------------------------

from reviewer.review.audit import (  # noqa: E402
    KEYED_GENESIS_ACTION,
    Anchor,
    ChainKeys,
    checkpoint_statement,
    genesis_data,
    keyed_event_hash,
    read_checkpoint,
    sign_checkpoint,
)

KEYS = ChainKeys(b"k" * 32)


def keyed_chain(legacy: int = 2, n: int = 4, keys: ChainKeys = KEYS) -> list[dict]:
    """``legacy`` plain events, the keyed genesis, then ``n`` keyed events."""
    out = chain(legacy) if legacy else []
    prev = out[-1]["hash"] if out else GENESIS
    seq = len(out)
    for i in range(n + 1):
        seq += 1
        action, data = (KEYED_GENESIS_ACTION, genesis_data(len(out), prev, keys)) if i == 0 else (f"k{i}", {"i": i})
        ev = {"id": seq, "seq": seq, "at": f"2026-02-01T00:00:{seq:02d}+00:00", "actor_id": None, "actor": None,
              "action": action, "case_id": None, "version_id": None, "data": data, "prev_hash": prev}
        ev["hash"] = prev = keyed_event_hash(ev, prev, keys)
        out.append(ev)
    return out


def codes(rep) -> list[tuple]:
    return [(p["seq"], p["code"]) for p in rep.problems]


def test_audit_chain_keyed_intact_from_its_genesis():
    evs = keyed_chain()
    rep = verify_chain(evs, KEYS)
    assert rep.ok and rep.keyed_from == 3 and rep.count == 7 and rep.head == evs[-1]["hash"]
    assert not verify_chain(evs).ok            # checked as plain sha256 the keyed events do not verify


def test_audit_chain_keyed_rehash_without_the_key_is_caught():
    """Remove an event and recompute everything after it with the public event_hash: every rewritten event is named."""
    evs = keyed_chain()
    del evs[4]
    prev = evs[3]["hash"]
    for ev in evs[4:]:
        ev["seq"] -= 1
        ev["id"] = ev["seq"]
        ev["prev_hash"] = prev
        ev["hash"] = prev = event_hash(ev, prev)
    rep = verify_chain(evs, KEYS)
    assert codes(rep) == [(5, "content_altered"), (6, "content_altered")]
    assert rep.problems[0]["message"].startswith("内容被改动")


def test_audit_chain_with_another_secret_does_not_verify():
    rep = verify_chain(keyed_chain(), ChainKeys(b"x" * 32))
    assert {c for _s, c in codes(rep)} == {"content_altered"}


def test_audit_chain_rewritten_legacy_segment_breaks_the_keyed_genesis():
    evs = keyed_chain()
    evs[0]["actor"] = "someone-else"
    evs[0]["hash"] = event_hash(evs[0], GENESIS)
    evs[1]["prev_hash"] = evs[0]["hash"]
    evs[1]["hash"] = event_hash(evs[1], evs[1]["prev_hash"])    # the whole plain segment recomputed
    assert codes(verify_chain(evs, KEYS)) == [(3, "link_broken")]


def test_audit_chain_without_a_keyed_genesis_is_not_keyed():
    rep = verify_chain(chain(), KEYS)            # e.g. rewritten from scratch as plain sha256
    assert codes(rep) == [(None, "not_keyed")]
    assert verify_chain([], KEYS).ok             # an empty chain is only caught by its anchors


@pytest.mark.parametrize("cut, anchor_seq, expected", [
    (7, 7, []),                               # nothing removed
    (5, 7, [(7, "tail_removed")]),            # the newest two removed
    (0, 7, [(7, "tail_removed")]),            # all removed (TRUNCATE)
    (7, 9, [(9, "tail_removed")]),            # the anchor is beyond the end
])
def test_audit_chain_anchor_catches_a_removed_tail(cut, anchor_seq, expected):
    evs = keyed_chain()
    head = {e["seq"]: e["hash"] for e in evs}.get(anchor_seq, "f" * 64)
    rep = verify_chain(evs[:cut], KEYS, [Anchor(anchor_seq, head, "the checkpoint", "检查点")])
    assert codes(rep) == expected
    if expected:
        assert "检查点记录了第" in rep.problems[0]["message"]


def test_audit_chain_anchor_catches_a_replaced_event():
    evs = keyed_chain()
    rep = verify_chain(evs, KEYS, [Anchor(6, "0" * 64, "signature 4", "签名 4 的签署声明")])
    assert codes(rep) == [(6, "anchor_mismatch")]


def test_audit_checkpoint_signed_then_checked():
    evs = keyed_chain()
    genesis = evs[2]["hash"]
    cp = sign_checkpoint(KEYS, checkpoint_statement(seq=7, head=evs[-1]["hash"], genesis=genesis,
                                                    written_at="2026-02-01T00:01:00+00:00"))
    anchor, bad = read_checkpoint(KEYS, cp, genesis)
    assert bad is None and (anchor.seq, anchor.hash) == (7, evs[-1]["hash"])
    for forged in ({**cp, "seq": 5}, {**cp, "signature": "AAAA"}, {"kind": "other"}, "[]"):
        anchor, bad = read_checkpoint(KEYS, forged, genesis)
        assert anchor is None and bad["code"] == "checkpoint_invalid", forged
    anchor, bad = read_checkpoint(ChainKeys(b"x" * 32), cp, genesis)      # signed with another secret
    assert anchor is None and "签名不能用本服务器的检查点密钥" in bad["message"]
    anchor, bad = read_checkpoint(KEYS, cp, "e" * 64)                      # another chain's checkpoint
    assert anchor is None and "another keyed genesis" in bad["problem"]


def test_audit_chain_keyed_genesis_is_signed_with_the_checkpoint_key():
    from reviewer.review.audit import genesis_signature_ok

    genesis = keyed_chain()[2]
    assert genesis_signature_ok(KEYS.public_key, genesis["data"])
    assert not genesis_signature_ok(ChainKeys(b"x" * 32).public_key, genesis["data"])
    assert not genesis_signature_ok(KEYS.public_key, {**genesis["data"], "legacy_events": 1})
