"""A resident's answers to a ticket's follow-up questions, written without reading the ticket."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import String, bindparam, case, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from storage import deferred
from storage.tickets.models import Ticket, TicketEvent
from storage.tickets.store import ACTOR_RESIDENT, ACTOR_SYSTEM

_TICKETS = Ticket.__table__
_EVENTS = TicketEvent.__table__
_AT = bindparam("b_at", type_=_TICKETS.c.updated_at.type)
_FLAGGED = _TICKETS.c.flagged_unassigned.is_(True)


def _kept_or(column, name: str):
    """The column's value, or the bound one when it has none."""
    return func.coalesce(func.nullif(column, ""), bindparam(name, type_=column.type))


def _if_flagged(column, value):
    """`value` while the ticket waits in 待分派, else the column unchanged: an officer who
    dispatched it meanwhile keeps their choice."""
    return case((_FLAGGED, value), else_=column)


# The contact phone an answer gave (replacing), the place and area it named (kept when the
# ticket has them) and `updated_at` (never moved back), in one prebuilt UPDATE; its event is
# written only if the ticket exists (its foreign key would refuse it otherwise).
_ANSWER_VALUES = dict(
    contact_phone=func.coalesce(bindparam("b_phone", type_=String), _TICKETS.c.contact_phone),
    place=_kept_or(_TICKETS.c.place, "b_place"),
    area=_kept_or(_TICKETS.c.area, "b_area"),
    updated_at=case((_TICKETS.c.updated_at < _AT, _AT), else_=_TICKETS.c.updated_at))
_ANSWERED = update(_TICKETS).where(_TICKETS.c.id == bindparam("b_id")).values(**_ANSWER_VALUES)
_DUE = _TICKETS.c.sign_due.type
# The same, for a place that routes a ticket waiting in 待分派: its unit, and the unit's sign
# due from now (for the ticket's priority, which the dialog that opened it knows).
_ANSWERED_ROUTING = _ANSWERED.values(
    unit=_if_flagged(_TICKETS.c.unit, bindparam("b_unit", type_=String)),
    flagged_unassigned=False,
    sign_due=_if_flagged(_TICKETS.c.sign_due, bindparam("b_due", type_=_DUE)),
    signed_at=_if_flagged(_TICKETS.c.signed_at, None),
    signed_by=_if_flagged(_TICKETS.c.signed_by, None),
    sign_reminded_at=_if_flagged(_TICKETS.c.sign_reminded_at, None))
# A resident correcting the place they gave ("地点说错了，应该是…"): theirs replaces it.
_REPLACING = dict(place=func.coalesce(bindparam("b_place", type_=String), _TICKETS.c.place),
                  area=func.coalesce(bindparam("b_area", type_=String), _TICKETS.c.area))
_UPDATES = {(False, False): _ANSWERED, (True, False): _ANSWERED_ROUTING,
            (False, True): _ANSWERED.values(**_REPLACING),
            (True, True): _ANSWERED_ROUTING.values(**_REPLACING)}
_COLUMNS = ("ticket_id", "at", "actor", "type", "text", "data")


def _bound(name: str):
    return bindparam(f"e_{name}", type_=_EVENTS.c[name].type)


_ANSWER_EVENT = insert(_EVENTS).from_select(
    list(_COLUMNS), select(*(_bound(name) for name in _COLUMNS))
    .where(exists().where(_TICKETS.c.id == bindparam("e_ticket_id"))))


class _json_text(FunctionElement):
    """A text column as a JSON string (quoted and escaped, as json.dumps writes it)."""

    type = String()
    inherit_cache = True


@compiles(_json_text, "sqlite")
def _json_text_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"json_quote({compiler.process(element.clauses, **kw)})"


@compiles(_json_text, "postgresql")
def _json_text_postgresql(element: Any, compiler: Any, **kw: Any) -> str:
    return f"to_json({compiler.process(element.clauses, **kw)})::text"


# The `routed` event of a ticket leaving 待分派, written before the UPDATE above and only while
# it waits there; the unit it leaves ("from") is the row's, read by the INSERT itself.
_ROUTED_EVENT = insert(_EVENTS).from_select(
    list(_COLUMNS),
    select(*(_bound(name) for name in _COLUMNS[:-1]),
           bindparam("e_data_head", type_=String) + _json_text(_TICKETS.c.unit) + "}")
    .where(_TICKETS.c.id == bindparam("e_ticket_id"), _FLAGGED))


class Routing(NamedTuple):
    """Where the place an answer named routes a ticket waiting in 待分派: the unit, the
    `routed` event's text, and the unit's sign due (for the ticket's priority)."""

    unit: str
    text: str
    sign_due: datetime


def answer_to_ticket(session: AsyncSession, ticket_id: int, text: str, at: datetime, *,
                     contact_phone: str | None = None, place: str | None = None,
                     area: str | None = None, routing: Routing | None = None,
                     corrected: bool = False, **data: Any) -> None:
    """Record a resident's answer on ticket `ticket_id` (known to the dialog that asked):
    its `message_in` event, the contact phone it gave, the place and area it named, and,
    with `routing`, the unit that place routes it to if it still waits in 待分派 (its
    `routed` event first); a `corrected` place replaces the one kept. Keyed writes and no
    read, queued with the transaction's other writes (storage.deferred: on SQLite the unit
    of work may then commit through
    storage.inline); nothing is written when there is no such ticket (tickets are never
    deleted: the dialog's is there)."""
    values = {"b_id": ticket_id, "b_phone": contact_phone, "b_place": place, "b_area": area,
              "b_at": at}
    if routing is None:
        deferred.add(session, _UPDATES[False, corrected], values)
    else:
        # The data as the ORM's way writes it ({"unit": ..., "from": ...}), "from" filled in.
        head = json.dumps({"unit": routing.unit}, ensure_ascii=False)[:-1] + ', "from": '
        deferred.add(session, _ROUTED_EVENT, {
            "e_ticket_id": ticket_id, "e_at": at, "e_actor": ACTOR_SYSTEM, "e_type": "routed",
            "e_text": routing.text, "e_data_head": head})
        deferred.add(session, _UPDATES[True, corrected], {
            **values, "b_unit": routing.unit, "b_due": routing.sign_due})
    deferred.add(session, _ANSWER_EVENT, {
        "e_ticket_id": ticket_id, "e_at": at, "e_actor": ACTOR_RESIDENT, "e_type": "message_in",
        "e_text": text, "e_data": json.dumps(data, ensure_ascii=False, default=str)})
