"""sync_held: rows pulled from the centre that the desk could not apply, set aside with the reason

A pulled row the desk cannot store (its ticket number already used here after a restore, a
broken value) used to fail the whole pull, for good. It now waits here, the rest applies, and
a supervisor retries or discards it.

Revision ID: 0009_sync_held
Revises: 0008_knowledge_base
"""
from alembic import op
import sqlalchemy as sa
import desk.models.base

revision = '0009_sync_held'
down_revision = '0008_knowledge_base'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_held',
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.String(length=32), nullable=False),
        sa.Column('row', sa.Text(), nullable=False),
        sa.Column('reason', sa.String(length=60), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_held')),
    )


def downgrade() -> None:
    op.drop_table('sync_held')
