"""Tampering is caught: an audit row edited in the database, a signed statement edited, output bytes swapped."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.api.helpers import approved, sign


@contextlib.contextmanager
def raw_db(server):
    if server.backend == "sqlite":
        conn = sqlite3.connect(server.db_url.removeprefix("sqlite:///"), isolation_level=None, timeout=30)
        try:
            yield conn
        finally:
            conn.close()
    else:
        import psycopg

        with psycopg.connect(server.db_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
            yield conn


def _exec(conn, sql: str, params=()):
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql.replace("%s", "?"), params)
    return conn.execute(sql, params)


@contextlib.contextmanager
def append_only_lifted(conn, backend: str):
    """What a privileged insider would do first: drop the append-only guard."""
    if backend == "sqlite":
        _exec(conn, "DROP TRIGGER audit_events_no_update")
        try:
            yield
        finally:
            _exec(conn, "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
                        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END")
    else:
        _exec(conn, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
        try:
            yield
        finally:
            _exec(conn, "ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")


def test_tamper_audit_row_is_refused_then_detected(server):
    doc = approved(server)
    with raw_db(server) as conn:
        seq, data = _exec(conn, "SELECT seq, data FROM audit_events WHERE case_id = %s AND action = %s",
                          (doc["id"], "redactions.approved")).fetchone()
        with pytest.raises(Exception, match="append-only"):
            _exec(conn, "UPDATE audit_events SET data = %s WHERE seq = %s", ("{}", seq))
        forged = json.dumps({**json.loads(data), "removed": 0}, separators=(",", ":"), ensure_ascii=False)
        with append_only_lifted(conn, server.backend):
            _exec(conn, "UPDATE audit_events SET data = %s WHERE seq = %s", (forged, seq))
            try:
                res = server.cli("audit", "verify")
                assert res.returncode == 5, res.stdout + res.stderr
                assert f"event seq {seq}" in res.stderr and "redactions.approved" in res.stderr
                assert "content_altered" in res.stderr and "内容被改动" in res.stderr
                api = server.client("admin").get("/api/admin/audit/verify").json()
                assert api["ok"] is False and [p["seq"] for p in api["problems"]] == [seq]
            finally:
                _exec(conn, "UPDATE audit_events SET data = %s WHERE seq = %s", (data, seq))
    assert server.cli("audit", "verify").returncode == 0


def test_tamper_signed_opinion_and_output_bytes_are_detected(server):
    doc = approved(server)
    assert sign(server, "drafter", doc["id"], 1, opinion="同意公开").status_code == 200
    client = server.client("drafter")
    assert client.get(f"/api/documents/{doc['id']}/signatures/verify").json()["valid"] is True
    with raw_db(server) as conn:
        sid, payload = _exec(conn, "SELECT id, payload FROM signatures WHERE case_id = %s", (doc["id"],)).fetchone()
        _exec(conn, "UPDATE signatures SET payload = %s WHERE id = %s",
              (payload.replace("同意公开", "不同意公开"), sid))
        try:
            v = client.get(f"/api/documents/{doc['id']}/signatures/verify").json()
            assert v["valid"] is False
            assert "the signature does not match the signed statement" in v["signatures"][0]["problems"]
            res = server.cli("verify", str(doc["id"]))
            assert res.returncode == 5 and "INVALID" in res.stdout
        finally:
            _exec(conn, "UPDATE signatures SET payload = %s WHERE id = %s", (payload, sid))
    # the output file itself is swapped on disk
    sha = doc["current_version"]["output_sha256"]
    path = Path(server.data_dir) / "blobs" / sha[:2] / sha[2:4] / sha
    original = path.read_bytes()
    path.chmod(0o640)
    try:
        path.write_bytes(original + b"\0")
        v = client.get(f"/api/documents/{doc['id']}/signatures/verify").json()
        assert v["valid"] is False
        assert "the stored output's bytes differ from what was signed" in v["signatures"][0]["problems"]
    finally:
        path.write_bytes(original)
    assert client.get(f"/api/documents/{doc['id']}/signatures/verify").json()["valid"] is True
