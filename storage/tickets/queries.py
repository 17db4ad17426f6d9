"""Read-only queries for exports and figures, streamed where they can be large.

A ticket's status at a moment T is the `to` of its last `status` event at or before T, or
`new` when it was created before T and has none: the timeline, not the current row, so a
past week's export is the same whenever it is made.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, cast, func, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.officers.models import AccessLog, Officer
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket, TicketEvent, Verdict

DONE_STATUSES = ("resolved", "closed")
# Timeline actors that are not officers.
NOT_OFFICERS = ("system", "resident")


@dataclass(frozen=True, slots=True)
class UnresolvedRow:
    """One ticket unresolved at the moment asked, with what the export shows of it."""

    id: int
    number: str
    kind: str
    priority: str
    status: str                      # at the moment asked
    channel: str
    created_at: datetime
    unit: str
    assignee: str | None
    assignee_name: str | None
    summary: str
    contact_phone: str | None
    anonymous: bool
    first_response_due: datetime
    resolve_due: datetime
    first_response_at: datetime | None
    last_at: datetime | None         # the last timeline event at or before that moment
    last_type: str | None
    last_actor: str | None
    last_data: str | None
    acknowledged_at: datetime | None = None   # for P1, the first-response clock stops here
    last_actor_name: str | None = None        # the officer's name when an officer acted last
    place: str | None = None                  # the resident's words for where
    area: str | None = None                   # the unit's area that place matched


def _json_text(session: AsyncSession, column: Any, key: str) -> ColumnElement[str]:
    """`column` (JSON kept as text) ->> key, on either database."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(column, postgresql.JSONB)[key].astext
    return func.json_extract(column, f"$.{key}")


def status_at(session: AsyncSession, at: datetime) -> ColumnElement[str]:
    """A correlated expression: each ticket's status at `at`, per its timeline."""
    event = aliased(TicketEvent)
    last_to = (select(_json_text(session, event.data, "to"))
               .where(event.ticket_id == Ticket.id, event.type == "status", event.at <= at)
               .order_by(event.id.desc()).limit(1)
               .correlate(Ticket).scalar_subquery())
    return func.coalesce(last_to, "new")


def _maybe_unresolved_at(at: datetime) -> ColumnElement[bool]:
    # Cheap pre-filter on the ticket row: one resolved now and untouched since `at` was
    # already resolved then (every status change is an event, and events touch updated_at).
    return and_(Ticket.created_at < at,
                or_(Ticket.status.in_(UNRESOLVED_STATUSES), Ticket.updated_at > at))


async def stream_unresolved(session: AsyncSession, at: datetime, unit: str | None = None,
                            *, batch: int = 1000) -> AsyncIterator[list[UnresolvedRow]]:
    """Tickets unresolved at `at` (of one unit, or all), oldest first, `batch` at a time.

    Rows come from a server-side cursor (yield_per), so memory stays flat whatever the count.
    """
    status = status_at(session, at).label("status_at")
    last = aliased(TicketEvent)
    last_id = (select(last.id).where(last.ticket_id == Ticket.id, last.at <= at)
               .order_by(last.id.desc()).limit(1).correlate(Ticket).scalar_subquery())
    inner = select(Ticket.id.label("id"), status, last_id.label("last_id")).where(
        _maybe_unresolved_at(at))
    if unit is not None:
        inner = inner.where(Ticket.unit == unit)
    picked = inner.subquery()
    shown = aliased(TicketEvent)
    actor = aliased(Officer)
    statement = (
        select(Ticket.id, Ticket.number, Ticket.kind, Ticket.priority, picked.c.status_at,
               Ticket.channel, Ticket.created_at, Ticket.unit, Ticket.assignee, Officer.name,
               Ticket.summary, Ticket.contact_phone, Ticket.anonymous,
               Ticket.first_response_due, Ticket.resolve_due, Ticket.first_response_at,
               shown.at, shown.type, shown.actor, shown.data, Ticket.acknowledged_at,
               actor.name, Ticket.place, Ticket.area)
        .join(picked, picked.c.id == Ticket.id)
        .outerjoin(shown, shown.id == picked.c.last_id)
        .outerjoin(Officer, Officer.username == Ticket.assignee)
        .outerjoin(actor, actor.username == shown.actor)
        .where(picked.c.status_at.in_(UNRESOLVED_STATUSES))
        .order_by(Ticket.created_at, Ticket.id)
        .execution_options(yield_per=batch))
    result = await session.stream(statement)
    try:
        async for partition in result.partitions():
            yield [UnresolvedRow(*row) for row in partition]
    finally:
        await result.close()


async def opened_by_unit(session: AsyncSession, start: datetime,
                         end: datetime) -> dict[str, int]:
    """How many tickets each unit opened in [start, end)."""
    rows = await session.execute(
        select(Ticket.unit, func.count())
        .where(Ticket.created_at >= start, Ticket.created_at < end)
        .group_by(Ticket.unit))
    return {unit: count for unit, count in rows.all()}


async def done_by_unit(session: AsyncSession, start: datetime, end: datetime,
                       at: datetime) -> dict[str, int]:
    """Of the tickets opened in [start, end), how many each unit had resolved or closed at
    `at` (the week's end, or now for a week not over)."""
    status = status_at(session, at).label("status_at")
    opened = (select(Ticket.unit.label("unit"), status)
              .where(Ticket.created_at >= start, Ticket.created_at < end).subquery())
    rows = await session.execute(
        select(opened.c.unit, func.count())
        .where(opened.c.status_at.in_(DONE_STATUSES)).group_by(opened.c.unit))
    return {unit: count for unit, count in rows.all()}


async def resolutions(session: AsyncSession, start: datetime,
                      end: datetime) -> list[tuple[str, bool]]:
    """(unit, on time) for each ticket resolved in [start, end) and still resolved or
    closed at `end`: one the resident reopened is not resolved. Judged by its last
    resolution in that span (the one that held) against its resolve_due."""
    event = aliased(TicketEvent)
    last = (select(event.ticket_id.label("ticket_id"), func.max(event.at).label("at"))
            .where(event.type == "status", event.at >= start, event.at < end,
                   _json_text(session, event.data, "to") == "resolved")
            .group_by(event.ticket_id).subquery())
    rows = await session.execute(
        select(Ticket.unit, last.c.at <= Ticket.resolve_due)
        .join(last, last.c.ticket_id == Ticket.id)
        .where(status_at(session, end).in_(DONE_STATUSES)))
    return [(unit, bool(on_time)) for unit, on_time in rows.all()]


async def first_responses(session: AsyncSession, start: datetime,
                          end: datetime) -> list[tuple[str, float]]:
    """(unit, seconds from opening) for each ticket whose first response fell in [start, end):
    the first officer reply to the resident (`reply_out` marked first_response; automatic
    texts are other types), or for P1 the acknowledgement when it came first (§7: a P1's
    clock stops when an officer acknowledges the alert, as its deadline does)."""
    replies = await session.execute(
        select(Ticket.unit, Ticket.priority, Ticket.created_at, Ticket.acknowledged_at,
               TicketEvent.at, TicketEvent.data)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.type == "reply_out", TicketEvent.at >= start, TicketEvent.at < end,
               TicketEvent.actor.not_in(NOT_OFFICERS)))
    found: list[tuple[str, float]] = []
    for unit, priority, created_at, acknowledged_at, at, data in replies.all():
        if json.loads(data or "{}").get("first_response") is not True:
            continue
        if priority == "P1" and acknowledged_at is not None and acknowledged_at <= at:
            continue        # acknowledged before this reply: counted below
        found.append((unit, max(0.0, (at - created_at).total_seconds())))
    acknowledgements = await session.execute(
        select(Ticket.unit, Ticket.created_at, Ticket.acknowledged_at)
        .where(Ticket.priority == "P1", Ticket.acknowledged_at >= start,
               Ticket.acknowledged_at < end,
               or_(Ticket.first_response_at.is_(None),
                   Ticket.first_response_at >= Ticket.acknowledged_at)))
    for unit, created_at, acknowledged_at in acknowledgements.all():
        found.append((unit, max(0.0, (acknowledged_at - created_at).total_seconds())))
    return found


async def verdicts(session: AsyncSession, start: datetime,
                   end: datetime) -> list[tuple[str, bool | None, int | None]]:
    """(unit, solved, satisfaction) of each verdict residents gave in [start, end)."""
    rows = await session.execute(
        select(Ticket.unit, Verdict.solved, Verdict.satisfaction)
        .join(Ticket, Ticket.id == Verdict.ticket_id)
        .where(Verdict.answered_at >= start, Verdict.answered_at < end))
    return [(unit, solved, satisfaction) for unit, solved, satisfaction in rows.all()]


def record_access(session: AsyncSession, officer: str, action: str, target: str,
                  detail: dict[str, Any], at: datetime | None = None) -> AccessLog:
    """Append one access_log row (who exported, viewed or revealed what) to the session."""
    row = AccessLog(officer=officer, action=action, target=target,
                    detail=json.dumps(detail, ensure_ascii=False, default=str))
    if at is not None:
        row.at = at
    session.add(row)
    return row
