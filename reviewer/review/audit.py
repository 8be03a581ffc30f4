"""The audit trail as a keyed hash chain, anchored outside its table.

Each event is hashed over its canonical JSON, which includes the hash of the event before it
(``prev_hash``; the first event uses :data:`GENESIS`).  Changing, removing or reordering any
stored event breaks the chain at that event, and :func:`verify_chain` names it.

**Keyed.**  A plain sha256 chain can be recomputed by anyone who can write the table, so from
the *keyed genesis* event (action :data:`KEYED_GENESIS_ACTION`) on, every hash is an
HMAC-SHA256 under a key derived from the server secret (:class:`ChainKeys`).  Events before
it (an older deployment's plain segment) keep their sha256 hashes; the keyed genesis records
that segment's length and head, and links to it, so rewriting it is caught too.

**Anchored.**  A chain that is consistent in itself can still have lost its newest events (or
all of them).  An :class:`Anchor` is a (seq, hash) pair recorded somewhere else — a signed
checkpoint file (:func:`sign_checkpoint`), or the audit head named in each signed sign-off
statement — and :func:`verify_chain` reports an anchor the chain no longer reaches
(``tail_removed``) or reaches with a different event (``anchor_mismatch``).

What this cannot prove: whoever holds the server secret *and* write access to the database
and the data directory can rewrite everything consistently (docs/api.md, *What verification
proves*).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any, Iterable

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.exceptions import InvalidSignature

from reviewer.review.canonical import canonical_json, sha256_hex

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "at", "actor_id", "actor", "action", "case_id", "version_id", "data")
KEYED_GENESIS_ACTION = "audit.chain_keyed"
CHAIN_ALGORITHM = "hmac-sha256"
CHECKPOINT_KIND = "reviewer.audit.checkpoint"
CHECKPOINT_VERSION = 1

# code -> (English, for the JSON "problem" field; Chinese, for people: the "message" field)
PROBLEMS = {
    "sequence_gap": ("sequence gap: expected event {expected}", "序号不连续：此处应为第 {expected} 个事件"),
    "link_broken": ("link broken: prev_hash is not the previous event's hash",
                    "链接断开：prev_hash 不是前一个事件的哈希"),
    "content_altered": ("content altered: the stored hash does not match the event",
                        "内容被改动：存储的哈希与事件内容不符"),
    "not_keyed": ("not keyed: the chain has no keyed segment (no audit.chain_keyed event), so anyone who can "
                  "write the table could have recomputed it",
                  "审计链未加密钥：没有 audit.chain_keyed 起始事件，能写数据库的人都可以重算整条链"),
    "tail_removed": ("tail removed: {source} records event {seq}, but the chain ends at event {last}",
                     "末尾事件被删除：{source_zh}记录了第 {seq} 个事件，但审计链只到第 {last} 个事件"),
    "anchor_mismatch": ("anchor mismatch: {source} records a different event {seq} than the chain holds",
                        "事件被替换：{source_zh}记录的第 {seq} 个事件与审计链中的不同"),
    "checkpoint_invalid": ("checkpoint invalid: {why}", "检查点无效：{why_zh}"),
    "signature_event_missing": ("signature event missing: signature {signature_id} (document {case_id}, tier "
                                "{tier}) has no tier{tier}.{decision} event in the chain",
                                "签名缺少审计事件：签名 {signature_id}（文件 {case_id}，第 {tier} 级）"
                                "在审计链中没有对应的 tier{tier}.{decision} 事件"),
    "signature_missing": ("signature missing: the event records signature {signature_id}, which is no longer "
                          "in the signatures table",
                          "签名被删除：该事件记录的签名 {signature_id} 已不在签名表中"),
}


def problem(code: str, *, seq: int | None = None, id: int | None = None, action: str | None = None,
            **fmt: Any) -> dict[str, Any]:
    en, zh = PROBLEMS[code]
    fmt = {"seq": seq, **fmt}
    return {"seq": seq, "id": id, "action": action, "code": code,
            "problem": en.format(**fmt), "message": zh.format(**fmt)}


def _hkdf(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"reviewer.audit", info=info).derive(secret)


class ChainKeys:
    """The keys of the audit trail, derived from the server secret (HKDF-SHA256).

    ``mac`` keys the chain (HMAC-SHA256); an Ed25519 key, whose public half anyone may hold,
    signs checkpoints.  Neither is stored: the same secret always gives the same keys.
    """

    def __init__(self, server_secret: bytes):
        if len(server_secret) < 16:
            raise ValueError("the server secret must be at least 16 bytes")
        self._mac_key = _hkdf(server_secret, b"audit chain hmac v1")
        self._signing = Ed25519PrivateKey.from_private_bytes(_hkdf(server_secret, b"audit checkpoint ed25519 v1"))
        self.public_key = self._signing.public_key().public_bytes(serialization.Encoding.Raw,
                                                                   serialization.PublicFormat.Raw)
        self.key_id = hmac.new(self._mac_key, b"reviewer audit key id", hashlib.sha256).hexdigest()[:16]
        self.checkpoint_key = sha256_hex(self.public_key)[:16]

    def mac(self, message: bytes) -> str:
        return hmac.new(self._mac_key, message, hashlib.sha256).hexdigest()

    def sign(self, message: bytes) -> bytes:
        return self._signing.sign(message)


def event_body(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event.get(k) for k in HASHED_FIELDS}


def event_hash(event: dict[str, Any], prev_hash: str) -> str:
    """sha256 over the canonical JSON of the event's fields plus ``prev_hash`` (the unkeyed segment)."""
    return sha256_hex(canonical_json({**event_body(event), "prev_hash": prev_hash}))


def keyed_event_hash(event: dict[str, Any], prev_hash: str, keys: ChainKeys) -> str:
    """HMAC-SHA256 over the same canonical JSON: only the holder of the server secret can compute it."""
    return keys.mac(canonical_json({**event_body(event), "prev_hash": prev_hash}))


def genesis_data(legacy_events: int, legacy_head: str, keys: ChainKeys) -> dict[str, Any]:
    """What the keyed genesis event records: the plain segment before it and the keys' ids, signed.

    ``signature`` is Ed25519 (the checkpoint key) over the canonical JSON of the other fields, so
    the old head it records can be checked with the public key alone.
    """
    import base64

    body = {"algorithm": CHAIN_ALGORITHM, "key_id": keys.key_id, "checkpoint_key": keys.checkpoint_key,
            "legacy_events": legacy_events, "legacy_head": legacy_head}
    return {**body, "signature": base64.b64encode(keys.sign(canonical_json(body))).decode("ascii")}


def genesis_signature_ok(public_key: bytes, data: Any) -> bool:
    """Whether a keyed genesis' ``data`` carries a valid signature by ``public_key``."""
    import base64

    if not isinstance(data, dict):
        return False
    body = {k: v for k, v in data.items() if k != "signature"}
    try:
        sig = base64.b64decode(str(data.get("signature", "")).encode("ascii"), validate=True)
        Ed25519PublicKey.from_public_bytes(public_key).verify(sig, canonical_json(body))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class Anchor:
    """A chain position recorded outside the table: event ``seq`` had hash ``hash``."""

    seq: int
    hash: str
    source: str          # English, e.g. "the checkpoint of 2026-12-04T18:00:00+00:00"
    source_zh: str       # Chinese, e.g. "检查点（2026-12-04T18:00:00+00:00）"


@dataclass
class ChainReport:
    ok: bool
    count: int
    head: str
    problems: list[dict[str, Any]] = field(default_factory=list)
    keyed_from: int | None = None        # seq of the keyed genesis event
    last_seq: int = 0
    anchors: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.count, "head": self.head, "last_seq": self.last_seq,
                "keyed_from": self.keyed_from, "anchors_checked": self.anchors, "problems": self.problems,
                "warnings": self.warnings}


def verify_chain(events: Iterable[dict[str, Any]], keys: ChainKeys | None = None,
                 anchors: Iterable[Anchor] = ()) -> ChainReport:
    """Walk events in ``seq`` order; report every event whose hash or link is wrong.

    Without ``keys`` every hash is checked as plain sha256 (a chain from before keying).  With
    ``keys`` the chain must have a keyed genesis, and it and every later event are checked as
    HMACs.  Each anchor must name an event of the chain with exactly that hash.
    """
    prev = GENESIS
    expected_seq = 1
    problems: list[dict[str, Any]] = []
    count = 0
    keyed_from: int | None = None
    wanted: dict[int, list[Anchor]] = {}
    for a in anchors:
        wanted.setdefault(a.seq, []).append(a)
    seen: dict[int, str] = {}
    last_seq = 0
    for ev in events:
        count += 1
        seq = ev.get("seq")
        where = {"seq": seq, "id": ev.get("id"), "action": ev.get("action")}
        if seq != expected_seq:
            problems.append(problem("sequence_gap", expected=expected_seq, **where))
        if ev.get("prev_hash") != prev:
            problems.append(problem("link_broken", **where))
        if keys is not None and keyed_from is None and ev.get("action") == KEYED_GENESIS_ACTION:
            keyed_from = seq
        if keyed_from is not None:
            recomputed = keyed_event_hash(ev, ev.get("prev_hash") or "", keys)
        else:
            recomputed = event_hash(ev, ev.get("prev_hash") or "")
        if not hmac.compare_digest(recomputed, str(ev.get("hash") or "")) or (
                keyed_from == seq and not genesis_signature_ok(keys.public_key, ev.get("data"))):
            problems.append(problem("content_altered", **where))
        prev = ev.get("hash") or ""
        if isinstance(seq, int):
            last_seq = max(last_seq, seq)
            if seq in wanted:
                seen[seq] = prev
        expected_seq = (seq or expected_seq) + 1
    if keys is not None and count and keyed_from is None:
        problems.append(problem("not_keyed"))
    for seq, group in sorted(wanted.items()):
        for a in group:
            if seq not in seen:
                problems.append(problem("tail_removed", seq=seq, source=a.source, source_zh=a.source_zh,
                                        last=last_seq))
            elif not hmac.compare_digest(seen[seq], a.hash):
                problems.append(problem("anchor_mismatch", seq=seq, source=a.source, source_zh=a.source_zh))
    return ChainReport(not problems, count, prev, problems, keyed_from=keyed_from, last_seq=last_seq,
                       anchors=sum(len(g) for g in wanted.values()))


# --- checkpoints: the head and length of the chain, signed, kept outside the database ---------

def checkpoint_statement(*, seq: int, head: str, genesis: str, written_at: str) -> dict[str, Any]:
    return {"kind": CHECKPOINT_KIND, "v": CHECKPOINT_VERSION, "seq": seq, "head": head,
            "genesis": genesis, "written_at": written_at}


def sign_checkpoint(keys: ChainKeys, statement: dict[str, Any]) -> dict[str, Any]:
    import base64

    body = {**statement, "algorithm": "ed25519", "key": keys.checkpoint_key}
    return {**body, "signature": base64.b64encode(keys.sign(canonical_json(body))).decode("ascii")}


def read_checkpoint(keys: ChainKeys, obj: Any, genesis: str | None) -> tuple[Anchor | None, dict | None]:
    """Check a checkpoint against the keys and the chain's keyed genesis hash.

    Returns (anchor, None) when it is genuine, else (None, a ``checkpoint_invalid`` problem).
    """
    import base64

    def bad(why: str, why_zh: str) -> tuple[None, dict]:
        return None, problem("checkpoint_invalid", why=why, why_zh=why_zh)

    if not isinstance(obj, dict) or obj.get("kind") != CHECKPOINT_KIND:
        return bad("not a reviewer audit checkpoint", "不是 reviewer 的审计检查点文件")
    body = {k: v for k, v in obj.items() if k != "signature"}
    try:
        sig = base64.b64decode(str(obj.get("signature", "")).encode("ascii"), validate=True)
        Ed25519PublicKey.from_public_bytes(keys.public_key).verify(sig, canonical_json(body))
    except (InvalidSignature, ValueError, TypeError):
        return bad("its signature does not verify with this server's checkpoint key "
                   f"{keys.checkpoint_key} (altered, or written with another secret)",
                   f"签名不能用本服务器的检查点密钥 {keys.checkpoint_key} 核验（被改动，或由其他密钥写成）")
    if not isinstance(obj.get("seq"), int) or not isinstance(obj.get("head"), str):
        return bad("seq or head missing", "缺少 seq 或 head")
    if genesis is not None and obj.get("genesis") != genesis:
        return bad("it belongs to a chain with another keyed genesis event (the genesis was replaced, or "
                   "this is another database's checkpoint)",
                   "它属于起始事件不同的另一条审计链（起始事件被替换，或是其他数据库的检查点）")
    at = obj.get("written_at", "?")
    return Anchor(obj["seq"], obj["head"], f"the checkpoint of {at}", f"检查点（{at}）"), None
