"""index tickets by contact phone for the same-person search

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_contact_phone_id', ['contact_phone', 'id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_contact_phone_id')
