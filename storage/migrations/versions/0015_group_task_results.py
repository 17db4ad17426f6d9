"""Group door: WeCom's msgid of each group message task, to read its send result

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


# A nullable column without constraints: SQLite adds it in place (no table rebuild).
def upgrade() -> None:
    with op.batch_alter_table('group_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wecom_msgid', sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column('group_tasks', 'wecom_msgid')
