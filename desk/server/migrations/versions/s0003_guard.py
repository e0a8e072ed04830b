"""record.shared (reference rows every station receives) and station_activity (last push and
pull per station); indexes to find a ticket number among every station's orders and a
station's aliases

Revision ID: s0003
Revises: s0002
"""
from alembic import op
import sqlalchemy as sa
import desk.models.base

revision = 's0003'
down_revision = 's0002'
branch_labels = None
depends_on = None

REFERENCE = "('grid', 'residential_area', 'department', 'category', 'station')"


def upgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shared', sa.Boolean(), nullable=False, server_default=sa.false()))
    # Before this revision every reference row reached every station: they stay shared.
    op.execute(f"UPDATE record SET shared = true WHERE table_name IN {REFERENCE}")
    op.create_table(
        'station_activity',
        sa.Column('station', sa.String(16), nullable=False),
        sa.Column('last_push_at', desk.models.base.UTCDateTime(), nullable=True),
        sa.Column('last_pull_at', desk.models.base.UTCDateTime(), nullable=True),
        sa.Column('pulled_seq', sa.BigInteger(), nullable=True),
        sa.Column('last_refusal_at', desk.models.base.UTCDateTime(), nullable=True),
        sa.Column('last_refusal', sa.String(60), nullable=True),
        sa.PrimaryKeyConstraint('station', name=op.f('pk_station_activity')),
    )
    # Every push and pull reads the station's aliases: by station, not a scan of every station's.
    op.create_index('ix_alias_station', 'alias', ['station'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_record_ticket ON record ((data->>'ticket_no')) WHERE table_name = 'work_order'")
    else:
        op.execute("CREATE INDEX ix_record_ticket ON record (json_extract(data, '$.ticket_no')) "
                   "WHERE table_name = 'work_order'")


def downgrade() -> None:
    op.execute("DROP INDEX ix_record_ticket")
    op.drop_index('ix_alias_station', 'alias')
    op.drop_table('station_activity')
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_column('shared')
