"""inbound message leases; push nonces (a URL signature is good for one message)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0007'
# Chained after 0006 when the branches are merged.
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lease_holder', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('lease_until', storage.base.UtcDateTime(timezone=True),
                                      nullable=True))
    op.create_table('push_nonces',
    sa.Column('stamp', sa.BigInteger(), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('dedupe_key', sa.String(length=160), nullable=False),
    sa.PrimaryKeyConstraint('stamp', 'nonce', 'channel', name=op.f('pk_push_nonces'))
    )


def downgrade() -> None:
    op.drop_table('push_nonces')
    with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
        batch_op.drop_column('lease_until')
        batch_op.drop_column('lease_holder')
