"""差评 follow-up reminders: when each deadline's "near" and "passed" notices went out

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# Nullable columns without constraints: SQLite adds them in place (no table rebuild).
_COLUMNS = ('callback_near_sent_at', 'callback_late_sent_at', 'fix_near_sent_at',
            'fix_late_sent_at')


def upgrade() -> None:
    with op.batch_alter_table('rating_followups', schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.add_column(sa.Column(name, storage.base.UtcDateTime(timezone=True),
                                          nullable=True))


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        op.drop_column('rating_followups', name)
