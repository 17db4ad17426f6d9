"""Alerts to the police WeCom group: number, kind, unit, masked area and a link, nothing else."""

from __future__ import annotations

from handlers import texts
from handlers.dialogs import Context
from storage import outbox
from storage import tickets as ticket_store
from storage.ticket_models import Ticket


def alert_emergency(ctx: Context, ticket: Ticket) -> None:
    """Queue the emergency alert (first in line, never bundled) and note it on the timeline.

    No phone numbers, names or the resident's words: the group is wide, the link is not.
    """
    body = texts.text(
        "alert_emergency", number=ticket.number, kind=texts.KIND_LABELS[ticket.kind],
        unit=ticket.unit, area=ticket.area or texts.text("area_unknown"),
        link=ctx.services.console_link(ticket.number))
    outbox.enqueue(ctx.session, "wecom_robot", "robot", {"text": body},
                   priority=outbox.PRIORITY_EMERGENCY)
    ticket_store.add_event(ctx.session, ticket, "system", "alert", body, at=ctx.now,
                           target="police_group", urgent=True)
