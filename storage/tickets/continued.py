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
# an open emergency raised since a time, an open ticket an officer replied on since one, or
# (for the quick menu's "is this more about it?") a complaint, suggestion or question opened
# since one. Keyed by openid (ix_tickets_openid_id), the events by ticket
# (ix_ticket_events_ticket_id_id); LIMIT 1: it stops at the first.
_EVENTS = TicketEvent.__table__
_REPORTED_KINDS = ("complaint", "feedback", "consult")
_CONTINUABLE = (
    select(_TICKETS.c.id)
    .where(_TICKETS.c.openid == bindparam("b_openid"),
           # Constants written out: an IN list is expanded at execution, which the SQLite
           # fast path does not run (no user input).
           or_(*(_TICKETS.c.status == literal_column(f"'{status}'")
                 for status in sorted(UNRESOLVED_STATUSES))),
           or_(and_(_TICKETS.c.kind == literal_column("'emergency'"),
                    _TICKETS.c.created_at >= bindparam("b_raised", type_=Ticket.created_at.type)),
               and_(or_(*(_TICKETS.c.kind == literal_column(f"'{kind}'")
                          for kind in _REPORTED_KINDS)),
                    _TICKETS.c.created_at >= bindparam("b_reported",
                                                       type_=Ticket.created_at.type)),
               select(_EVENTS.c.id).where(
                   _EVENTS.c.ticket_id == _TICKETS.c.id,
                   _EVENTS.c.type == literal_column("'reply_out'"),
                   _EVENTS.c.at >= bindparam("b_replied", type_=Ticket.created_at.type))
               .exists()))
    .limit(1))


async def continuable(session: AsyncSession, openid: str, *, raised_since: datetime,
                      replied_since: datetime, reported_since: datetime) -> bool:
    """Whether the resident has an open emergency raised since `raised_since`, an open
    ticket an officer replied on since `replied_since`, or an open complaint, suggestion or
    question opened since `reported_since`. One keyed query: on SQLite's fast path
    (storage.probe) when it can run there, else through the session (PostgreSQL); True
    also when the fast path found a row or could not tell (the full look-up decides)."""
    parameters = {"b_openid": openid, "b_raised": raised_since, "b_replied": replied_since,
                  "b_reported": reported_since}
    if await probe.finds_nothing(session, _CONTINUABLE, parameters):
        return False
    if session.bind.dialect.name == "sqlite":
        return True
    return (await session.execute(_CONTINUABLE, parameters)).first() is not None


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
