"""An existing deployment's plain sha256 chain is kept and continued by a keyed segment (SQLite, PostgreSQL).

Before, the whole chain was plain sha256: whoever could write the table could rewrite any of it
and recompute the hashes with event_hash, and ``reviewer audit verify`` said OK.  After the
upgrade the keyed genesis records the old head, so a rewritten old segment breaks the keyed one.
"""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from api import audit_store, uow
from api.db import alembic_config, make_engine
from api.models import AuditEvent
from api.runtime import Runtime
from api.settings import Settings
from reviewer.review.audit import GENESIS, KEYED_GENESIS_ACTION, event_hash
from reviewer.review.canonical import canonical_json
from tests.api.test_migrations import db_url  # noqa: F401  (the SQLite / PostgreSQL fixture)

SECRET = b"an-old-deployment-secret-0123456789"


def legacy_chain(url: str, n: int = 5) -> str:
    """A database at revision 0002 with ``n`` plain sha256 events, as the old code wrote them; returns the head."""
    engine = make_engine(url)
    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    prev = GENESIS
    with engine.begin() as conn:
        for seq in range(1, n + 1):
            body = {"seq": seq, "at": f"2026-01-0{seq}T08:00:00+00:00", "actor_id": None, "actor": "old",
                    "action": "auth.failed", "case_id": None, "version_id": None, "data": {"username": f"u{seq}"}}
            h = event_hash(body, prev)
            conn.execute(text("INSERT INTO audit_events (seq, at, actor_id, actor, action, case_id, version_id, data, "
                              "prev_hash, hash) VALUES (:seq, :at, NULL, :actor, :action, NULL, NULL, :data, :p, :h)"),
                         {**body, "data": canonical_json(body["data"]).decode(), "p": prev, "h": h})
            prev = h
    engine.dispose()
    return prev


def start(url: str, tmp_path) -> Runtime:
    return Runtime.start(Settings(data_dir=tmp_path / "data", database_url=url, secret=SECRET,
                                  audit_checkpoint_seconds=0))


def test_audit_upgrade_keys_an_existing_chain_after_its_old_head(db_url, tmp_path):  # noqa: F811
    old_head = legacy_chain(db_url)
    rt = start(db_url, tmp_path)
    try:
        with rt.sessions() as db:
            genesis = audit_store.keyed_genesis(db)
            assert genesis.seq == 6 and genesis.prev_hash == old_head
            assert json.loads(genesis.data)["legacy_events"] == 5 and json.loads(genesis.data)["legacy_head"] == old_head
            uow.commit(rt, db, None, [("admin.department_created", None, None, {"name": "新科室"})])
            rep = audit_store.verify(db, rt.chain_keys, rt.settings.checkpoint_path)
            assert rep.ok, rep.problems
            assert rep.keyed_from == 6 and rep.count == 7 and rep.anchors == 1   # the checkpoint of event 7
    finally:
        rt.close()
    rt = start(db_url, tmp_path)                 # a second start adds no second genesis
    try:
        with rt.sessions() as db:
            assert db.query(AuditEvent).filter(AuditEvent.action == KEYED_GENESIS_ACTION).count() == 1
    finally:
        rt.close()


def test_audit_upgrade_rewritten_old_segment_is_detected(db_url, tmp_path):  # noqa: F811
    legacy_chain(db_url)
    rt = start(db_url, tmp_path)
    try:
        postgres = rt.engine.dialect.name == "postgresql"
        with rt.engine.begin() as conn:          # an insider rewrites event 2 and recomputes events 2–5 (plain sha256)
            if postgres:
                conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
            else:
                conn.execute(text("DROP TRIGGER audit_events_no_update"))
            rows = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM audit_events WHERE seq <= 5 ORDER BY seq"))]
            prev = rows[0]["hash"]
            for row in rows[1:]:
                ev = {**row, "data": json.loads(row["data"])}
                if ev["seq"] == 2:
                    ev["data"] = {"username": "someone-else"}
                h = event_hash(ev, prev)
                conn.execute(text("UPDATE audit_events SET data = :d, prev_hash = :p, hash = :h WHERE id = :id"),
                             {"d": canonical_json(ev["data"]).decode(), "p": prev, "h": h, "id": row["id"]})
                prev = h
            if postgres:
                conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
        with rt.sessions() as db:
            rep = audit_store.verify(db, rt.chain_keys, rt.settings.checkpoint_path)
        assert [(p["seq"], p["code"]) for p in rep.problems] == [(6, "link_broken")]
    finally:
        rt.close()


def test_audit_upgrade_truncate_is_refused_on_postgresql(db_url, tmp_path):  # noqa: F811
    rt = start(db_url, tmp_path)
    try:
        if rt.engine.dialect.name != "postgresql":
            return                                # SQLite has no TRUNCATE; DELETE is refused by its row trigger
        import pytest

        with pytest.raises(Exception, match="append-only"):
            with rt.engine.begin() as conn:
                conn.execute(text("TRUNCATE audit_events"))
        with rt.sessions() as db:
            assert audit_store.head(db)[0] == 1     # the keyed genesis is still there
    finally:
        rt.close()


def test_audit_start_says_when_the_chain_no_longer_reaches_its_checkpoint(db_url, tmp_path, caplog):  # noqa: F811
    rt = start(db_url, tmp_path)
    try:
        with rt.sessions() as db:
            for i in range(3):
                uow.commit(rt, db, None, [("auth.failed", None, None, {"username": f"u{i}"})])
        postgres = rt.engine.dialect.name == "postgresql"
        with rt.engine.begin() as conn:          # the newest two events removed
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER" if postgres
                              else "DROP TRIGGER audit_events_no_delete"))
            conn.execute(text("DELETE FROM audit_events WHERE seq > 2"))
            if postgres:
                conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
    finally:
        rt.close()
    with caplog.at_level("ERROR", logger="reviewer.audit"):
        start(db_url, tmp_path).close()
    assert "审计链与检查点不符" in caplog.text and "tail_removed" in caplog.text
