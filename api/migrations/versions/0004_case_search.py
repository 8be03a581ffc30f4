"""case_search: full-text search over title, 文号 and content (jieba-segmented terms)

SQLite: the FTS5 table ``case_fts`` (rowid = case id) beside ``case_search``; PostgreSQL: a
GIN index over ``to_tsvector('simple', terms)``.  Cases scanned before this revision are
indexed by the service at start (api.search.backfill).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'case_search',
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('terms', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.PrimaryKeyConstraint('case_id'),
    )
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute("CREATE VIRTUAL TABLE case_fts USING fts5(terms, tokenize = 'unicode61')")
    elif dialect == 'postgresql':
        op.execute("CREATE INDEX ix_case_search_tsv ON case_search USING gin (to_tsvector('simple', terms))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        op.execute("DROP TABLE IF EXISTS case_fts")
    elif dialect == 'postgresql':
        op.execute("DROP INDEX IF EXISTS ix_case_search_tsv")
    op.drop_table('case_search')
