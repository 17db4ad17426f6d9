"""Group door: recalled messages, the group's current owner, overdue message tasks

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


# Nullable columns without constraints: SQLite adds them in place (no table rebuild).
def upgrade() -> None:
    with op.batch_alter_table('group_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recalls', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('recalled_at', storage.base.UtcDateTime(timezone=True),
                                      nullable=True))
    with op.batch_alter_table('group_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overdue_at', storage.base.UtcDateTime(timezone=True),
                                      nullable=True))
    with op.batch_alter_table('group_rooms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner', sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column('group_rooms', 'owner')
    op.drop_column('group_tasks', 'overdue_at')
    op.drop_column('group_messages', 'recalled_at')
    op.drop_column('group_messages', 'recalls')
