"""the 12345 workflow: the unit's sign, returns, supervision, merging, and 差评 follow-ups

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
import storage.base


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Nullable columns without constraints: SQLite adds them in place (no table rebuild, so the
# rows that point at tickets are never touched).
_COLUMNS = (
    ('sign_due', storage.base.UtcDateTime(timezone=True)),
    ('signed_at', storage.base.UtcDateTime(timezone=True)),
    ('signed_by', sa.String(length=64)),
    ('sign_reminded_at', storage.base.UtcDateTime(timezone=True)),
    ('returns', sa.Integer()),
    ('supervised_at', storage.base.UtcDateTime(timezone=True)),
    ('supervise_due', storage.base.UtcDateTime(timezone=True)),
    ('merged_into', sa.String(length=32)),
)


def upgrade() -> None:
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        for name, type_ in _COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        # The minute sweep's look-up of unsigned tickets past their sign deadline.
        batch_op.create_index('ix_tickets_sign_due', ['sign_due'], unique=False)
    op.create_table('rating_followups',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('ticket_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
              nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=False),
    sa.Column('rated_officer', sa.String(length=64), nullable=True),
    sa.Column('officer', sa.String(length=64), nullable=True),
    sa.Column('opened_at', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('callback_due', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('fix_due', storage.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('called_at', storage.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('fixed_at', storage.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('disputed_at', storage.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('disputed_by', sa.String(length=64), nullable=True),
    sa.Column('dispute_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'],
                            name=op.f('fk_rating_followups_ticket_id_tickets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_followups'))
    )
    with op.batch_alter_table('rating_followups', schema=None) as batch_op:
        batch_op.create_index('ix_rating_followups_ticket_id', ['ticket_id'], unique=True)
        batch_op.create_index('ix_rating_followups_opened_at', ['opened_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rating_followups', schema=None) as batch_op:
        batch_op.drop_index('ix_rating_followups_opened_at')
        batch_op.drop_index('ix_rating_followups_ticket_id')
    op.drop_table('rating_followups')
    op.drop_index('ix_tickets_sign_due', table_name='tickets')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not batch mode: a rebuild of tickets with
    # foreign keys on would unlink the messages and events that point at it.
    for name, _ in reversed(_COLUMNS):
        op.drop_column('tickets', name)
