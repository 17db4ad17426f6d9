"""Officers' actions on tickets with §3's rights, every move through the ticket lifecycle.
Checks run in the API's answer order: unknown or invisible (NotFound), not the caller's role
(Forbidden), bad fields (Invalid), status does not allow it (Conflict)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core import fields
from handlers.core.durations import WorkingTime
from handlers.core.errors import Conflict, Forbidden, role_refusal
from handlers.core.privacy import mask_text
from handlers.core.settings import TicketSettings
from handlers.officers import dispatch, followups, group_tasks, incidents, merging, supervision
from handlers.officers.accounts import Actor
from handlers.officers.acts import (
    ACTION_ROLES,
    NOTE_MAX,
    NOTE_REQUIRED,
    REASON_MAX,
    REPLY_CLOSED,
    REPLY_MAX,
    STATUS_TARGETS,
    Act,
    Fields,
    Outcome,
    check_assignee,
    visible,
)
from handlers.tickets import notices
from handlers.tickets.lifecycle import TRANSITIONS, Lifecycle, allowed
from handlers.tickets.workcalendar import WorkCalendar
from storage.base import utcnow
from storage.delivery import outbox
from storage.tickets import store as ticket_store
from storage.tickets import workflow as workflow_store
from storage.tickets import worklists
from storage.tickets.models import KINDS, STATUSES, Ticket

# Where these lived before the lifecycle and the 12345 steps had modules of their own.
__all__ = ["NOTE_MAX", "REASON_MAX", "REPLY_CLOSED", "REPLY_MAX", "STATUS_TARGETS",
           "TRANSITIONS", "Fields", "Outcome", "Workflow", "allowed"]

_Action = Callable[[Act], Awaitable[Outcome]]


class Workflow:
    """Officer actions in the caller's transaction; `clock` gives the aware current time,
    `lifecycle` moves the tickets (with the hooks the app declared)."""

    def __init__(self, settings: TicketSettings, clock: Callable[[], datetime] = utcnow, *,
                 lifecycle: Lifecycle | None = None,
                 calendar: WorkingTime | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.lifecycle = lifecycle or Lifecycle()
        self.calendar = calendar or WorkCalendar(settings.tz)
        self._actions: dict[str, _Action] = {
            "reply": self._reply, "note": _note, "assign": self._assign,
            "transfer": self._transfer, "status": _status, "kind": _kind,
            "acknowledge": dispatch.acknowledge, "incident": _incident,
            "sign": dispatch.sign, "return": dispatch.return_to_dispatch,
            "supervise": supervision.supervise, "followup": followups.record,
            "dispute": followups.dispute, "merge": merging.merge,
            "followup_officer": followups.hand_over,
        }

    async def visible(self, session: AsyncSession, actor: Actor, number: str, *,
                      lock: bool = False) -> Ticket:
        """The ticket if the caller may see it (own unit, or any for supervisors)."""
        return await visible(session, actor, number, lock=lock)

    async def perform(self, session: AsyncSession, actor: Actor, number: str, action: str,
                      fields: Fields) -> Outcome:
        """Run `action` (reply, note, assign, transfer, status, kind, acknowledge, incident,
        sign, return, supervise, followup, dispute, merge, followup_officer) with its request
        fields (None: the body could not be read), as the API, console and WeCom send them."""
        ticket = await self.visible(session, actor, number, lock=True)
        if actor.role not in ACTION_ROLES[action]:
            raise role_refusal(action, actor.role, ACTION_ROLES[action])
        act = Act(session, actor, ticket, fields, self.clock(), self.lifecycle, self.settings,
                  self.calendar)
        return await self._actions[action](act)

    async def acknowledge(self, session: AsyncSession, actor: Actor, number: str) -> Outcome:
        """Confirm an emergency alert was seen: no more re-alerts."""
        # Only forwards (callers use perform): kept while tests/test_bot/test_delivery (another
        # helper's) still calls it.
        return await self.perform(session, actor, number, "acknowledge", {})

    async def transition(self, session: AsyncSession, ticket: Ticket, target: str, *, by: str,
                         actor: str, text: str = "", **data: Any) -> None:
        """Move the ticket as `by` ("resident", "system", ...) through the lifecycle."""
        await self.lifecycle.move(session, ticket, target, by=by, actor=actor,
                                  at=self.clock(), text=text, **data)

    # --- actions ----------------------------------------------------------------------------

    async def _reply(self, act: Act) -> Outcome:
        text = fields.text(act.fields, "text", REPLY_MAX)
        ticket = act.ticket
        if ticket.status in REPLY_CLOSED:
            raise Conflict("conflict_reply_closed", status=texts.STATUS_LABELS[ticket.status])
        if ticket.channel == "group":   # §8: the group owner's message task, within quota
            sent: dict[str, Any] = await group_tasks.answer(
                act.session, ticket, act.actor.username, text, act.now, self.settings.tz)
        else:
            sent = {"delivery": self._deliver(act.session, ticket, text, act.now)}
        # Residents whose tickets were merged into this one hear the same answer.
        for openid in await workflow_store.merged_residents(act.session, ticket.number):
            if openid != ticket.openid:
                outbox.enqueue(act.session, "wechat_text", openid,
                               {"text": reply_words(ticket, text), "ticket": ticket.number},
                               priority=outbox.PRIORITY_REPLY)
        await act.lifecycle.replied(act.session, ticket, act.actor.username, text, at=act.now,
                                    **sent)
        return Outcome(ticket, sent["delivery"])

    def _deliver(self, session: AsyncSession, ticket: Ticket, text: str, now: datetime) -> str:
        if ticket.openid:
            # Same transaction as the reply_out event: both or neither.
            outbox.enqueue(session, "wechat_text", ticket.openid,
                           {"text": reply_words(ticket, text), "ticket": ticket.number},
                           priority=outbox.PRIORITY_REPLY)
            return "queued"
        if ticket.contact_phone and not ticket.anonymous:
            worklists.add_callback(session, ticket, ticket.contact_phone, text, now)
            return "callback"
        return "recorded"

    async def _assign(self, act: Act) -> Outcome:
        actor, ticket = act.actor, act.ticket
        if not actor.supervises and ticket.assignee not in (None, actor.username):
            raise Forbidden("forbidden_assign_taken")
        username = fields.username(act.fields, "officer")
        reason = fields.text(act.fields, "reason", REASON_MAX, required=False)
        if not actor.supervises and username != actor.username:
            raise Forbidden("forbidden_assign_others")
        await check_assignee(act.session, username, ticket.unit)
        target = "assigned" if ticket.status == "new" else ticket.status
        if username == ticket.assignee or not allowed(ticket.status, target, "assign"):
            raise Conflict("conflict_assign", status=texts.STATUS_LABELS[ticket.status])
        await act.lifecycle.assign(act.session, ticket, username, actor=actor.username,
                                   at=act.now, reason=reason)
        if target != ticket.status:
            await act.lifecycle.move(act.session, ticket, target, by="assign",
                                     actor=actor.username, at=act.now, via="assign")
        if username == actor.username:
            await dispatch.sign_by_taking(act)
        return Outcome(ticket)

    async def _transfer(self, act: Act) -> Outcome:
        ticket = act.ticket
        unit = fields.choice(act.fields, "unit", [u.name for u in self.settings.units],
                             "transfer_unit_unknown")
        reason = fields.text(act.fields, "reason", REASON_MAX)
        officer = fields.username(act.fields, "officer", required=False)
        if officer:
            await check_assignee(act.session, officer, unit)
        if unit == ticket.unit or not allowed(ticket.status, ticket.status, "transfer"):
            raise Conflict("conflict_transfer", status=texts.STATUS_LABELS[ticket.status])
        await dispatch.route_to(act, unit, reason)
        if officer:
            await act.lifecycle.assign(act.session, ticket, officer,
                                       actor=act.actor.username, at=act.now)
        notices.transferred(act.session, self.settings, ticket, act.actor.username, act.now)
        return Outcome(ticket)


async def _note(act: Act) -> Outcome:
    text = fields.text(act.fields, "text", NOTE_MAX)
    ticket_store.add_event(act.session, act.ticket, act.actor.username, "note", text,
                           at=act.now)
    return Outcome(act.ticket)


async def _status(act: Act) -> Outcome:
    actor, ticket = act.actor, act.ticket
    target = fields.choice(act.fields, "status", STATUSES, "status_unknown")
    roles = STATUS_TARGETS.get(target)
    if roles is None:
        raise Conflict("conflict_transition", status=texts.STATUS_LABELS[ticket.status],
                       target=texts.STATUS_LABELS[target])
    if actor.role not in roles:
        raise role_refusal(f"status_{target}", actor.role, roles)
    if not actor.supervises and ticket.assignee not in (None, actor.username):
        raise Forbidden("forbidden_not_assignee")
    note = fields.text(act.fields, "note", NOTE_MAX, required=target in NOTE_REQUIRED)
    await act.lifecycle.move(act.session, ticket, target, by=act.move_as(),
                             actor=actor.username, at=act.now, text=note)
    return Outcome(ticket)


async def _kind(act: Act) -> Outcome:
    ticket = act.ticket
    kind = fields.choice(act.fields, "kind", KINDS, "kind_unknown")
    if kind == ticket.kind:
        raise Conflict("conflict_kind_same")
    ticket_store.record_candidate(act.session, mask_text(ticket.summary), ticket.kind, kind,
                                  "officer", ticket.number)
    previous, ticket.kind = ticket.kind, kind
    ticket_store.add_event(act.session, ticket, act.actor.username, "kind", "", at=act.now,
                           **{"from": previous, "to": kind})
    return Outcome(ticket)


async def _incident(act: Act) -> Outcome:
    incidents.record(act.session, act.actor.username, act.ticket, act.fields, act.now)
    return Outcome(act.ticket)


def reply_words(ticket: Any, text: str) -> str:
    """An officer's reply as the resident reads it: which of their tickets it answers."""
    return texts.text("reply_to_resident", number=ticket.number, text=text,
                      matter=texts.matter(ticket.kind))
