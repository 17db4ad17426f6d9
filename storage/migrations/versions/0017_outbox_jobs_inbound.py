"""Outbox jobs by the inbound message they answer: whether a resident's previous reply was
delivered or given up on (dead) is looked up on every /wechat push that needs the 110 line

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_outbox_jobs_inbound_id', 'outbox_jobs', ['inbound_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_outbox_jobs_inbound_id', table_name='outbox_jobs')
