"""Alembic migrations: upgrade, downgrade, upgrade again; the models match the migrated schema."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from api.db import alembic_config, make_engine, upgrade
from api.models import Base
from tests.api.conftest import _pg_create, _pg_drop


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    name, url = _pg_create()
    if not name:
        pytest.skip(f"PostgreSQL on loopback is unreachable ({url})")
    try:
        yield url
    finally:
        _pg_drop(name)


def test_migrations_roundtrip_and_match_models(db_url):
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            # the search indexes made by raw SQL in 0004: SQLite's FTS5 table case_fts (and its shadow
            # tables), PostgreSQL's expression index over to_tsvector('simple', terms)
            ctx = MigrationContext.configure(conn, opts={"include_name": lambda name, kind, _p: not (
                (kind == "table" and (name or "").startswith("case_fts")) or name == "ix_case_search_tsv")})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == []
        cfg = alembic_config(db_url)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        upgrade(engine)
        upgrade(engine)          # idempotent at head
    finally:
        engine.dispose()
