"""knowledge base: kb_entry (questions and answers the desk gives) and kb_use (which entry
answered which order); the station's sample entries are added when the file has a station

Station-local tables (not synced). Revision ID: 0008_knowledge_base, revises 0007_problem_register.
"""
from alembic import op
import sqlalchemy as sa

revision = '0008_knowledge_base'
down_revision = '0007_problem_register'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'kb_entry',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('code', sa.String(40), nullable=False, server_default=''),
        sa.Column('question', sa.String(200), nullable=False),
        sa.Column('variants', sa.Text(), nullable=False, server_default=''),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('category_id', sa.String(32), sa.ForeignKey('category.id', name='fk_kb_entry_category_id_category')),
        sa.Column('department_id', sa.String(32),
                  sa.ForeignKey('department.id', name='fk_kb_entry_department_id_department')),
        sa.Column('audience', sa.String(10), nullable=False, server_default='public'),
        sa.Column('status', sa.String(10), nullable=False, server_default='published'),
        sa.Column('valid_from', sa.String(10)),
        sa.Column('valid_until', sa.String(10)),
        sa.Column('review_on', sa.String(10)),
        sa.Column('source', sa.String(200), nullable=False, server_default=''),
        sa.Column('is_sample', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('proposed_by', sa.String(32), sa.ForeignKey('staff.id', name='fk_kb_entry_proposed_by_staff')),
        sa.Column('from_order_id', sa.String(32),
                  sa.ForeignKey('work_order.id', name='fk_kb_entry_from_order_id_work_order')),
        sa.Column('updated_by', sa.String(60), nullable=False, server_default=''),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_kb_entry'),
    )
    op.create_table(
        'kb_use',
        sa.Column('order_id', sa.String(32), sa.ForeignKey('work_order.id', name='fk_kb_use_order_id_work_order'),
                  nullable=False),
        sa.Column('entry_id', sa.String(32), sa.ForeignKey('kb_entry.id', name='fk_kb_use_entry_id_kb_entry'),
                  nullable=False),
        sa.Column('local_date', sa.String(10), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('order_id', name='pk_kb_use'),
    )
    op.create_index('ix_kb_use_entry_id', 'kb_use', ['entry_id'])
    op.create_index('ix_kb_use_date', 'kb_use', ['local_date', 'entry_id'])
    # An existing station gets the sample entries now; a new file gets them from install_defaults.
    from desk.models.knowledge_samples import insert_samples_sql

    insert_samples_sql(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_kb_use_date', table_name='kb_use')
    op.drop_index('ix_kb_use_entry_id', table_name='kb_use')
    op.drop_table('kb_use')
    op.drop_table('kb_entry')
