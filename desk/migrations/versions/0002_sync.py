"""sync bookkeeping: outbox, state, per-field clocks, conflicts, quarantine, reference aliases

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import desk.models.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_outbox',
        sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('change_id', sa.String(length=32), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.String(length=32), nullable=False),
        sa.Column('hlc', sa.String(length=24), nullable=False),
        sa.Column('status_gen', sa.Integer(), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('batch_id', sa.String(length=32), nullable=True),
        sa.Column('created_at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
        sa.UniqueConstraint('change_id', name=op.f('uq_sync_outbox_change_id')),
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_batch_id'), ['batch_id'], unique=False)
    op.create_table(
        'sync_state',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state')),
    )
    op.create_table(
        'sync_clock',
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.String(length=32), nullable=False),
        sa.Column('clocks', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_clock')),
    )
    op.create_table(
        'sync_conflict',
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.String(length=32), nullable=False),
        sa.Column('field', sa.String(length=60), nullable=False),
        sa.Column('station', sa.String(length=16), nullable=False),
        sa.Column('lost_value', sa.Text(), nullable=False),
        sa.Column('lost_hlc', sa.String(length=24), nullable=False),
        sa.Column('kept_value', sa.Text(), nullable=False),
        sa.Column('kept_station', sa.String(length=16), nullable=False),
        sa.Column('kept_hlc', sa.String(length=24), nullable=False),
        sa.Column('seen_at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id', 'field', 'station', name=op.f('pk_sync_conflict')),
    )
    op.create_table(
        'sync_quarantine',
        sa.Column('change_id', sa.String(length=32), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.String(length=32), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('reason', sa.String(length=60), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('change_id', name=op.f('pk_sync_quarantine')),
    )
    op.create_table(
        'sync_alias',
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('remote_id', sa.String(length=32), nullable=False),
        sa.Column('local_id', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'remote_id', name=op.f('pk_sync_alias')),
    )


def downgrade() -> None:
    op.drop_table('sync_alias')
    op.drop_table('sync_quarantine')
    op.drop_table('sync_conflict')
    op.drop_table('sync_clock')
    op.drop_table('sync_state')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_batch_id'))
    op.drop_table('sync_outbox')
