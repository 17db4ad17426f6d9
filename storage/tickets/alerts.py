"""Which tickets officers still have to be told about (alerts, escalations), read from their
timelines, and who in WeCom is told."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import and_, bindparam, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import deferred
from storage.officers.models import Officer
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket, TicketEvent
from storage.tickets.store import Opened


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


async def awaiting_acknowledgement(session: AsyncSession, unit: str | None, since: datetime,
                                   limit: int = 5) -> list[Ticket]:
    """Open emergencies nobody acknowledged, opened since `since`, of `unit` (None: every
    unit's), newest first."""
    query = select(Ticket).where(Ticket.kind == "emergency", Ticket.acknowledged_at.is_(None),
                                 Ticket.status.in_(UNRESOLVED_STATUSES),
                                 Ticket.created_at >= since)
    if unit is not None:
        query = query.where(Ticket.unit == unit)
    return list(await session.scalars(query.order_by(Ticket.id.desc()).limit(limit)))


async def mark_alert_sent(session: AsyncSession, ticket_id: int, at: datetime) -> bool:
    """Record the first delivery of an alert about the ticket; False when one was recorded
    before (two deliveries finishing together: exactly one of them wins)."""
    result = await session.execute(
        update(Ticket).where(Ticket.id == ticket_id, Ticket.alert_sent_at.is_(None))
        .values(alert_sent_at=at).execution_options(synchronize_session=False))
    return bool(result.rowcount)


async def escalated(session: AsyncSession, ticket_id: int, reason: str) -> bool:
    """Whether the ticket was already escalated for `reason`."""
    return bool(await session.scalar(
        select(func.count()).select_from(TicketEvent)
        .where(TicketEvent.ticket_id == ticket_id, TicketEvent.type == "escalated",
               TicketEvent.data.like(_reason_like(reason)))))


# The first escalation's time on a ticket no session holds (store.open_plain's): nothing
# would flush the attribute, so the row is written by a Core UPDATE.
_TICKETS = Ticket.__table__
_MARK_ESCALATED = (update(_TICKETS)
                   .where(_TICKETS.c.id == bindparam("b_id"), _TICKETS.c.escalated_at.is_(None))
                   .values(escalated_at=bindparam("b_at")))


def mark_escalated(session: AsyncSession, ticket: Ticket | Opened, at: datetime) -> None:
    """Note `at` as when the ticket was first escalated (the console's banner reads it),
    unless it already was: the ORM ticket's attribute, flushed with it; for a ticket just
    opened plainly, an UPDATE queued with the transaction's other writes (storage.deferred)."""
    if ticket.escalated_at is not None:
        return
    if isinstance(ticket, Opened):
        deferred.add(session, _MARK_ESCALATED, {"b_id": ticket.id, "b_at": at})
    ticket.escalated_at = at


async def waiting_too_long(session: AsyncSession, opened_before: datetime,
                           limit: int = 50) -> list[Ticket]:
    """Open emergencies nobody acknowledged, opened before `opened_before`, not yet
    escalated for it."""
    chased = exists().where(TicketEvent.ticket_id == Ticket.id, TicketEvent.type == "escalated",
                            TicketEvent.data.like(_reason_like("unacknowledged")))
    return list(await session.scalars(
        select(Ticket)
        .where(Ticket.kind == "emergency", Ticket.acknowledged_at.is_(None),
               Ticket.status.in_(UNRESOLVED_STATUSES), Ticket.created_at < opened_before,
               ~chased)
        .order_by(Ticket.id).limit(limit)))


async def escalated_open(session: AsyncSession, units: Collection[str] | None,
                         limit: int = 20) -> list[Ticket]:
    """Escalated emergencies still unacknowledged (the console's banner), oldest first."""
    query = select(Ticket).where(Ticket.escalated_at.is_not(None),
                                 Ticket.acknowledged_at.is_(None),
                                 Ticket.status.in_(UNRESOLVED_STATUSES))
    if units is not None:
        query = query.where(Ticket.unit.in_(list(units)))
    return list(await session.scalars(query.order_by(Ticket.escalated_at).limit(limit)))


async def wecom_recipients(session: AsyncSession, unit: str) -> list[str]:
    """WeCom user ids of the unit's enabled officers; when it has none, of the supervisors
    (someone must be reached)."""
    base = select(Officer.wecom_user).where(Officer.disabled.is_(False),
                                            Officer.wecom_user.is_not(None))
    found = list(await session.scalars(base.where(Officer.unit == unit)
                                       .order_by(Officer.username)))
    if found:
        return found
    return list(await session.scalars(base.where(Officer.role.in_(("supervisor", "admin")))
                                      .order_by(Officer.username)))
