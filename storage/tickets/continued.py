"""What a resident's message may continue: their open ticket touched most recently, with the
officers' last reply on it and their own last message to it (handlers.conversation.ongoing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, literal_column, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import probe
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket, TicketEvent
from storage.tickets.store import ACTOR_RESIDENT, has_none

_TICKETS = Ticket.__table__


@dataclass(frozen=True)
class LastReply:
    """The officers' newest reply on a ticket: when, and what it said."""

    at: datetime
    text: str


# A resident's newest unresolved ticket touched since a time, with when an officer last
# replied on it and when the resident last wrote to it (what a message may be continuing).
_EVENT_AT = TicketEvent.__table__.c
_LAST_REPLY = (select(_EVENT_AT.at).where(_EVENT_AT.ticket_id == Ticket.id,
                                          _EVENT_AT.type == "reply_out")
               .order_by(_EVENT_AT.id.desc()).limit(1).scalar_subquery())
_LAST_REPLY_TEXT = (select(_EVENT_AT.text).where(_EVENT_AT.ticket_id == Ticket.id,
                                                  _EVENT_AT.type == "reply_out")
                    .order_by(_EVENT_AT.id.desc()).limit(1).scalar_subquery())
_LAST_IN = (select(_EVENT_AT.at).where(_EVENT_AT.ticket_id == Ticket.id,
                                       _EVENT_AT.type == "message_in",
                                       _EVENT_AT.actor == ACTOR_RESIDENT)
            .order_by(_EVENT_AT.id.desc()).limit(1).scalar_subquery())
_RECENT_OPEN = (
    select(Ticket, _LAST_REPLY, _LAST_REPLY_TEXT, _LAST_IN)
    .where(Ticket.openid == bindparam("b_openid"), Ticket.status.in_(UNRESOLVED_STATUSES),
           Ticket.updated_at >= bindparam("b_since", type_=Ticket.updated_at.type))
    .order_by(Ticket.updated_at.desc(), Ticket.id.desc()).limit(1))


# Whether anything of the resident's could be continued by a message that does not say so:
# an open emergency raised since a time, or an open ticket an officer replied on since one.
_EVENTS = TicketEvent.__table__
_CONTINUABLE = (
    select(_TICKETS.c.id)
    .where(_TICKETS.c.openid == bindparam("b_openid"),
           # The statuses written out: an IN list is expanded at execution, which the
           # fast path does not run (constants, no user input).
           or_(*(_TICKETS.c.status == literal_column(f"'{status}'")
                 for status in sorted(UNRESOLVED_STATUSES))),
           or_(and_(_TICKETS.c.kind == "emergency",
                    _TICKETS.c.created_at >= bindparam("b_raised", type_=Ticket.created_at.type)),
               select(_EVENTS.c.id).where(
                   _EVENTS.c.ticket_id == _TICKETS.c.id, _EVENTS.c.type == "reply_out",
                   _EVENTS.c.at >= bindparam("b_replied", type_=Ticket.created_at.type))
               .exists()))
    .limit(1))


async def nothing_continues(session: AsyncSession, openid: str, raised_since: datetime,
                            replied_since: datetime) -> bool:
    """True when the resident certainly has no open emergency raised since `raised_since`
    and no open ticket an officer replied on since `replied_since` (SQLite's fast path:
    storage.probe; False when it cannot tell)."""
    return await probe.finds_nothing(session, _CONTINUABLE, {
        "b_openid": openid, "b_raised": raised_since, "b_replied": replied_since})


async def recent_open(session: AsyncSession, openid: str, since: datetime
                      ) -> tuple[Ticket, LastReply | None, datetime | None] | None:
    """The resident's unresolved ticket touched most recently (at or after `since`), with
    the officers' last reply on it and the time of the resident's last message to it."""
    if await has_none(session, openid):
        return None
    row = (await session.execute(_RECENT_OPEN, {"b_openid": openid, "b_since": since})).first()
    if row is None:
        return None
    ticket, replied, said, wrote = row
    return ticket, (LastReply(replied, said or "") if replied is not None else None), wrote
