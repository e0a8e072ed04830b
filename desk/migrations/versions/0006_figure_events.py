"""figure events: the few event kinds the figures read per order, each in its own small index

The figures of issue 16 read each period's orders' history: the first contact (先行联系), the
resident's answer at the latest callback, whether the order was re-dispatched (改派). Through
the full event index that meant reading every event of every order of the period (six or seven
per order) to find the one or two wanted. Partial indexes, like 0005's return index: saving a
visit (no such event) never touches them; a contact or a callback adds one small entry.

Revision ID: 0006_figures
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006_figures'
down_revision = '0005'
branch_labels = None
depends_on = None

KINDS = ('contact', 'callback', 'redispatch')


def upgrade() -> None:
    for kind in KINDS:
        op.create_index(f'ix_event_{kind}', 'event', ['order_id', 'at'], unique=False,
                        sqlite_where=sa.text(f"kind = '{kind}'"))


def downgrade() -> None:
    for kind in KINDS:
        op.drop_index(f'ix_event_{kind}', table_name='event')
