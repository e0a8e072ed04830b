"""problem register synced: a problem's number unique per station, order links get an id

The register's tables join the sync catalogue (desk.rules.tables). Two stations each have a
problem #1, and the centre's mirror (a desk-format file) holds both: the number is unique per
origin station. A link between a problem and an order becomes a row with its own id and origin
(the sync carries rows by id); the pair stays unique. Links made before keep their values; their
new ids are made here (they never left the desk, so no other copy has an id for them).

Revision ID: 0010_problem_sync
Revises: 0009_sync_held
"""
import uuid

from alembic import op
import sqlalchemy as sa

from desk.models.base import UTCDateTime

revision = '0010_problem_sync'
down_revision = '0009_sync_held'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('problem') as batch:
        batch.drop_constraint('uq_problem_number', type_='unique')
        batch.create_unique_constraint(batch.f('uq_problem_origin_station'), ['origin_station', 'number'])
    op.create_table(
        'problem_order_new',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('origin_station', sa.String(16), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.Column('problem_id', sa.String(32), nullable=False),
        sa.Column('order_id', sa.String(32), nullable=False),
        sa.Column('linked_at', UTCDateTime(), nullable=False),
        sa.Column('linked_by', sa.String(32), nullable=True),
        sa.Column('how', sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name='fk_problem_order_problem_id_problem'),
        sa.ForeignKeyConstraint(['order_id'], ['work_order.id'], name='fk_problem_order_order_id_work_order'),
        sa.ForeignKeyConstraint(['linked_by'], ['staff.id'], name='fk_problem_order_linked_by_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_problem_order'),
        sa.UniqueConstraint('problem_id', 'order_id', name='uq_problem_order_problem_id'),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT l.problem_id, l.order_id, l.linked_at, l.linked_by, l.how, p.origin_station "
        "FROM problem_order l JOIN problem p ON p.id = l.problem_id")).all()
    if rows:
        conn.execute(sa.text(
            "INSERT INTO problem_order_new (id, origin_station, created_at, updated_at, problem_id, order_id, "
            "linked_at, linked_by, how) VALUES (:id, :origin, :at, :at, :problem_id, :order_id, :at, :by, :how)"),
            [dict(id=uuid.uuid4().hex, origin=r.origin_station, at=r.linked_at, problem_id=r.problem_id,
                  order_id=r.order_id, by=r.linked_by, how=r.how) for r in rows])
    op.drop_index('ix_problem_order_order', table_name='problem_order')
    op.drop_table('problem_order')
    op.rename_table('problem_order_new', 'problem_order')
    op.create_index('ix_problem_order_order', 'problem_order', ['order_id'])


def downgrade() -> None:
    op.create_table(
        'problem_order_old',
        sa.Column('problem_id', sa.String(32), nullable=False),
        sa.Column('order_id', sa.String(32), nullable=False),
        sa.Column('linked_at', UTCDateTime(), nullable=False),
        sa.Column('linked_by', sa.String(32), nullable=True),
        sa.Column('how', sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name='fk_problem_order_problem_id_problem'),
        sa.ForeignKeyConstraint(['order_id'], ['work_order.id'], name='fk_problem_order_order_id_work_order'),
        sa.ForeignKeyConstraint(['linked_by'], ['staff.id'], name='fk_problem_order_linked_by_staff'),
        sa.PrimaryKeyConstraint('problem_id', 'order_id', name='pk_problem_order'),
    )
    op.execute("INSERT INTO problem_order_old (problem_id, order_id, linked_at, linked_by, how) "
               "SELECT problem_id, order_id, linked_at, linked_by, how FROM problem_order")
    op.drop_index('ix_problem_order_order', table_name='problem_order')
    op.drop_table('problem_order')
    op.rename_table('problem_order_old', 'problem_order')
    op.create_index('ix_problem_order_order', 'problem_order', ['order_id'])
    with op.batch_alter_table('problem') as batch:
        batch.drop_constraint('uq_problem_origin_station', type_='unique')
        batch.create_unique_constraint(batch.f('uq_problem_number'), ['number'])
