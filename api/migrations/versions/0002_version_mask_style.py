"""versions.mask_style: the mask style the approved output was built with

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mask_style', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_column('mask_style')
