"""Callback tasks: the held reply (outbox job) that owes each one, to keep one task per reply

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

_tasks = sa.table('callback_tasks', sa.column('id'), sa.column('ticket_id'), sa.column('text'),
                  sa.column('state'), sa.column('outbox_job_id'))
_tickets = sa.table('tickets', sa.column('id'), sa.column('number'))
_jobs = sa.table('outbox_jobs', sa.column('id'), sa.column('kind'), sa.column('payload'),
                 sa.column('state'))


# A nullable column without constraints: SQLite adds it in place (no table rebuild).
def upgrade() -> None:
    with op.batch_alter_table('callback_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'outbox_job_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
            nullable=True))
    _backfill(op.get_bind())


def _backfill(bind) -> None:
    """Open tasks opened before the key get the reply still waiting (held, or released
    and not yet sent) whose ticket and words they have, once: the last time text decides."""
    tasks = bind.execute(
        sa.select(_tasks.c.id, _tickets.c.number, _tasks.c.text)
        .join(_tickets, _tickets.c.id == _tasks.c.ticket_id)
        .where(_tasks.c.state == 'open').order_by(_tasks.c.id)).all()
    if not tasks:
        return
    waiting: dict[tuple, list[int]] = {}
    for job_id, payload in bind.execute(
            sa.select(_jobs.c.id, _jobs.c.payload)
            .where(_jobs.c.kind == 'wechat_text',
                   _jobs.c.state.in_(('held', 'pending', 'sending')))
            .order_by(_jobs.c.id)):
        try:
            data = json.loads(payload)
        except ValueError:
            continue
        waiting.setdefault((data.get('ticket'), data.get('text')), []).append(job_id)
    for task_id, number, text in tasks:
        jobs = waiting.get((number, text))
        if jobs:
            bind.execute(sa.update(_tasks).where(_tasks.c.id == task_id)
                         .values(outbox_job_id=jobs.pop(0)))


def downgrade() -> None:
    with op.batch_alter_table('callback_tasks', schema=None) as batch_op:
        batch_op.drop_column('outbox_job_id')
