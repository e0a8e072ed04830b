"""performance: indexes the queue needs at a million work orders

The queue sorts by created_at then id; with both in one index SQLite reads a window (even
one half a million rows in) from the index alone, with no sort step.

Revision ID: 0004
Revises: 0002
"""
from alembic import op

revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


# Plain index operations: SQLite does them in place; no batch table rebuild of a million rows.
def upgrade() -> None:
    op.create_index('ix_work_order_created_id', 'work_order', ['created_at', 'id'], unique=False)
    op.drop_index('ix_work_order_created', table_name='work_order')


def downgrade() -> None:
    op.create_index('ix_work_order_created', 'work_order', ['created_at'], unique=False)
    op.drop_index('ix_work_order_created_id', table_name='work_order')
