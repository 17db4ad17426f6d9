"""Callback tasks (回访) as officers work through them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets.models import CallbackTask


async def for_update(session: AsyncSession, task_id: int) -> CallbackTask | None:
    """One callback task, row-locked until the transaction ends (PostgreSQL)."""
    query = select(CallbackTask).where(CallbackTask.id == task_id)
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update()
    return await session.scalar(query)


async def open_for_ticket(session: AsyncSession, ticket_id: int) -> list[CallbackTask]:
    """The ticket's callback tasks still to be made, oldest first."""
    return list(await session.scalars(
        select(CallbackTask).where(CallbackTask.ticket_id == ticket_id,
                                   CallbackTask.state == "open").order_by(CallbackTask.id)))


async def open_for_job(session: AsyncSession, ticket_id: int,
                       outbox_job_id: int) -> CallbackTask | None:
    """The open callback task the held reply `outbox_job_id` already owes, if any."""
    return await session.scalar(
        select(CallbackTask).where(CallbackTask.ticket_id == ticket_id,
                                   CallbackTask.outbox_job_id == outbox_job_id,
                                   CallbackTask.state == "open").limit(1))
