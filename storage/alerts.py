"""Which tickets the police group still has to be told about, read from their timelines."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.ticket_models import UNRESOLVED_STATUSES, Ticket, TicketEvent


def _reason_like(reason: str) -> str:
    # add_event stores data as json.dumps(...): match the same spelling of the pair.
    return f"%{json.dumps({'reason': reason}, ensure_ascii=False)[1:-1]}%"


def _alerted(reason: str):
    return exists().where(TicketEvent.ticket_id == Ticket.id, TicketEvent.type == "alert",
                          TicketEvent.data.like(_reason_like(reason)))


async def new_tickets(session: AsyncSession, since: datetime, limit: int = 200) -> list[Ticket]:
    """Tickets opened since `since` (emergencies have their own alert) not yet announced."""
    return list(await session.scalars(
        select(Ticket).where(Ticket.created_at >= since, Ticket.kind != "emergency",
                             ~_alerted("new_ticket"))
        .order_by(Ticket.id).limit(limit)))


async def first_response_due(session: AsyncSession, before: datetime, reason: str,
                             after: datetime | None = None, limit: int = 200) -> list[Ticket]:
    """Open tickets nobody has answered whose first-response deadline falls before `before`
    (and after `after`), not yet alerted for `reason`. Emergencies are chased by their own
    re-alerts instead."""
    conditions = [Ticket.status.in_(UNRESOLVED_STATUSES), Ticket.first_response_at.is_(None),
                  Ticket.kind != "emergency",
                  Ticket.first_response_due <= before, ~_alerted(reason)]
    if after is not None:
        conditions.append(Ticket.first_response_due > after)
    return list(await session.scalars(
        select(Ticket).where(and_(*conditions)).order_by(Ticket.first_response_due)
        .limit(limit)))


async def unacknowledged_emergencies(session: AsyncSession, last_alert_before: datetime,
                                     max_alerts: int, limit: int = 50) -> list[Ticket]:
    """Open emergencies nobody acknowledged whose last alert is older than
    `last_alert_before`, alerted fewer than `max_alerts` times."""
    mine = (TicketEvent.ticket_id == Ticket.id, TicketEvent.type == "alert")
    last = select(func.max(TicketEvent.at)).where(*mine).correlate(Ticket).scalar_subquery()
    count = select(func.count()).where(*mine).correlate(Ticket).scalar_subquery()
    return list(await session.scalars(
        select(Ticket)
        .where(Ticket.kind == "emergency", Ticket.acknowledged_at.is_(None),
               Ticket.status.in_(UNRESOLVED_STATUSES), last < last_alert_before,
               count < max_alerts)
        .order_by(Ticket.id).limit(limit)))
