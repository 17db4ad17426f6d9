"""Rows for the group figures: group tickets opened in a period, open ones, membership."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.groups.models import GroupRoom, GroupTicket
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket


async def opened(session: AsyncSession, start: datetime, end: datetime,
                 unit: str | None = None) -> list[tuple[str, str, str, float | None]]:
    """(room id, group name, unit, seconds to the first response or None) of each group
    ticket opened in [start, end); for P1 the response is the acknowledgement (§7)."""
    statement = (select(GroupTicket.room_id, GroupTicket.room_name, Ticket.unit,
                        Ticket.priority, Ticket.created_at, Ticket.first_response_at,
                        Ticket.acknowledged_at)
                 .join(Ticket, Ticket.id == GroupTicket.ticket_id)
                 .where(Ticket.created_at >= start, Ticket.created_at < end))
    if unit is not None:
        statement = statement.where(Ticket.unit == unit)
    found: list[tuple[str, str, str, float | None]] = []
    for room, name, unit_, priority, created, first, acknowledged in await session.execute(
            statement):
        answered = acknowledged if priority == "P1" else first
        if answered is not None and answered >= end:
            answered = None          # not yet, as of the period's end
        seconds = None if answered is None else max(0.0, (answered - created).total_seconds())
        found.append((room, name, unit_, seconds))
    return found


async def open_now(session: AsyncSession,
                   unit: str | None = None) -> list[tuple[str, str, str, int]]:
    """(room id, group name, unit, count) of unresolved group tickets."""
    statement = (select(GroupTicket.room_id, GroupTicket.room_name, Ticket.unit, func.count())
                 .join(Ticket, Ticket.id == GroupTicket.ticket_id)
                 .where(Ticket.status.in_(UNRESOLVED_STATUSES))
                 .group_by(GroupTicket.room_id, GroupTicket.room_name, Ticket.unit))
    if unit is not None:
        statement = statement.where(Ticket.unit == unit)
    return [(room, name, unit_, int(count))
            for room, name, unit_, count in await session.execute(statement)]


async def members(session: AsyncSession) -> dict[str, int]:
    """Each group's member count, from membership events."""
    return {room: count for room, count in await session.execute(
        select(GroupRoom.room_id, GroupRoom.members))}
