"""Callback tasks: the held reply (outbox job) that owes each one, to keep one task per reply

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


# A nullable column without constraints: SQLite adds it in place (no table rebuild). Tasks
# opened before it keep NULL: a reply of theirs held again opens a task of its own.
def upgrade() -> None:
    with op.batch_alter_table('callback_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'outbox_job_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
            nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('callback_tasks', schema=None) as batch_op:
        batch_op.drop_column('outbox_job_id')
