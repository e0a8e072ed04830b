"""central schema: accounts, commit counter, records, batches, quarantine, aliases

Revision ID: s0001
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
import desk.models.base

revision = 's0001'
down_revision = None
branch_labels = None
depends_on = None

JSONDoc = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        'account',
        sa.Column('code', sa.String(16), nullable=False),
        sa.Column('role', sa.String(10), nullable=False),
        sa.Column('token_hash', sa.String(64), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', desk.models.base.UTCDateTime(), nullable=False),
        sa.Column('revoked_at', desk.models.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_account')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_account_token_hash')),
    )
    op.create_table(
        'commit_counter',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.Column('hlc', sa.String(24), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_commit_counter')),
    )
    op.execute("INSERT INTO commit_counter (id, value, hlc) VALUES (1, 0, '0000000000000.00000')")
    op.create_table(
        'record',
        sa.Column('table_name', sa.String(40), nullable=False),
        sa.Column('row_id', sa.String(32), nullable=False),
        sa.Column('origin_station', sa.String(16), nullable=False),
        sa.Column('natural_key', sa.String(60), nullable=True),
        sa.Column('apply_rank', sa.Integer(), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('data', JSONDoc, nullable=False),
        sa.Column('clocks', JSONDoc, nullable=False),
        sa.Column('conflicts', JSONDoc, nullable=False),
        sa.Column('updated_at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_record')),
    )
    op.create_index('ix_record_pull', 'record', ['seq', 'apply_rank', 'row_id'])
    op.create_index('ix_record_natural', 'record', ['table_name', 'natural_key'])
    op.create_table(
        'applied_batch',
        sa.Column('station', sa.String(16), nullable=False),
        sa.Column('batch_id', sa.String(32), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('response', JSONDoc, nullable=False),
        sa.Column('applied_at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('station', 'batch_id', name=op.f('pk_applied_batch')),
    )
    op.create_table(
        'quarantine',
        sa.Column('change_id', sa.String(32), nullable=False),
        sa.Column('station', sa.String(16), nullable=False),
        sa.Column('batch_id', sa.String(32), nullable=False),
        sa.Column('table_name', sa.String(40), nullable=False),
        sa.Column('row_id', sa.String(64), nullable=False),
        sa.Column('change', JSONDoc, nullable=False),
        sa.Column('reason', sa.String(60), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('at', desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('change_id', name=op.f('pk_quarantine')),
    )
    op.create_table(
        'alias',
        sa.Column('table_name', sa.String(40), nullable=False),
        sa.Column('station', sa.String(16), nullable=False),
        sa.Column('local_id', sa.String(32), nullable=False),
        sa.Column('central_id', sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'station', 'local_id', name=op.f('pk_alias')),
    )


def downgrade() -> None:
    for name in ('alias', 'quarantine', 'applied_batch', 'record', 'commit_counter', 'account'):
        op.drop_table(name)
