"""Residents' locations: the ticket that asked for one, and the last one a resident sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import probe
from storage.intake.models import InboundMessage
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket, TicketEvent


async def asked_for_place(session: AsyncSession, openid: str, since: datetime) -> Ticket | None:
    """The resident's newest open ticket that asked for their place at or after `since`."""
    return await session.scalar(
        select(Ticket)
        .where(Ticket.openid == openid, Ticket.status.in_(UNRESOLVED_STATUSES),
               Ticket.location_asked_at >= since)
        .order_by(Ticket.id.desc()).limit(1))


async def recent_location(session: AsyncSession, openid: str, since: datetime,
                          channel: str = "wechat") -> InboundMessage | None:
    """The last location the resident shared at or after `since` (a location message, or
    the location picker's event)."""
    parameters = {"b_channel": channel, "b_openid": openid, "b_since": since}
    if await probe.finds_nothing(session, _RECENT_LOCATION, parameters):
        return None
    return await session.scalar(_RECENT_LOCATION, parameters)


# Built once (a resident's emergency looks it up): no SELECT and cache key built each call.
_RECENT_LOCATION = (
    select(InboundMessage)
    .where(InboundMessage.channel == bindparam("b_channel"),
           InboundMessage.openid == bindparam("b_openid"),
           InboundMessage.received_at >= bindparam(
               "b_since", type_=InboundMessage.received_at.type),
           InboundMessage.latitude.is_not(None), InboundMessage.longitude.is_not(None))
    .order_by(InboundMessage.id.desc()).limit(1))


async def last_location_event(session: AsyncSession, ticket: Ticket) -> TicketEvent | None:
    """The ticket's latest `location` timeline event."""
    return await session.scalar(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id,
                                  TicketEvent.type == "location")
        .order_by(TicketEvent.id.desc()).limit(1))
