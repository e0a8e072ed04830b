"""problem register: recurring problems (问题清单), their measures and linked orders

Station-local tables (not synced; see desk/models/pulse.py).

Revision ID: 0007_problem_register
Revises: 0006_figures
"""
from alembic import op
import sqlalchemy as sa

from desk.models.base import UTCDateTime

revision = '0007_problem_register'
down_revision = '0006_figures'
branch_labels = None
depends_on = None


def _synced_columns():
    return [
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('origin_station', sa.String(16), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'problem', *_synced_columns(),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(120), nullable=False),
        sa.Column('lead_department_id', sa.String(32), nullable=True),
        sa.Column('status', sa.String(16), nullable=False),
        sa.Column('level', sa.String(10), nullable=False),
        sa.Column('place_key', sa.String(200), nullable=False),
        sa.Column('category_ids', sa.Text(), nullable=False),
        sa.Column('terms', sa.Text(), nullable=False),
        sa.Column('opened_on', sa.String(10), nullable=False),
        sa.Column('status_changed_at', UTCDateTime(), nullable=False),
        sa.Column('created_by', sa.String(32), nullable=True),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['lead_department_id'], ['department.id'],
                                name=op.f('fk_problem_lead_department_id_department')),
        sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_problem_created_by_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_problem')),
        sa.UniqueConstraint('number', name=op.f('uq_problem_number')),
    )
    op.create_table(
        'problem_measure', *_synced_columns(),
        sa.Column('problem_id', sa.String(32), nullable=False),
        sa.Column('taken_on', sa.String(10), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_by', sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_measure_problem_id_problem')),
        sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name=op.f('fk_problem_measure_created_by_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_problem_measure')),
    )
    op.create_index(op.f('ix_problem_measure_problem_id'), 'problem_measure', ['problem_id'])
    op.create_table(
        'problem_order',
        sa.Column('problem_id', sa.String(32), nullable=False),
        sa.Column('order_id', sa.String(32), nullable=False),
        sa.Column('linked_at', UTCDateTime(), nullable=False),
        sa.Column('linked_by', sa.String(32), nullable=True),
        sa.Column('how', sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_problem_order_problem_id_problem')),
        sa.ForeignKeyConstraint(['order_id'], ['work_order.id'], name=op.f('fk_problem_order_order_id_work_order')),
        sa.ForeignKeyConstraint(['linked_by'], ['staff.id'], name=op.f('fk_problem_order_linked_by_staff')),
        sa.PrimaryKeyConstraint('problem_id', 'order_id', name=op.f('pk_problem_order')),
    )
    op.create_index('ix_problem_order_order', 'problem_order', ['order_id'])


def downgrade() -> None:
    op.drop_index('ix_problem_order_order', table_name='problem_order')
    op.drop_table('problem_order')
    op.drop_index(op.f('ix_problem_measure_problem_id'), table_name='problem_measure')
    op.drop_table('problem_measure')
    op.drop_table('problem')
