"""tickets.place: the resident's own words for where it happens, beside the matched area;
inbound_messages.classified: acted at once or asked with the quick menu (for /metrics)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place', sa.String(length=200), nullable=True))
    # Tickets opened before this kept the resident's answer only on the timeline
    # ("地点：柳园小区8号楼"); bring it back so the console shows their words, not the area.
    op.execute(
        "UPDATE tickets SET place = (SELECT substr(e.text, 4, 200) FROM ticket_events e "
        "WHERE e.ticket_id = tickets.id AND e.type = 'message_in' AND e.text LIKE '地点：%' "
        "ORDER BY e.id LIMIT 1) WHERE place IS NULL")
    with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('classified', sa.String(length=8), nullable=True))
        batch_op.create_index('ix_inbound_messages_classified', ['classified'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_inbound_messages_classified')
        batch_op.drop_column('classified')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('place')
