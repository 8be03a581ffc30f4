"""Tampering that a consistent-looking table used to hide (issue #11), on SQLite and PostgreSQL.

Each test does what an insider with database access would do (lifting the append-only guard
first where there is one), checks that ``reviewer audit verify`` / ``reviewer verify`` and the API
now say so with a clear message and exit 5, and puts the database back as it was, so the other
tests of the session see an intact chain.
"""

from __future__ import annotations

import contextlib
import json

import pytest

from tests.api.helpers import scanned, sign
from tests.api.test_tamper import _exec, raw_db
from reviewer.review.audit import event_hash

COLUMNS = ("id", "seq", "at", "actor_id", "actor", "action", "case_id", "version_id", "data", "prev_hash", "hash")


def published(server) -> dict:
    """A document signed at all three tiers and published (主动公开)."""
    doc = scanned(server)
    officer = server.client("officer")
    decisions = [{"finding_id": f["id"], "decision": "accept"} for f in doc["current_version"]["scan"]["findings"]
                 if f["action"] in ("redact", "block")]
    assert officer.post(f"/api/documents/{doc['id']}/decisions", json={"decisions": decisions}).status_code == 200
    r = officer.post(f"/api/documents/{doc['id']}/redactions/approve", json={"attribute": "proactive", "comment": "经审查，删除个人信息后可以主动公开"})
    assert r.status_code == 200, r.text
    for user, tier in (("drafter", 1), ("head", 2), ("unithead", 3)):
        r = sign(server, user, doc["id"], tier)
        assert r.status_code == 200, r.text
    doc = server.client("drafter").get(f"/api/documents/{doc['id']}").json()
    assert doc["state"] == "published"
    return doc


@contextlib.contextmanager
def guards_lifted(conn, backend: str):
    """Drop the append-only triggers (UPDATE, DELETE and, on PostgreSQL, TRUNCATE), then put them back."""
    if backend == "sqlite":
        for verb in ("update", "delete"):
            _exec(conn, f"DROP TRIGGER IF EXISTS audit_events_no_{verb}")
        try:
            yield
        finally:
            for verb in ("UPDATE", "DELETE"):
                _exec(conn, f"CREATE TRIGGER IF NOT EXISTS audit_events_no_{verb.lower()} BEFORE {verb} ON "
                            "audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END")
    else:
        _exec(conn, "ALTER TABLE audit_events DISABLE TRIGGER USER")
        try:
            yield
        finally:
            _exec(conn, "ALTER TABLE audit_events ENABLE TRIGGER USER")


@contextlib.contextmanager
def audit_restored(conn, backend: str):
    """Snapshot audit_events; whatever the test does to it, put every row back afterwards."""
    rows = _exec(conn, f"SELECT {', '.join(COLUMNS)} FROM audit_events ORDER BY seq").fetchall()
    try:
        yield rows
    finally:
        with guards_lifted(conn, backend):
            _exec(conn, "DELETE FROM audit_events")
            marks = ", ".join(["%s"] * len(COLUMNS))
            for row in rows:
                _exec(conn, f"INSERT INTO audit_events ({', '.join(COLUMNS)}) VALUES ({marks})", tuple(row))


def audit_verify_fails(server, *codes: str) -> str:
    """``reviewer audit verify`` exits 5 naming each code; the API agrees.  Returns the CLI's stderr."""
    res = server.cli("audit", "verify")
    assert res.returncode == 5, res.stdout + res.stderr
    for code in codes:
        assert code in res.stderr, res.stderr
    api = server.client("admin").get("/api/admin/audit/verify").json()
    assert api["ok"] is False
    for code in codes:
        assert code in {p.get("code") for p in api["problems"]}, api["problems"]
    return res.stderr


def test_tamper_emptied_audit_table_is_refused_then_detected(server):
    """PostgreSQL TRUNCATE (row triggers do not fire) / SQLite DELETE of every row."""
    published(server)
    server.client("admin")                         # signed in before the tamper (sign-ins append events)
    wipe = "TRUNCATE audit_events" if server.backend == "postgresql" else "DELETE FROM audit_events"
    with raw_db(server) as conn, audit_restored(conn, server.backend):
        with pytest.raises(Exception, match="append-only"):
            _exec(conn, wipe)
        with guards_lifted(conn, server.backend):
            _exec(conn, wipe)
        assert _exec(conn, "SELECT count(*) FROM audit_events").fetchone()[0] == 0
        err = audit_verify_fails(server, "tail_removed")
        assert "检查点" in err and "签名" in err        # both anchors outside the table say so
    assert server.cli("audit", "verify").returncode == 0


def test_tamper_newest_events_deleted_is_detected(server):
    published(server)
    server.client("admin")
    with raw_db(server) as conn, audit_restored(conn, server.backend) as rows:
        last = rows[-1][1]
        with guards_lifted(conn, server.backend):
            _exec(conn, "DELETE FROM audit_events WHERE seq > %s", (last - 2,))
        err = audit_verify_fails(server, "tail_removed")
        assert f"{last}" in err
        # the service carries on and appends new events at the removed places: the chain is
        # consistent again, but the checkpoint names a different event at its seq
        for _ in range(2):
            r = server.client().post("/api/auth/token", json={"username": "officer", "password": "demo-pass-123"})
            assert r.status_code == 200
        assert _exec(conn, "SELECT max(seq) FROM audit_events").fetchone()[0] == last
        audit_verify_fails(server, "anchor_mismatch")
    assert server.cli("audit", "verify").returncode == 0


def test_tamper_middle_event_removed_and_chain_rehashed_is_detected(server):
    """Delete one event, renumber and recompute every later hash with the project's own event_hash."""
    doc = published(server)
    server.client("admin")
    with raw_db(server) as conn, audit_restored(conn, server.backend) as rows:
        events = [dict(zip(COLUMNS, r)) for r in rows]
        victim = next(e for e in events if e["case_id"] == doc["id"] and e["action"] == "redactions.approved")
        with guards_lifted(conn, server.backend):
            _exec(conn, "DELETE FROM audit_events WHERE id = %s", (victim["id"],))
            prev = None
            for e in events:
                if e["seq"] < victim["seq"]:
                    prev = e["hash"]
                    continue
                if e["id"] == victim["id"]:
                    continue
                e = {**e, "seq": e["seq"] - 1, "data": json.loads(e["data"])}
                h = event_hash(e, prev)
                _exec(conn, "UPDATE audit_events SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
                      (e["seq"], prev, h, e["id"]))
                prev = h
        err = audit_verify_fails(server, "content_altered")
        assert f"event seq {victim['seq']} " in err or f"seq {victim['seq']}（" in err, err
    assert server.cli("audit", "verify").returncode == 0


def test_tamper_tier3_signature_deleted_is_detected(server):
    doc = published(server)
    drafter = server.client("drafter")
    with raw_db(server) as conn:
        cols = "id, case_id, version_id, tier, role, user_id, key_id, payload, signature, output_sha256, created_at"
        rows = _exec(conn, f"SELECT {cols} FROM signatures WHERE case_id = %s ORDER BY tier", (doc["id"],)).fetchall()
        assert [r[3] for r in rows] == [1, 2, 3]
        try:
            _exec(conn, "DELETE FROM signatures WHERE id = %s", (rows[2][0],))
            res = server.cli("verify", str(doc["id"]))
            assert res.returncode == 5 and "INVALID" in res.stdout, res.stdout + res.stderr
            assert "published" in res.stdout and "tier 3" in res.stdout, res.stdout
            v = drafter.get(f"/api/documents/{doc['id']}/signatures/verify").json()
            assert v["valid"] is False and any("tier 3" in p for p in v["problems"]), v
            # every signature gone: the document is still checked (and fails), not skipped
            _exec(conn, "DELETE FROM signatures WHERE case_id = %s", (doc["id"],))
            res = server.cli("verify")
            assert res.returncode == 5 and f"document {doc['id']}: INVALID" in res.stdout, res.stdout
        finally:
            marks = ", ".join(["%s"] * 11)
            for row in rows:
                if not _exec(conn, "SELECT 1 FROM signatures WHERE id = %s", (row[0],)).fetchone():
                    _exec(conn, f"INSERT INTO signatures ({cols}) VALUES ({marks})", tuple(row))
    assert server.cli("verify", str(doc["id"])).returncode == 0


def test_tamper_signature_role_changed_is_detected(server):
    doc = published(server)
    with raw_db(server) as conn:
        try:
            _exec(conn, "UPDATE signatures SET role = %s WHERE case_id = %s AND tier = 3", ("drafter", doc["id"]))
            res = server.cli("verify", str(doc["id"]))
            assert res.returncode == 5 and "INVALID" in res.stdout, res.stdout
            assert "role" in res.stdout and "unit_head" in res.stdout, res.stdout
            v = server.client("drafter").get(f"/api/documents/{doc['id']}/signatures/verify").json()
            assert v["valid"] is False
        finally:
            _exec(conn, "UPDATE signatures SET role = %s WHERE case_id = %s AND tier = 3", ("unit_head", doc["id"]))
    assert server.cli("verify", str(doc["id"])).returncode == 0


def test_audit_checkpoint_written_by_the_service_and_by_the_cli(server, tmp_path):
    import subprocess

    from tests.api.conftest import BIN

    sign_in = server.client().post("/api/auth/token", json={"username": "head", "password": "demo-pass-123"})
    assert sign_in.status_code == 200
    path = server.data_dir / "audit-checkpoint.json"
    with raw_db(server) as conn:
        last = _exec(conn, "SELECT max(seq) FROM audit_events").fetchone()[0]
    assert json.loads(path.read_text())["seq"] == last          # the service wrote it after that commit
    res = server.cli("audit", "checkpoint")
    assert res.returncode == 0 and "检查点" in res.stdout, res.stdout + res.stderr
    # a copy kept elsewhere is checked just the same
    copy = tmp_path / "kept-elsewhere.json"
    copy.write_text(path.read_text())
    res = server.cli("audit", "verify", "--checkpoint", str(copy))
    assert res.returncode == 0 and "audit chain OK" in res.stdout, res.stdout + res.stderr
    # a checkpoint edited to hide a removed tail no longer verifies
    forged = json.loads(copy.read_text())
    forged["seq"] -= 1
    copy.write_text(json.dumps(forged))
    res = server.cli("audit", "verify", "--checkpoint", str(copy))
    assert res.returncode == 5 and "checkpoint_invalid" in res.stderr and "检查点无效" in res.stderr
    # without the server secret the keyed chain cannot be checked: a usage error, not a verdict
    env = {k: v for k, v in server.env.items() if k != "REVIEWER_SECRET"}
    res = subprocess.run([str(BIN / "reviewer"), "audit", "verify", "--database-url", server.db_url,
                          "--data-dir", str(tmp_path / "empty")], env=env, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and "REVIEWER_SECRET" in res.stderr and "服务器密钥" in res.stderr, res.stderr


def test_tamper_signatures_deleted_and_state_set_back_is_caught_by_the_audit_chain(server):
    """reviewer verify alone sees nothing (no signature, a state that needs none); the tier events still name them."""
    doc = published(server)
    server.client("admin")
    with raw_db(server) as conn:
        cols = "id, case_id, version_id, tier, role, user_id, key_id, payload, signature, output_sha256, created_at"
        rows = _exec(conn, f"SELECT {cols} FROM signatures WHERE case_id = %s ORDER BY tier", (doc["id"],)).fetchall()
        try:
            _exec(conn, "DELETE FROM signatures WHERE case_id = %s", (doc["id"],))
            _exec(conn, "UPDATE cases SET state = %s WHERE id = %s", ("redactions_approved", doc["id"]))
            assert server.cli("verify", str(doc["id"])).returncode == 0       # the limit of reviewer verify
            err = audit_verify_fails(server, "signature_missing")
            assert "签名被删除" in err
        finally:
            _exec(conn, "UPDATE cases SET state = %s WHERE id = %s", ("published", doc["id"]))
            marks = ", ".join(["%s"] * 11)
            for row in rows:
                _exec(conn, f"INSERT INTO signatures ({cols}) VALUES ({marks})", tuple(row))
    assert server.cli("verify", str(doc["id"])).returncode == 0
    assert server.cli("audit", "verify").returncode == 0
