"""audit_events: refuse TRUNCATE on PostgreSQL (row triggers do not fire for it)

The keyed chain segment itself is started by the service right after the migrations
(api.audit_store.ensure_keyed_chain: it needs the server secret, which a migration does not
have); see docs/api.md, *Audit trail*.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 18:40:00
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # the function from 0001 raises 'audit_events is append-only'; it works for statement triggers too
        op.execute("CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()")
    # SQLite has no TRUNCATE: DELETE without WHERE fires the row trigger audit_events_no_delete


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
