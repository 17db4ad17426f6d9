"""Where a ticket is and who has it: routing to a unit and the emergency's acknowledgement."""

from __future__ import annotations

from handlers.core.errors import Conflict
from handlers.officers.acts import Act, Outcome


async def route_to(act: Act, unit: str, reason: str) -> None:
    """Hand the ticket to `unit` (a transfer): the owner is cleared, the unit takes it."""
    ticket = act.ticket
    previous_unit, previous_assignee = ticket.unit, ticket.assignee
    ticket.unit, ticket.assignee, ticket.flagged_unassigned = unit, None, False
    await act.lifecycle.record(act.session, ticket, "transferred", actor=act.actor.username,
                               at=act.now, text=reason,
                               **{"from": previous_unit, "to": unit},
                               previous_assignee=previous_assignee)


async def acknowledge(act: Act) -> Outcome:
    """收到: an emergency's alert was seen (no more re-alerts)."""
    ticket = act.ticket
    if ticket.kind != "emergency":
        raise Conflict("conflict_ack_not_emergency")
    if ticket.acknowledged_at is None:     # a second 收到 changes nothing
        ticket.acknowledged_at, ticket.acknowledged_by = act.now, act.actor.username
        await act.lifecycle.record(act.session, ticket, "acknowledged",
                                   actor=act.actor.username, at=act.now)
    return Outcome(ticket)
