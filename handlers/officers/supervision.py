"""督办 (supervision): a supervisor urges any open ticket with a note and, optionally, a new
deadline; the ticket carries the badge, the assignee (else the unit) is told in WeCom by the
lifecycle's notices, and it counts in the week's figures."""

from __future__ import annotations

import re
from datetime import datetime

from handlers import texts
from handlers.core import fields
from handlers.core.errors import Conflict, Invalid
from handlers.officers.acts import NOTE_MAX, Act, Outcome
from storage.tickets.models import UNRESOLVED_STATUSES

# An ISO 8601 moment as officers' tools send it: a date, a date and time, with or without an
# offset (without one it is the tickets' timezone). The API document states this pattern.
DUE = (r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
       r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?([+-](0\d|1[0-3]):[0-5]\d|Z)?)?$")
_DUE = re.compile(DUE)


def due(act: Act) -> datetime | None:
    """The optional new deadline: a moment after now (a date alone: that day's end)."""
    value = act.fields.get("due") if act.fields is not None else None
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DUE.match(value):
        raise Invalid("due", "supervise_due_invalid")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        # Well-formed but not a day of the calendar (31 February): the calendar, which no
        # request document can know, says no (409, naming the field).
        raise Conflict("supervise_due_invalid", field="due") from None
    if len(value) == 10:            # a day: until its end, as officers read a deadline
        moment = moment.replace(hour=23, minute=59, second=59)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=act.settings.tz)
    if moment <= act.now:       # so is the clock: 409, as for an unknown officer
        raise Conflict("supervise_due_past", field="due")
    return moment


async def supervise(act: Act) -> Outcome:
    """督办 {note, due?}: supervisors, on any open ticket."""
    note = fields.text(act.fields, "note", NOTE_MAX)
    deadline = due(act)
    ticket = act.ticket
    if ticket.status not in UNRESOLVED_STATUSES:
        raise Conflict("conflict_not_open", status=texts.STATUS_LABELS[ticket.status])
    ticket.supervised_at = act.now
    if deadline is not None:
        ticket.supervise_due = deadline
    local = f"{deadline.astimezone(act.settings.tz):%Y-%m-%d %H:%M}" if deadline else None
    text = texts.text("event_supervised_due", note=note, due=local) if local \
        else texts.text("event_supervised", note=note)
    await act.lifecycle.record(act.session, ticket, "supervised", actor=act.actor.username,
                               at=act.now, text=text, note=note,
                               due=deadline.isoformat() if deadline else None,
                               due_local=local,
                               assignee=ticket.assignee, unit=ticket.unit)
    return Outcome(ticket)
