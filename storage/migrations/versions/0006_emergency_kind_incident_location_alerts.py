"""emergencies: kind, 110 incident number, location label and ask, alert delivery, escalation

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# Nullable columns without constraints: SQLite adds them in place (no table rebuild, so the
# rows that point at tickets are never touched).
_COLUMNS = (
    ('emergency_kind', sa.String(length=16)),
    ('incident_no', sa.String(length=32)),
    ('location_label', sa.String(length=256)),
    ('location_asked_at', storage.base.UtcDateTime(timezone=True)),
    ('alert_sent_at', storage.base.UtcDateTime(timezone=True)),
    ('escalated_at', storage.base.UtcDateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        for name, type_ in _COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.create_index('ix_tickets_escalated_at', ['escalated_at'], unique=False)
    # Emergencies opened before kinds existed.
    op.execute("UPDATE tickets SET emergency_kind = 'other' WHERE kind = 'emergency'")


def downgrade() -> None:
    op.drop_index('ix_tickets_escalated_at', table_name='tickets')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not batch mode: a rebuild of tickets with
    # foreign keys on would unlink the messages and events that point at it.
    for name, _ in reversed(_COLUMNS):
        op.drop_column('tickets', name)
