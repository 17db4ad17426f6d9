"""tickets, timeline, number counters, calendar overrides; inbound_messages.ticket_id

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


# Tables whose rows point at inbound_messages, and what they point with.
_REFERRERS_OF_INBOUND = (('media_files', 'inbound_id'), ('outbox_jobs', 'inbound_id'))


@contextmanager
def _rebuilding_safely(table: str):
    """On SQLite, batch mode copies `table`, drops the original and renames the copy. With
    foreign keys on, that DROP deletes every referencing row first (ON DELETE CASCADE empties
    media_files, SET NULL unlinks outbox_jobs), so switch them off around the rebuild. The
    pragma is ignored inside a transaction: then refuse rather than lose rows."""
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        yield
        return
    bind.exec_driver_sql('PRAGMA foreign_keys=OFF')
    if bind.exec_driver_sql('PRAGMA foreign_keys').scalar():
        for referrer, column in _REFERRERS_OF_INBOUND:
            if bind.exec_driver_sql(f'SELECT 1 FROM {referrer} WHERE {column} IS NOT NULL '
                                    'LIMIT 1').first():
                raise RuntimeError(
                    f'cannot rebuild {table} safely: SQLite foreign keys are on inside a '
                    'transaction; run this migration on its own (jingmin db upgrade)')
    try:
        yield
        problems = bind.exec_driver_sql('PRAGMA foreign_key_check').fetchall()
        if problems:
            raise RuntimeError(f'foreign key check failed after rebuilding {table}: {problems}')
    finally:
        bind.exec_driver_sql('PRAGMA foreign_keys=ON')


def upgrade() -> None:
    op.create_table('tickets',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.String(length=2), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=64), nullable=False),
    sa.Column('flagged_unassigned', sa.Boolean(), nullable=False),
    sa.Column('assignee', sa.String(length=64), nullable=True),
    sa.Column('openid', sa.String(length=64), nullable=True),
    sa.Column('contact_phone', sa.String(length=32), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('area', sa.String(length=128), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('intent_reasons', sa.Text(), nullable=False),
    sa.Column('created_at', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('first_response_due', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('resolve_due', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('first_response_at', storage.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', storage.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', storage.base.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("channel IN ('wechat', 'wecom', 'hotline', 'console')", name=op.f('ck_tickets_channel')),
    sa.CheckConstraint("kind IN ('complaint', 'appointment', 'feedback', 'emergency', 'consult')", name=op.f('ck_tickets_kind')),
    sa.CheckConstraint("priority IN ('P1', 'P2', 'P3', 'P4')", name=op.f('ck_tickets_priority')),
    sa.CheckConstraint("status IN ('new', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'cancelled')", name=op.f('ck_tickets_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tickets')),
    sa.UniqueConstraint('number', name=op.f('uq_tickets_number'))
    )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_tickets_openid_id', ['openid', 'id'], unique=False)
        batch_op.create_index('ix_tickets_status_created_at', ['status', 'created_at'], unique=False)
        batch_op.create_index('ix_tickets_unit_status', ['unit', 'status'], unique=False)

    op.create_table('ticket_events',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('ticket_id', BIG_ID, nullable=False),
    sa.Column('at', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_ticket_events_ticket_id_tickets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ticket_events'))
    )
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_events_ticket_id_id', ['ticket_id', 'id'], unique=False)

    op.create_table('ticket_counters',
    sa.Column('day', sa.String(length=8), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_ticket_counters'))
    )
    op.create_table('calendar_overrides',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f('ck_calendar_overrides_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_overrides')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_overrides_day'))
    )

    with _rebuilding_safely('inbound_messages'):
        with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
            batch_op.add_column(sa.Column('ticket_id', BIG_ID, nullable=True))
            batch_op.create_foreign_key(batch_op.f('fk_inbound_messages_ticket_id_tickets'), 'tickets', ['ticket_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with _rebuilding_safely('inbound_messages'):
        with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f('fk_inbound_messages_ticket_id_tickets'), type_='foreignkey')
            batch_op.drop_column('ticket_id')

    op.drop_table('calendar_overrides')
    op.drop_table('ticket_counters')
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_events_ticket_id_id')

    op.drop_table('ticket_events')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_unit_status')
        batch_op.drop_index('ix_tickets_status_created_at')
        batch_op.drop_index('ix_tickets_openid_id')
        batch_op.drop_index('ix_tickets_created_at')

    op.drop_table('tickets')
