"""Where a ticket is and who has it: routing to a unit, the unit's sign (签收), its return to
the dispatchers (退单), and the emergency's acknowledgement (which signs a P1)."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.core import fields
from handlers.core.errors import Conflict, Forbidden
from handlers.officers.acts import REASON_MAX, Act, Outcome
from handlers.tickets import signing
from handlers.tickets.lifecycle import allowed
from storage.delivery import outbox
from storage.officers import store as officer_store
from storage.tickets import workflow as workflow_store
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket


async def route_to(act: Act, unit: str, reason: str) -> None:
    """Hand the ticket to `unit` (a transfer, or out of 待分派): the owner is cleared and the
    unit's sign is due."""
    ticket = act.ticket
    previous_unit, previous_assignee = ticket.unit, ticket.assignee
    ticket.unit, ticket.assignee, ticket.flagged_unassigned = unit, None, False
    signing.await_sign(ticket, signing.sign_due(act.settings, act.calendar, ticket.priority,
                                                act.now))
    await act.lifecycle.record(act.session, ticket, "transferred", actor=act.actor.username,
                               at=act.now, text=reason,
                               **{"from": previous_unit, "to": unit},
                               previous_assignee=previous_assignee)


def _of_the_unit(act: Act) -> None:
    # Signing and returning speak for the unit: only its own officers may.
    if act.actor.unit != act.ticket.unit:
        raise Forbidden("forbidden_other_unit", unit=act.ticket.unit)


def _open(ticket: Ticket) -> None:
    if ticket.status not in UNRESOLVED_STATUSES:
        raise Conflict("conflict_not_open", status=texts.STATUS_LABELS[ticket.status])
    if ticket.flagged_unassigned:        # with the dispatchers: no unit's to sign or return
        raise Conflict("conflict_not_open", status=texts.text("ticket_flagged_unassigned"))


async def _who(act: Act, username: str | None) -> str:
    # An officer told "someone was first" needs a person and a unit to call, not a login name.
    officer = await officer_store.by_username(act.session, username) if username else None
    if officer is None:
        return username or texts.text("officer_someone")
    return texts.text("officer_named", name=officer.name, unit=officer.unit)


async def _take(act: Act) -> None:
    # The signer becomes the owner of a ticket nobody has yet (§5: new → assigned).
    await act.lifecycle.assign(act.session, act.ticket, act.actor.username,
                               actor=act.actor.username, at=act.now)
    await act.lifecycle.move(act.session, act.ticket, "assigned", by="sign",
                             actor=act.actor.username, at=act.now, via="sign")


def _mark_signed(act: Act) -> dict[str, Any]:
    ticket = act.ticket
    on_time = ticket.sign_due is None or act.now <= ticket.sign_due
    ticket.signed_at, ticket.signed_by = act.now, act.actor.username
    return {"unit": ticket.unit, "on_time": on_time,
            "due": ticket.sign_due.isoformat() if ticket.sign_due else None}


async def _record_sign(act: Act) -> None:
    data = _mark_signed(act)
    key = "event_signed" if data["on_time"] else "event_signed_late"
    await act.lifecycle.record(act.session, act.ticket, "signed", actor=act.actor.username,
                               at=act.now, text=texts.text(key, unit=act.ticket.unit), **data)


async def sign_by_taking(act: Act) -> None:
    """An officer of the unit who takes a ticket awaiting the unit's sign (assigns it to
    themselves) signs for the unit too (§3: 签收 is an officer of the unit taking it)."""
    if signing.unsigned(act.ticket) and act.actor.unit == act.ticket.unit \
            and not act.ticket.flagged_unassigned:
        await _record_sign(act)


async def sign(act: Act) -> Outcome:
    """签收: an officer of the unit takes the ticket; a new one becomes theirs (assigned), an
    assigned one records the sign only. Signing twice → 409."""
    _of_the_unit(act)
    ticket = act.ticket
    _open(ticket)
    if ticket.signed_at is not None:
        raise Conflict("conflict_signed", number=ticket.number,
                       officer=await _who(act, ticket.signed_by))
    await _record_sign(act)
    if ticket.status == "new":
        await _take(act)
    return Outcome(ticket)


async def return_to_dispatch(act: Act) -> Outcome:
    """退单 {reason}: any officer of the ticket's unit, signed or not: the owner is cleared,
    status new, flagged 待分派 for the supervisors; past `returns_flagged` returns the
    supervisors are told in WeCom."""
    _of_the_unit(act)
    reason = fields.text(act.fields, "reason", REASON_MAX)
    ticket = act.ticket
    _open(ticket)
    if not allowed(ticket.status, "new", "return"):
        raise Conflict("conflict_not_open", status=texts.STATUS_LABELS[ticket.status])
    previous = ticket.assignee
    ticket.assignee, ticket.flagged_unassigned = None, True
    ticket.returns = (ticket.returns or 0) + 1
    signing.await_sign(ticket, None)
    flagged = ticket.returns >= act.settings.workflow.returns_flagged
    await act.lifecycle.record(act.session, ticket, "returned", actor=act.actor.username,
                               at=act.now, text=texts.text("event_returned", reason=reason),
                               reason=reason, unit=ticket.unit, count=ticket.returns,
                               previous_assignee=previous, flagged=flagged)
    if ticket.status != "new":
        await act.lifecycle.move(act.session, ticket, "new", by="return",
                                 actor=act.actor.username, at=act.now, via="return")
    if flagged:
        body = texts.text("wecom_returns_flagged", number=ticket.number, count=ticket.returns,
                          unit=ticket.unit, reason=reason)
        users = await workflow_store.supervisors_wecom(act.session)
        for user in users:
            outbox.enqueue(act.session, "wecom_app", user,
                           {"text": body, "ticket": ticket.number})
        if not users:
            outbox.enqueue(act.session, "wecom_robot", "robot",
                           {"text": body, "ticket": ticket.number})
    return Outcome(ticket)


async def acknowledge(act: Act) -> Outcome:
    """收到: an emergency's alert was seen (no more re-alerts); for P1 this is the unit's
    sign too (§5), so an officer of the unit acknowledging a new, unowned P1 takes it as a
    sign would. A second 收到 → 409 (§3)."""
    ticket = act.ticket
    if ticket.kind != "emergency":
        raise Conflict("conflict_ack_not_emergency")
    if ticket.acknowledged_at is not None:
        raise Conflict("conflict_acknowledged", number=ticket.number,
                       officer=await _who(act, ticket.acknowledged_by))
    ticket.acknowledged_at, ticket.acknowledged_by = act.now, act.actor.username
    data: dict[str, Any] = {}
    if ticket.priority == "P1" and ticket.signed_at is None:
        data = {"signed": True, "sign_on_time": _mark_signed(act)["on_time"],
                "unit": ticket.unit}
    await act.lifecycle.record(act.session, ticket, "acknowledged", actor=act.actor.username,
                               at=act.now, **data)
    # Only the unit's own officers own its tickets (assign checks the same); a supervisor
    # of another unit acknowledging stops the alarms but leaves the unit to take it.
    if data and ticket.status == "new" and ticket.assignee is None \
            and not ticket.flagged_unassigned and act.actor.unit == ticket.unit:
        await _take(act)
    return Outcome(ticket)
