"""What every officer action shares: who may take it, the field limits, and what it hands
back. The actions live in workflow (today's) and dispatch/supervision (the 12345 steps)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import fields
from handlers.core.durations import WorkingTime
from handlers.core.errors import Conflict, NotFound
from handlers.core.settings import TicketSettings
from handlers.officers.accounts import Actor
from handlers.tickets.lifecycle import Lifecycle
from storage.officers import store as officer_store
from storage.tickets import store as ticket_store
from storage.tickets import worklists
from storage.tickets.models import Ticket

ALL_ROLES = frozenset({"officer", "supervisor", "admin"})
SUPERVISORS = frozenset({"supervisor", "admin"})
REPLY_MAX = 600        # a WeChat customer-service text holds 2048 bytes: 600 CJK characters
NOTE_MAX = 2000
REASON_MAX = 500

# Who may take each action at all, on a ticket they can see.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "reply": ALL_ROLES, "note": ALL_ROLES, "assign": ALL_ROLES, "transfer": SUPERVISORS,
    "status": ALL_ROLES, "kind": ALL_ROLES, "acknowledge": ALL_ROLES, "incident": ALL_ROLES,
    "sign": ALL_ROLES, "return": ALL_ROLES, "supervise": SUPERVISORS,
    "followup": ALL_ROLES, "dispute": SUPERVISORS, "merge": SUPERVISORS,
    "followup_officer": SUPERVISORS,
}

# Targets of the status action and the roles that may ask for them; others are moves no
# officer makes (closing is the resident's or time's; assigning has its own action): 409.
STATUS_TARGETS: dict[str, frozenset[str]] = {
    "resolved": ALL_ROLES, "in_progress": ALL_ROLES,
    "cancelled": SUPERVISORS, "reopened": SUPERVISORS,
}
NOTE_REQUIRED = frozenset({"resolved", "cancelled"})
REPLY_CLOSED = frozenset({"closed", "cancelled"})

Fields = fields.Fields


@dataclass(frozen=True)
class Outcome:
    """The ticket after an action and, for replies, how the words reach the resident:
    "queued" (WeChat outbox), "callback" (a call owed), or "recorded" (no way to reach)."""

    ticket: Ticket
    delivery: str | None = None


@dataclass(frozen=True)
class Act:
    """One officer action in progress: who, on which (locked) ticket, with what fields, when,
    and the lifecycle every move goes through."""

    session: AsyncSession
    actor: Actor
    ticket: Ticket
    fields: Fields
    now: datetime
    lifecycle: Lifecycle
    settings: TicketSettings
    calendar: WorkingTime

    def move_as(self) -> str:
        """How §5's table knows the actor: as a supervisor, or as the assignee."""
        return "supervisor" if self.actor.supervises else "assignee"


async def check_assignee(session: AsyncSession, username: str, unit: str) -> None:
    """A well-formed name that is not an active officer of the unit conflicts with the unit's
    roster, which no request document can know: 409, naming the field."""
    officer = await officer_store.by_username(session, username)
    if officer is None or officer.disabled:
        raise Conflict("assign_officer_unknown", field="officer", username=username)
    if officer.unit != unit:
        raise Conflict("assign_officer_other_unit", field="officer", username=username,
                       unit=unit)


async def visible(session: AsyncSession, actor: Actor, number: str, *,
                  lock: bool = False) -> Ticket:
    """Ticket `number` if `actor` may see it (own unit, or any for supervisors), locked for
    an update with `lock`; NotFound for any other, a number of no ticket or no number."""
    ticket = None
    if fields.is_number(number):
        ticket = await (worklists.for_update(session, number) if lock
                        else ticket_store.get_by_number(session, number))
    if ticket is None or not (actor.supervises or ticket.unit == actor.unit):
        raise NotFound("ticket_unknown")
    return ticket
