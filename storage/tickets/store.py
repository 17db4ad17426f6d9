"""Tickets: opening one under a unique daily number, its timeline, and look-ups."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, make_transient_to_detached

from storage import deferred, inline, probe
from storage.base import utcnow
from storage.intake.models import InboundMessage
from storage.tickets.models import (
    UNRESOLVED_STATUSES,
    IntentCandidate,
    Ticket,
    TicketCounter,
    TicketEvent,
)

_INBOUND = InboundMessage.__table__
# A Core statement built once: no ORM bulk-update bookkeeping on every ticket a message opens.
_LINK_INBOUND = (update(_INBOUND).where(_INBOUND.c.id == bindparam("b_id"))
                 .values(ticket_id=bindparam("b_ticket")))
_TICKETS = Ticket.__table__
_INSERT_TICKET = insert(_TICKETS).returning(_TICKETS.c.id)
# Every column of a new ticket but its id, at the model's defaults (all constants).
# A timeline event: queued in the session with the transaction's other writes, a
# transaction's events one executemany (storage.deferred); nothing reads their ids back.
_INSERT_EVENT = insert(TicketEvent.__table__)
_TICKET_DEFAULTS = {column.key: column.default.arg if column.default is not None else None
                    for column in _TICKETS.columns if column.key != "id"}
ACTOR_SYSTEM = "system"
ACTOR_RESIDENT = "resident"


def _counter(module: Any) -> Any:
    counters = TicketCounter.__table__
    statement = module.insert(counters).values(day=bindparam("b_day"), seq=1)
    return statement.on_conflict_do_update(
        index_elements=[counters.c.day], set_={"seq": counters.c.seq + 1}
    ).returning(counters.c.seq)


# Built once (SQLAlchemy caches their compiled form): the day's counter, one atomic upsert.
_NEXT_SEQ = {"sqlite": _counter(sqlite), "postgresql": _counter(postgresql)}


def _number(prefix: str, day: str, seq: int) -> str:
    # f"{seq:04d}" keeps four digits and widens by itself past 9999.
    return f"{prefix}{day}-{seq:04d}"


async def next_number(session: AsyncSession, prefix: str, tz: tzinfo, now: datetime) -> str:
    """Allocate the next `{prefix}{YYYYMMDD}-{seq:04d}` for the local day of `now`.

    One atomic upsert of the day's counter. On PostgreSQL it commits on its own at once (a
    connection of its own in autocommit): the day's row is locked for one statement, not
    for the caller's whole opening transaction, so instances opening tickets at once do not
    queue behind each other; a rolled-back opening leaves a gap. On SQLite (one writer, one
    connection) it runs in the caller's transaction and rolls back with it. Either way no
    two tickets share a number.
    """
    if session.bind.dialect.name != "postgresql":
        return await session.run_sync(_next_number_in, prefix, tz, now)
    day = now.astimezone(tz).strftime("%Y%m%d")
    async with session.bind.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        seq = (await conn.execute(_NEXT_SEQ["postgresql"], {"b_day": day})).scalar_one()
    return _number(prefix, day, seq)


def _next_number_in(session: Session, prefix: str, tz: tzinfo, now: datetime) -> str:
    """next_number on SQLite, in a synchronous session (with the ticket's INSERT)."""
    day = now.astimezone(tz).strftime("%Y%m%d")
    return _number(prefix, day, _one(session, _NEXT_SEQ["sqlite"], {"b_day": day}))


def _insert_numbered(session: Session, values: dict[str, Any], prefix: str, tz: tzinfo,
                     now: datetime) -> int:
    values["number"] = _next_number_in(session, prefix, tz, now)
    return _one(session, _INSERT_TICKET, values)


def _one(session: Session, statement: Any, parameters: dict[str, Any]) -> Any:
    """The one value `statement` returns: on SQLite's driver directly (storage.inline:
    SQLAlchemy's execution of the two statements was most of a ticket's opening), else
    through the session."""
    rows = inline.rows_in(session, statement, parameters)
    if rows is None:
        return session.execute(statement, parameters).scalar_one()
    (row,) = rows
    return row[0]


class Opened:
    """A ticket just opened by open_plain: the columns its INSERT wrote, held by no session.
    Nothing of it is flushed later: its first events wait as Core INSERTs and the message's
    link goes with the reply's UPDATE, so its unit of work builds no ORM object."""

    def __init__(self, ticket_id: int, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self.id = ticket_id


async def create_ticket(
    session: AsyncSession, *, prefix: str, tz: tzinfo, kind: str, priority: str,
    channel: str, unit: str, flagged: bool, openid: str | None, contact_phone: str | None,
    anonymous: bool, summary: str, area: str | None, lat: float | None, lng: float | None,
    reasons: Sequence[str], first_response_due: datetime, resolve_due: datetime,
    now: datetime, actor: str = ACTOR_SYSTEM, emergency_kind: str | None = None,
    location_label: str | None = None, place: str | None = None,
    sign_due: datetime | None = None, location_asked_at: datetime | None = None,
) -> Ticket:
    """Open a ticket with its `created` event, in the caller's transaction (`sign_due`: when
    its unit's sign is due, `location_asked_at`: when the resident was asked where; both set
    in the INSERT rather than by an UPDATE after it)."""
    ticket_id, values = await _open(session, {
        "prefix": prefix, "tz": tz, "kind": kind, "priority": priority, "channel": channel,
        "unit": unit, "flagged": flagged, "openid": openid, "contact_phone": contact_phone,
        "anonymous": anonymous, "summary": summary, "area": area, "lat": lat, "lng": lng,
        "reasons": reasons, "first_response_due": first_response_due,
        "resolve_due": resolve_due, "now": now, "actor": actor,
        "emergency_kind": emergency_kind, "location_label": location_label, "place": place,
        "sign_due": sign_due, "location_asked_at": location_asked_at})
    # The object joins the session as if loaded (every column given, so nothing is left to
    # load): later changes to it are the ORM's.
    ticket = Ticket(id=ticket_id, **values)
    make_transient_to_detached(ticket)
    session.add(ticket)
    return ticket


async def open_plain(session: AsyncSession, **fields: Any) -> Opened:
    """create_ticket's ticket (the same `fields`, the same rows) for a unit of work that only
    reads it afterwards: no ORM object is built, added or flushed (its constructor and the
    session's bookkeeping cost more than the INSERT), so the unit of work commits as one
    made of Core writes (storage.inline)."""
    ticket_id, values = await _open(session, fields)
    return Opened(ticket_id, values)


_OPTIONAL = {"actor": ACTOR_SYSTEM, "emergency_kind": None, "location_label": None,
             "place": None, "sign_due": None, "location_asked_at": None}


async def _open(session: AsyncSession, fields: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The ticket's row written (its number allocated) and its `created` event queued: its
    id and the values written."""
    f = {**_OPTIONAL, **fields}
    if f["openid"] is not None and f["actor"] == f["openid"]:
        raise ValueError("an openid is never a timeline actor; use 'resident'")
    prefix, tz, now, kind, summary = f["prefix"], f["tz"], f["now"], f["kind"], f["summary"]
    values = {
        **_TICKET_DEFAULTS, "number": None, "kind": kind, "priority": f["priority"],
        "channel": f["channel"], "unit": f["unit"], "flagged_unassigned": f["flagged"],
        "openid": f["openid"], "contact_phone": f["contact_phone"],
        "anonymous": f["anonymous"], "summary": summary, "area": f["area"],
        "place": f["place"], "latitude": f["lat"], "longitude": f["lng"],
        "location_label": f["location_label"], "emergency_kind": f["emergency_kind"],
        "intent_reasons": json.dumps(list(f["reasons"]), ensure_ascii=False),
        "created_at": now, "updated_at": now, "first_response_due": f["first_response_due"],
        "resolve_due": f["resolve_due"], "sign_due": f["sign_due"],
        "location_asked_at": f["location_asked_at"]}
    # A prebuilt Core INSERT: the ORM's flush of one new object cost more than the statement.
    if session.bind.dialect.name == "postgresql":
        values["number"] = await next_number(session, prefix, tz, now)
        ticket_id = (await session.execute(_INSERT_TICKET, values)).scalar_one()
    else:   # the number and the INSERT in one call into SQLAlchemy (one greenlet)
        ticket_id = await session.run_sync(_insert_numbered, values, prefix, tz, now)
    emergency_kind = f["emergency_kind"]
    extra = {"emergency_kind": emergency_kind} if emergency_kind else {}
    _queue_event(session, ticket_id, f["actor"], "created", summary, now,
                 {"kind": kind, "priority": f["priority"], "channel": f["channel"],
                  "unit": f["unit"], "flagged": f["flagged"], **extra})
    return ticket_id, values


def _queue_event(session: AsyncSession, ticket_id: int, actor: str, type: str, text: str,
                 at: datetime, data: dict[str, Any]) -> None:
    row = {"ticket_id": ticket_id, "at": at, "actor": actor, "type": type, "text": text,
           "data": json.dumps(data, ensure_ascii=False, default=str)}
    deferred.add(session, _INSERT_EVENT, row, batch=True)


def add_event(session: AsyncSession, ticket: Ticket | Opened, actor: str, type: str,
              text: str = "", *, at: datetime | None = None, **data: Any) -> None:
    """Append one entry to the ticket's timeline (written before the transaction commits or
    reads: storage.deferred) and touch `updated_at`."""
    if ticket.openid is not None and actor == ticket.openid:
        # The timeline is shown to officers and exported: residents appear as "resident".
        raise ValueError("an openid is never a timeline actor; use 'resident'")
    if ticket.id is None:
        raise ValueError("a ticket's events need its id: flush the ticket first")
    at = at or utcnow()
    moves = at > ticket.updated_at or (
        type == "reply_out" and data.get("first_response") and ticket.first_response_at is None)
    if moves and isinstance(ticket, Opened):
        # Nothing would write the change: an opened ticket's events are those of its opening.
        raise ValueError("a plainly opened ticket takes events of its opening moment only")
    _queue_event(session, ticket.id, actor, type, text, at, data)
    # Set only when it moves: an attribute set, even to its own value, makes the ORM flush
    # the ticket at the commit (a unit of work that finds nothing to write, some hundred µs
    # for every ticket opened).
    if at > ticket.updated_at:
        ticket.updated_at = at
    if type == "reply_out" and data.get("first_response") and ticket.first_response_at is None:
        ticket.first_response_at = at


# The look-ups of a resident's message, built once: building a SELECT and its cache key on
# every call cost about as much as SQLAlchemy's execution of it.
_BY_NUMBER = select(Ticket).where(Ticket.number == bindparam("b_number"))
_FOR_OPENID = (select(Ticket).where(Ticket.openid == bindparam("b_openid"))
               .order_by(Ticket.id.desc()))
_FOR_OPENID_10 = _FOR_OPENID.limit(10)
# Whether the resident has any ticket at all (ix_tickets_openid_id): most who ask for their
# tickets or report an emergency have none, and then neither look-up below needs the ORM.
_ANY_FOR_OPENID = select(Ticket.id).where(Ticket.openid == bindparam("b_openid")).limit(1)
_LATEST_OPEN = (
    select(Ticket)
    .where(Ticket.openid == bindparam("b_openid"), Ticket.kind == bindparam("b_kind"),
           Ticket.created_at >= bindparam("b_since", type_=Ticket.created_at.type),
           Ticket.status.in_(UNRESOLVED_STATUSES))
    .order_by(Ticket.id.desc()).limit(1))


async def has_none(session: AsyncSession, openid: str) -> bool:
    """True when the resident certainly has no ticket (SQLite's fast path: storage.probe)."""
    return await probe.finds_nothing(session, _ANY_FOR_OPENID, {"b_openid": openid})


async def get_by_number(session: AsyncSession, number: str) -> Ticket | None:
    """One ticket by its number, or None."""
    return await session.scalar(_BY_NUMBER, {"b_number": number})


async def list_for_openid(session: AsyncSession, openid: str, limit: int = 10) -> list[Ticket]:
    """The resident's own tickets (opened from that openid), newest first."""
    if await probe.finds_nothing(session, _ANY_FOR_OPENID, {"b_openid": openid}):
        return []
    statement = _FOR_OPENID_10 if limit == 10 else _FOR_OPENID.limit(limit)
    return list(await session.scalars(statement, {"b_openid": openid}))


async def events(session: AsyncSession, ticket: Ticket) -> list[TicketEvent]:
    """The ticket's timeline, oldest first."""
    rows = await session.scalars(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id))
    return list(rows)


def event_data(event: TicketEvent) -> dict[str, Any]:
    """The event's extra fields (from, to, first_response, ...)."""
    return json.loads(event.data or "{}")


def reasons(ticket: Ticket) -> list[str]:
    """The classifier's reasons recorded when the ticket opened."""
    return json.loads(ticket.intent_reasons or "[]")


async def link_inbound(session: AsyncSession, inbound_id: int | list[int],
                       ticket: Ticket | int) -> None:
    """Record that a received message (or several, in one statement) opened or belongs to
    the ticket (or its id)."""
    ticket_id = ticket if isinstance(ticket, int) else ticket.id
    if isinstance(inbound_id, int):
        await session.execute(_LINK_INBOUND, {"b_id": inbound_id, "b_ticket": ticket_id})
    elif inbound_id:
        await session.execute(_LINK_INBOUND,
                              [{"b_id": i, "b_ticket": ticket_id} for i in inbound_id])


async def latest_open(session: AsyncSession, openid: str, kind: str,
                      since: datetime) -> Ticket | None:
    """The resident's newest unresolved ticket of `kind` opened at or after `since`."""
    if await probe.finds_nothing(session, _ANY_FOR_OPENID, {"b_openid": openid}):
        return None
    return await session.scalar(_LATEST_OPEN,
                                {"b_openid": openid, "b_kind": kind, "b_since": since})


async def set_location(session: AsyncSession, ticket: Ticket, lat: float, lng: float,
                       label: str | None = None) -> None:
    """Record where the resident said it happens."""
    ticket.latitude, ticket.longitude = lat, lng
    ticket.location_label = label or None


def record_candidate(session: AsyncSession, text: str, predicted: str, chosen: str,
                     source: str, ticket_number: str | None = None) -> None:
    """Keep a human-settled intent for review; the corpus itself changes only by commit."""
    session.add(IntentCandidate(text=text[:2000], predicted=predicted, chosen=chosen,
                                source=source, ticket_number=ticket_number))
