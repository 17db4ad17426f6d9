"""Officers' actions on tickets: rights and §5's status transitions as tables, every action a
timeline event. Checks run in the API's answer order: unknown or invisible (NotFound), not the
caller's role (Forbidden), bad fields (Invalid), status does not allow it (Conflict)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core import fields
from handlers.core.errors import Conflict, Forbidden, NotFound
from handlers.core.privacy import mask_text
from handlers.core.settings import TicketSettings
from handlers.officers import incidents
from handlers.officers.accounts import Actor
from handlers.tickets import group_tasks
from storage.base import utcnow
from storage.delivery import outbox
from storage.officers import store as officer_store
from storage.tickets import store as ticket_store
from storage.tickets import worklists
from storage.tickets.models import KINDS, STATUSES, UNRESOLVED_STATUSES, Ticket

ALL_ROLES = frozenset({"officer", "supervisor", "admin"})
SUPERVISORS = frozenset({"supervisor", "admin"})
REPLY_MAX = 600        # a WeChat customer-service text holds 2048 bytes: 600 CJK characters
NOTE_MAX = 2000
REASON_MAX = 500

# Who may take each action at all, on a ticket they can see.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "reply": ALL_ROLES, "note": ALL_ROLES, "assign": ALL_ROLES, "transfer": SUPERVISORS,
    "status": ALL_ROLES, "kind": ALL_ROLES, "acknowledge": ALL_ROLES, "incident": ALL_ROLES,
}

# §5: (from, to) -> who may make the move. "assignee" covers an officer resolving an
# unassigned ticket of their unit (it becomes theirs); "assign"/"transfer"/"reply" are the
# moves those actions make by themselves.
_OPEN = UNRESOLVED_STATUSES
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("new", "assigned"): frozenset({"assign"}),
    **{(s, "resolved"): frozenset({"assignee", "supervisor"}) for s in _OPEN},
    **{(s, "in_progress"): frozenset({"reply", "assignee", "supervisor"})
       for s in ("assigned", "reopened")},
    ("resolved", "closed"): frozenset({"resident", "system"}),
    ("resolved", "reopened"): frozenset({"resident"}),
    ("closed", "reopened"): frozenset({"supervisor"}),
    **{(s, "cancelled"): frozenset({"supervisor", "resident"}) for s in _OPEN},
    **{(s, s): frozenset({"assign", "transfer"}) for s in ("assigned", "in_progress", "reopened")},
    # A new ticket may change unit before anyone owns it: how 待分派 tickets are dispatched.
    ("new", "new"): frozenset({"transfer"}),
}

# Targets of the status action and the roles that may ask for them; others are moves no
# officer makes (closing is the resident's or time's; assigning has its own action): 409.
STATUS_TARGETS: dict[str, frozenset[str]] = {
    "resolved": ALL_ROLES, "in_progress": ALL_ROLES,
    "cancelled": SUPERVISORS, "reopened": SUPERVISORS,
}
NOTE_REQUIRED = frozenset({"resolved", "cancelled"})
REPLY_CLOSED = frozenset({"closed", "cancelled"})


def allowed(current: str, target: str, by: str) -> bool:
    """Whether §5 lets `by` move a ticket from `current` to `target`."""
    return by in TRANSITIONS.get((current, target), frozenset())


@dataclass(frozen=True)
class Outcome:
    """The ticket after an action and, for replies, how the words reach the resident:
    "queued" (WeChat outbox), "callback" (a call owed), or "recorded" (no way to reach)."""

    ticket: Ticket
    delivery: str | None = None


Fields = fields.Fields
# Called in the transaction of a resolution: (session, ticket, note, now), e.g. to ask the
# resident for their verdict.
OnResolved = Callable[[AsyncSession, Ticket, str, datetime], Awaitable[Any]]
_Action = Callable[[AsyncSession, Actor, Ticket, Fields], Awaitable[Outcome]]


class Workflow:
    """Officer actions in the caller's transaction; `clock` gives the aware current time."""

    def __init__(self, settings: TicketSettings, clock: Callable[[], datetime] = utcnow, *,
                 on_resolved: OnResolved | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.on_resolved = on_resolved
        self._actions: dict[str, _Action] = {
            "reply": self._reply, "note": self._note, "assign": self._assign,
            "transfer": self._transfer, "status": self._status, "kind": self._kind,
            "acknowledge": self._acknowledge,
            "incident": self._incident,
        }

    # --- look-ups ---------------------------------------------------------------------------

    async def visible(self, session: AsyncSession, actor: Actor, number: str, *,
                      lock: bool = False) -> Ticket:
        """The ticket if the caller may see it (own unit, or any for supervisors)."""
        ticket = None
        if fields.is_number(number):
            ticket = await (worklists.for_update(session, number) if lock
                            else ticket_store.get_by_number(session, number))
        if ticket is None or not (actor.supervises or ticket.unit == actor.unit):
            raise NotFound("ticket_unknown")
        return ticket

    # --- entry points -----------------------------------------------------------------------

    async def perform(self, session: AsyncSession, actor: Actor, number: str, action: str,
                      fields: Fields) -> Outcome:
        """Run `action` with its request fields (None: the body could not be read)."""
        ticket = await self.visible(session, actor, number, lock=True)
        if actor.role not in ACTION_ROLES[action]:
            raise Forbidden("forbidden_role")
        return await self._actions[action](session, actor, ticket, fields)

    async def reply(self, session: AsyncSession, actor: Actor, number: str,
                    text: str) -> Outcome:
        """Answer the resident."""
        return await self.perform(session, actor, number, "reply", {"text": text})

    async def note(self, session: AsyncSession, actor: Actor, number: str,
                   text: str) -> Outcome:
        """An internal note on the timeline."""
        return await self.perform(session, actor, number, "note", {"text": text})

    async def assign(self, session: AsyncSession, actor: Actor, number: str, officer: str,
                     reason: str = "") -> Outcome:
        """Make `officer` (of the ticket's unit) the assignee."""
        return await self.perform(session, actor, number, "assign",
                                  {"officer": officer, "reason": reason})

    async def transfer(self, session: AsyncSession, actor: Actor, number: str, unit: str,
                       reason: str, officer: str = "") -> Outcome:
        """Move the ticket to another unit (optionally straight to one of its officers)."""
        return await self.perform(session, actor, number, "transfer",
                                  {"unit": unit, "reason": reason, "officer": officer})

    async def set_status(self, session: AsyncSession, actor: Actor, number: str, status: str,
                         note: str = "") -> Outcome:
        """Resolve, start, cancel or reopen."""
        return await self.perform(session, actor, number, "status",
                                  {"status": status, "note": note})

    async def correct_kind(self, session: AsyncSession, actor: Actor, number: str,
                           kind: str) -> Outcome:
        """Correct the classifier's kind; the correction is kept for review."""
        return await self.perform(session, actor, number, "kind", {"kind": kind})

    async def acknowledge(self, session: AsyncSession, actor: Actor, number: str) -> Outcome:
        """Confirm an emergency alert was seen: no more re-alerts."""
        return await self.perform(session, actor, number, "acknowledge", {})

    def transition(self, session: AsyncSession, ticket: Ticket, target: str, *, by: str,
                   actor: str, text: str = "", **data: Any) -> None:
        """Move the ticket as `by` ("resident", "system", ...) if §5 allows, else Conflict.
        For the resident's verdict and timers: close, reopen on 否, cancel an appointment."""
        if not allowed(ticket.status, target, by):
            raise Conflict("conflict_transition", status=texts.STATUS_LABELS[ticket.status],
                           target=texts.STATUS_LABELS.get(target, target))
        self._move(session, ticket, target, actor, text, **data)

    # --- actions ----------------------------------------------------------------------------

    async def _reply(self, session, actor, ticket, data) -> Outcome:
        text = fields.text(data, "text", REPLY_MAX)
        if ticket.status in REPLY_CLOSED:
            raise Conflict("conflict_reply_closed", status=texts.STATUS_LABELS[ticket.status])
        now = self.clock()
        if ticket.channel == "group":   # §8: the group owner's message task, within quota
            data: dict[str, Any] = await group_tasks.answer(
                session, ticket, actor.username, text, now, self.settings.tz)
            delivery = data["delivery"]
        else:
            delivery = self._deliver(session, ticket, text, now)
            data = {"delivery": delivery}
        if ticket.first_response_at is None:
            data["first_response"] = True
        ticket_store.add_event(session, ticket, actor.username, "reply_out", text, at=now,
                               **data)
        if allowed(ticket.status, "in_progress", "reply"):
            self._move(session, ticket, "in_progress", actor.username, via="reply")
        return Outcome(ticket, delivery)

    def _deliver(self, session: AsyncSession, ticket: Ticket, text: str, now: datetime) -> str:
        if ticket.openid:
            # Same transaction as the reply_out event: both or neither.
            outbox.enqueue(session, "wechat_text", ticket.openid,
                           {"text": texts.text("reply_to_resident", number=ticket.number,
                                               text=text),
                            "ticket": ticket.number},
                           priority=outbox.PRIORITY_REPLY)
            return "queued"
        if ticket.contact_phone and not ticket.anonymous:
            worklists.add_callback(session, ticket, ticket.contact_phone, text, now)
            return "callback"
        return "recorded"

    async def _note(self, session, actor, ticket, data) -> Outcome:
        text = fields.text(data, "text", NOTE_MAX)
        ticket_store.add_event(session, ticket, actor.username, "note", text, at=self.clock())
        return Outcome(ticket)

    async def _assign(self, session, actor, ticket, data) -> Outcome:
        if not actor.supervises and ticket.assignee not in (None, actor.username):
            raise Forbidden("forbidden_assign_taken")
        username = fields.username(data, "officer")
        reason = fields.text(data, "reason", REASON_MAX, required=False)
        if not actor.supervises and username != actor.username:
            raise Forbidden("forbidden_assign_others")
        await self._check_assignee(session, username, ticket.unit)
        target = "assigned" if ticket.status == "new" else ticket.status
        if username == ticket.assignee or not allowed(ticket.status, target, "assign"):
            raise Conflict("conflict_assign", status=texts.STATUS_LABELS[ticket.status])
        self._set_assignee(session, ticket, username, actor.username, reason)
        if target != ticket.status:
            self._move(session, ticket, target, actor.username, via="assign")
        return Outcome(ticket)

    async def _check_assignee(self, session: AsyncSession, username: str, unit: str) -> None:
        # A well-formed name that is not an active officer of the unit conflicts with the
        # unit's roster, which no request document can know: 409, naming the field.
        officer = await officer_store.by_username(session, username)
        if officer is None or officer.disabled:
            raise Conflict("assign_officer_unknown", field="officer", username=username)
        if officer.unit != unit:
            raise Conflict("assign_officer_other_unit", field="officer", username=username,
                           unit=unit)

    def _set_assignee(self, session, ticket: Ticket, username: str, actor: str,
                      reason: str = "") -> None:
        previous, ticket.assignee = ticket.assignee, username
        ticket.flagged_unassigned = False
        ticket_store.add_event(session, ticket, actor, "assigned", reason, at=self.clock(),
                               officer=username, previous=previous)

    async def _transfer(self, session, actor, ticket, data) -> Outcome:
        unit = fields.choice(data, "unit", [u.name for u in self.settings.units],
                             "transfer_unit_unknown")
        reason = fields.text(data, "reason", REASON_MAX)
        officer = fields.username(data, "officer", required=False)
        if officer:
            await self._check_assignee(session, officer, unit)
        if unit == ticket.unit or not allowed(ticket.status, ticket.status, "transfer"):
            raise Conflict("conflict_transfer", status=texts.STATUS_LABELS[ticket.status])
        previous_unit, previous_assignee = ticket.unit, ticket.assignee
        ticket.unit, ticket.assignee, ticket.flagged_unassigned = unit, None, False
        ticket_store.add_event(session, ticket, actor.username, "transferred", reason,
                               at=self.clock(), **{"from": previous_unit, "to": unit},
                               previous_assignee=previous_assignee)
        if officer:
            self._set_assignee(session, ticket, officer, actor.username)
        return Outcome(ticket)

    async def _status(self, session, actor, ticket, data) -> Outcome:
        target = fields.choice(data, "status", STATUSES, "status_unknown")
        roles = STATUS_TARGETS.get(target)
        if roles is None:
            raise Conflict("conflict_transition", status=texts.STATUS_LABELS[ticket.status],
                           target=texts.STATUS_LABELS[target])
        if actor.role not in roles:
            raise Forbidden("forbidden_role")
        if not actor.supervises and ticket.assignee not in (None, actor.username):
            raise Forbidden("forbidden_not_assignee")
        note = fields.text(data, "note", NOTE_MAX, required=target in NOTE_REQUIRED)
        self.transition(session, ticket, target, by="supervisor" if actor.supervises
                        else "assignee", actor=actor.username, text=note)
        if target == "resolved" and self.on_resolved is not None:
            await self.on_resolved(session, ticket, note, self.clock())
        return Outcome(ticket)

    async def _kind(self, session, actor, ticket, data) -> Outcome:
        kind = fields.choice(data, "kind", KINDS, "kind_unknown")
        if kind == ticket.kind:
            raise Conflict("conflict_kind_same")
        ticket_store.record_candidate(session, mask_text(ticket.summary), ticket.kind, kind,
                                      "officer", ticket.number)
        previous, ticket.kind = ticket.kind, kind
        ticket_store.add_event(session, ticket, actor.username, "kind", "", at=self.clock(),
                               **{"from": previous, "to": kind})
        return Outcome(ticket)

    async def _acknowledge(self, session, actor, ticket, data) -> Outcome:
        if ticket.kind != "emergency":
            raise Conflict("conflict_ack_not_emergency")
        if ticket.acknowledged_at is None:     # a second 收到 changes nothing
            now = self.clock()
            ticket.acknowledged_at, ticket.acknowledged_by = now, actor.username
            ticket_store.add_event(session, ticket, actor.username, "acknowledged", "", at=now)
        return Outcome(ticket)

    async def _incident(self, session, actor, ticket, data) -> Outcome:
        incidents.record(session, actor.username, ticket, data, self.clock())
        return Outcome(ticket)

    # --- the one place a status changes -----------------------------------------------------

    def _move(self, session: AsyncSession, ticket: Ticket, target: str, actor: str,
              text: str = "", **data: Any) -> None:
        now = self.clock()
        if target in ("resolved", "in_progress") and ticket.assignee is None \
                and actor not in (ticket_store.ACTOR_SYSTEM, ticket_store.ACTOR_RESIDENT):
            # §5: resolving an unassigned ticket makes it the resolver's.
            self._set_assignee(session, ticket, actor, actor)
        previous, ticket.status = ticket.status, target
        if target == "resolved":
            ticket.resolved_at = now
        elif target == "closed":
            ticket.closed_at = now
        elif target == "reopened":
            ticket.resolved_at = ticket.closed_at = None
        ticket_store.add_event(session, ticket, actor, "status", text, at=now,
                               **{"from": previous, "to": target}, **data)
