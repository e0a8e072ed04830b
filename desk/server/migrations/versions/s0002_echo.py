"""record.echo_of: the station whose batch inserted the row's current version, so a pull in
the same sync run can skip the station's own new rows coming straight back

Revision ID: s0002
Revises: s0001
"""
from alembic import op
import sqlalchemy as sa

revision = 's0002'
down_revision = 's0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('echo_of', sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_column('echo_of')
