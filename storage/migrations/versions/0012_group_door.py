"""the police WeChat group door: local archive, cursor, group messages, consent, group
tickets, message tasks, membership; tickets may come from channel 'group'

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
_OLD_CHANNELS = "channel IN ('wechat', 'wecom', 'hotline', 'console')"
_NEW_CHANNELS = "channel IN ('wechat', 'wecom', 'hotline', 'console', 'group')"


def _at(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, storage.base.UtcDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_tickets_channel'), type_='check')
        batch_op.create_check_constraint('channel', _NEW_CHANNELS)
    op.create_table('group_archive_local',
    sa.Column('seq', _ID, nullable=False),
    sa.Column('msgid', sa.String(length=64), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    _at('created_at'),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_group_archive_local')),
    sa.UniqueConstraint('msgid', name=op.f('uq_group_archive_local_msgid'))
    )
    op.create_table('group_archive_cursor',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('holder', sa.String(length=64), nullable=True),
    _at('lease_until', nullable=True),
    _at('updated_at'),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_group_archive_cursor'))
    )
    op.create_table('group_consent',
    sa.Column('room_id', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('nickname', sa.String(length=64), nullable=True),
    _at('checked_at'),
    sa.CheckConstraint("status IN ('Agree', 'Disagree', 'Default_Agree')",
                       name=op.f('ck_group_consent_status')),
    sa.PrimaryKeyConstraint('room_id', 'member_id', name=op.f('pk_group_consent'))
    )
    op.create_table('group_messages',
    sa.Column('id', _ID, nullable=False),
    sa.Column('msgid', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('room_id', sa.String(length=64), nullable=False),
    sa.Column('sender', sa.String(length=64), nullable=False),
    sa.Column('sender_kind', sa.String(length=16), nullable=False),
    sa.Column('nickname', sa.String(length=64), nullable=False),
    sa.Column('msgtype', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    _at('sent_at'),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('ticket_id', _ID, nullable=True),
    _at('created_at'),
    sa.CheckConstraint("sender_kind IN ('resident', 'officer')",
                       name=op.f('ck_group_messages_sender_kind')),
    sa.CheckConstraint("role IN ('request', 'emergency', 'reply', 'task', 'chat')",
                       name=op.f('ck_group_messages_role')),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'],
                            name=op.f('fk_group_messages_ticket_id_tickets'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_messages')),
    sa.UniqueConstraint('msgid', name=op.f('uq_group_messages_msgid'))
    )
    with op.batch_alter_table('group_messages', schema=None) as batch_op:
        batch_op.create_index('ix_group_messages_room_id_sent_at', ['room_id', 'sent_at'])
        batch_op.create_index('ix_group_messages_ticket_id', ['ticket_id'])
        batch_op.create_index('ix_group_messages_role_created_at', ['role', 'created_at'])
    op.create_table('group_tickets',
    sa.Column('ticket_id', _ID, nullable=False),
    sa.Column('room_id', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=64), nullable=False),
    sa.Column('nickname', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=64), nullable=False),
    sa.Column('room_name', sa.String(length=64), nullable=False),
    _at('created_at'),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'],
                            name=op.f('fk_group_tickets_ticket_id_tickets'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ticket_id', name=op.f('pk_group_tickets'))
    )
    with op.batch_alter_table('group_tickets', schema=None) as batch_op:
        batch_op.create_index('ix_group_tickets_room_id_member_id', ['room_id', 'member_id'])
    op.create_table('group_tasks',
    sa.Column('id', _ID, nullable=False),
    sa.Column('room_id', sa.String(length=64), nullable=False),
    sa.Column('ticket_id', _ID, nullable=False),
    sa.Column('officer', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    _at('created_at'),
    _at('sent_at', nullable=True),
    sa.CheckConstraint("state IN ('pending', 'sent', 'failed')",
                       name=op.f('ck_group_tasks_state')),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'],
                            name=op.f('fk_group_tasks_ticket_id_tickets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_tasks'))
    )
    with op.batch_alter_table('group_tasks', schema=None) as batch_op:
        batch_op.create_index('ix_group_tasks_room_id_month', ['room_id', 'month'])
        batch_op.create_index('ix_group_tasks_ticket_id', ['ticket_id'])
    op.create_table('group_rooms',
    sa.Column('room_id', sa.String(length=64), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('joined', sa.Integer(), nullable=False),
    sa.Column('left', sa.Integer(), nullable=False),
    sa.Column('last_event', sa.String(length=128), nullable=False),
    _at('updated_at'),
    sa.PrimaryKeyConstraint('room_id', name=op.f('pk_group_rooms'))
    )


def downgrade() -> None:
    for table in ('group_rooms', 'group_tasks', 'group_tickets', 'group_messages',
                  'group_consent', 'group_archive_cursor', 'group_archive_local'):
        op.drop_table(table)
    op.execute("DELETE FROM tickets WHERE channel = 'group'")
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_tickets_channel'), type_='check')
        batch_op.create_check_constraint('channel', _OLD_CHANNELS)
