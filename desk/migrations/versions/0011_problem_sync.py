"""problem register synced: a problem's number unique per station, order links get an id

The register's tables join the sync catalogue (desk.rules.tables). Two stations each have a
problem #1, and the centre's mirror (a desk-format file) holds both: the number is unique per
origin station. A link between a problem and an order becomes a row with its own id and origin
(the sync carries rows by id); the pair stays unique. Links made before keep their values; their
new ids are made here (they never left the desk, so no other copy has an id for them).

SQLite cannot drop a table's UNIQUE constraint, and migrations run in one transaction with
foreign keys on: the three tables are rebuilt by hand, children set aside first (so dropping the
parent leaves no dangling row), then the parent, then the children put back. Batch mode is not
used: it writes the foreign keys in no fixed order, so migrated files' schemas would differ.

Revision ID: 0011_problem_sync
Revises: 0010_event_reason_codes
"""
import uuid

from alembic import op
import sqlalchemy as sa

from desk.models.base import UTCDateTime

revision = '0011_problem_sync'
down_revision = '0010_event_reason_codes'
branch_labels = None
depends_on = None

PROBLEM_COLUMNS = ("id", "origin_station", "created_at", "updated_at", "number", "title", "lead_department_id",
                   "status", "level", "place_key", "category_ids", "terms", "opened_on", "status_changed_at",
                   "created_by", "notes")
MEASURE_COLUMNS = ("id", "origin_station", "created_at", "updated_at", "problem_id", "taken_on", "text", "created_by")
OLD_LINK_COLUMNS = ("problem_id", "order_id", "linked_at", "linked_by", "how")


def _synced_columns():
    return [
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('origin_station', sa.String(16), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
    ]


def _problem(name: str, unique: sa.UniqueConstraint) -> None:
    op.create_table(
        name, *_synced_columns(),
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
                                name='fk_problem_lead_department_id_department'),
        sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name='fk_problem_created_by_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_problem'),
        unique,
    )


def _measure() -> None:
    op.create_table(
        'problem_measure', *_synced_columns(),
        sa.Column('problem_id', sa.String(32), nullable=False),
        sa.Column('taken_on', sa.String(10), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_by', sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name='fk_problem_measure_problem_id_problem'),
        sa.ForeignKeyConstraint(['created_by'], ['staff.id'], name='fk_problem_measure_created_by_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_problem_measure'),
    )
    op.create_index('ix_problem_measure_problem_id', 'problem_measure', ['problem_id'])


def _link(synced: bool) -> None:
    keys = ([*_synced_columns()] if synced else [])
    op.create_table(
        'problem_order', *keys,
        sa.Column('problem_id', sa.String(32), nullable=False),
        sa.Column('order_id', sa.String(32), nullable=False),
        sa.Column('linked_at', UTCDateTime(), nullable=False),
        sa.Column('linked_by', sa.String(32), nullable=True),
        sa.Column('how', sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name='fk_problem_order_problem_id_problem'),
        sa.ForeignKeyConstraint(['order_id'], ['work_order.id'], name='fk_problem_order_order_id_work_order'),
        sa.ForeignKeyConstraint(['linked_by'], ['staff.id'], name='fk_problem_order_linked_by_staff'),
        *([sa.PrimaryKeyConstraint('id', name='pk_problem_order'),
           sa.UniqueConstraint('problem_id', 'order_id', name='uq_problem_order_problem_id')] if synced else
          [sa.PrimaryKeyConstraint('problem_id', 'order_id', name='pk_problem_order')]),
    )
    op.create_index('ix_problem_order_order', 'problem_order', ['order_id'])


def _rebuild(unique: sa.UniqueConstraint, synced_links: bool) -> None:
    # Children aside (plain copies, no foreign keys), then the parent, then the children back.
    op.execute("CREATE TABLE _keep_measure AS SELECT * FROM problem_measure")
    op.execute("CREATE TABLE _keep_link AS SELECT * FROM problem_order")
    op.drop_index('ix_problem_order_order', table_name='problem_order')
    op.drop_table('problem_order')
    op.drop_index('ix_problem_measure_problem_id', table_name='problem_measure')
    op.drop_table('problem_measure')
    _problem('problem_rebuilt', unique)
    cols = ", ".join(PROBLEM_COLUMNS)
    op.execute(f"INSERT INTO problem_rebuilt ({cols}) SELECT {cols} FROM problem")
    op.drop_table('problem')
    op.rename_table('problem_rebuilt', 'problem')
    _measure()
    cols = ", ".join(MEASURE_COLUMNS)
    op.execute(f"INSERT INTO problem_measure ({cols}) SELECT {cols} FROM _keep_measure")
    _link(synced_links)
    old = ", ".join(OLD_LINK_COLUMNS)
    if synced_links:
        conn = op.get_bind()
        rows = conn.execute(sa.text(
            "SELECT l.problem_id, l.order_id, l.linked_at, l.linked_by, l.how, p.origin_station "
            "FROM _keep_link l JOIN problem p ON p.id = l.problem_id")).all()
        if rows:
            conn.execute(sa.text(
                "INSERT INTO problem_order (id, origin_station, created_at, updated_at, problem_id, order_id, "
                "linked_at, linked_by, how) VALUES (:id, :origin, :at, :at, :problem_id, :order_id, :at, :by, :how)"),
                [dict(id=uuid.uuid4().hex, origin=r.origin_station, at=r.linked_at, problem_id=r.problem_id,
                      order_id=r.order_id, by=r.linked_by, how=r.how) for r in rows])
    else:
        op.execute(f"INSERT INTO problem_order ({old}) SELECT {old} FROM _keep_link")
    op.execute("DROP TABLE _keep_measure")
    op.execute("DROP TABLE _keep_link")


def upgrade() -> None:
    _rebuild(sa.UniqueConstraint('origin_station', 'number', name='uq_problem_origin_station'), synced_links=True)


def downgrade() -> None:
    _rebuild(sa.UniqueConstraint('number', name='uq_problem_number'), synced_links=False)
