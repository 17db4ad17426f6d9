"""Officers' look-ups of tickets: filtered pages, the ticket to act on, verdicts, callbacks."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets.models import CallbackTask, Ticket, Verdict

# `assignee` filter value meaning "nobody yet".
UNASSIGNED = object()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def search(session: AsyncSession, *, units: Collection[str] | None = None,
                 statuses: Collection[str] = (), kinds: Collection[str] = (),
                 assignee: str | object | None = None, q: str = "",
                 before_id: int | None = None, limit: int = 50) -> list[Ticket]:
    """Tickets newest first (by id), keyset-paged before `before_id`.

    `units` None means every unit; `assignee` is a username, UNASSIGNED, or None for anyone.
    `q` matches the number or the summary, case-insensitively.
    """
    query = select(Ticket)
    if units is not None:
        query = query.where(Ticket.unit.in_(list(units)))
    if statuses:
        query = query.where(Ticket.status.in_(list(statuses)))
    if kinds:
        query = query.where(Ticket.kind.in_(list(kinds)))
    if assignee is UNASSIGNED:
        query = query.where(Ticket.assignee.is_(None))
    elif isinstance(assignee, str):
        query = query.where(Ticket.assignee == assignee)
    if q:
        pattern = _like(q)
        query = query.where(or_(Ticket.number.ilike(pattern, escape="\\"),
                                Ticket.summary.ilike(pattern, escape="\\")))
    if before_id is not None:
        query = query.where(Ticket.id < before_id)
    return list(await session.scalars(query.order_by(Ticket.id.desc()).limit(limit)))


async def for_update(session: AsyncSession, number: str) -> Ticket | None:
    """The ticket to act on, row-locked until the transaction ends (PostgreSQL; SQLite has
    one writer anyway), so two officers' moves cannot both start from the same status."""
    query = select(Ticket).where(Ticket.number == number)
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update()
    return await session.scalar(query)


async def verdicts(session: AsyncSession, ticket_ids: Iterable[int]) -> dict[int, Verdict]:
    """The residents' verdicts of those tickets, by ticket id."""
    ids = list(ticket_ids)
    if not ids:
        return {}
    rows = await session.scalars(select(Verdict).where(Verdict.ticket_id.in_(ids)))
    return {row.ticket_id: row for row in rows}


def add_callback(session: AsyncSession, ticket: Ticket, phone: str, text: str,
                 now: datetime, outbox_job_id: int | None = None) -> CallbackTask:
    """A phone call (回访) owed to a resident who cannot be written to, for the held reply
    `outbox_job_id` when one owes it."""
    task = CallbackTask(ticket_id=ticket.id, phone=phone, text=text, state="open",
                        created_at=now, outbox_job_id=outbox_job_id)
    session.add(task)
    return task


async def callbacks(session: AsyncSession, ticket: Ticket) -> list[CallbackTask]:
    """The ticket's callback tasks, oldest first."""
    return list(await session.scalars(select(CallbackTask)
                                      .where(CallbackTask.ticket_id == ticket.id)
                                      .order_by(CallbackTask.id)))


# Callback tasks (回访) as officers work through them.

async def callback_for_update(session: AsyncSession, task_id: int) -> CallbackTask | None:
    """One callback task, row-locked until the transaction ends (PostgreSQL)."""
    query = select(CallbackTask).where(CallbackTask.id == task_id)
    if session.bind.dialect.name == "postgresql":
        query = query.with_for_update()
    return await session.scalar(query)


async def open_callbacks(session: AsyncSession, ticket_id: int) -> list[CallbackTask]:
    """The ticket's callback tasks still to be made, oldest first."""
    return list(await session.scalars(
        select(CallbackTask).where(CallbackTask.ticket_id == ticket_id,
                                   CallbackTask.state == "open").order_by(CallbackTask.id)))


async def open_callback_for_job(session: AsyncSession, ticket_id: int,
                               outbox_job_id: int) -> CallbackTask | None:
    """The open callback task the held reply `outbox_job_id` already owes, if any."""
    return await session.scalar(
        select(CallbackTask).where(CallbackTask.ticket_id == ticket_id,
                                   CallbackTask.outbox_job_id == outbox_job_id,
                                   CallbackTask.state == "open").limit(1))
