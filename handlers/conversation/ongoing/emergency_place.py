"""Words that follow an emergency just raised: where it is, typed ("我在湖西街道幸福里小区2号
楼301"), or anything more the resident says.

The emergency's reply asks for a location message (§4), but many residents type the address.
It went to the "which did you mean?" menu and was lost while officers were looking for them.
"""

from __future__ import annotations

from datetime import datetime

from handlers import texts
from handlers.conversation.locations import ASK_WINDOW
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.tickets import alert_routes, notices, signing
from handlers.tickets.opening import settle_unit
from handlers.tickets.places import spoken, told_place
from handlers.tickets.routing import route
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

WINDOW = ASK_WINDOW


def follows(ticket: Ticket, now: datetime) -> bool:
    """Whether a message now still follows the emergency `ticket` (the window in which a
    shared location joins it, §4)."""
    return (ticket.kind == "emergency" and ticket.status in UNRESOLVED_STATUSES
            and ticket.created_at >= now - WINDOW)


def places(ticket: Ticket, text: str) -> bool:
    """Whether `text` names where the emergency `ticket` is, which it has no shared location
    for (a place named before, "人民广场", may be told more precisely now)."""
    return ticket.latitude is None and told_place(text) and text.strip() != ticket.place


async def receive(ctx: Context, ticket: Ticket, text: str) -> Reply:
    """The resident's words on the emergency: a place it lacks is kept, routes it and is
    sent to the officers alerted; anything else joins its timeline."""
    session, inbound_id = ctx.session, ctx.message.inbound_id
    if not places(ticket, text):
        # More words on the emergency: told as a repeat of it is (emergency._join), in the
        # app, not in the police group that had the alert.
        await notices.resident_said(session, ctx.services.alerting, ticket, text, at=ctx.now,
                                    inbound_id=inbound_id, robot=False)
        return Reply(texts.text("emergency_joined_more", number=ticket.number))
    settings = ctx.services.settings
    routed = route(settings.units, settings.default_unit, text=text)
    text = spoken(text)
    ticket.place = text
    ticket.area = ticket.area or routed.area
    if ticket.flagged_unassigned and not routed.flagged:
        settle_unit(session, ticket, routed.unit, ctx.now)
        signing.routed(ticket, ctx.services, ctx.now)
    # The place goes to the officers alerted, by the alert's own route (below), not twice.
    await notices.resident_said(session, ctx.services.alerting, ticket,
                                texts.text("event_place_told", place=text), at=ctx.now,
                                inbound_id=inbound_id, alert=None)
    alert = texts.text("alert_place_told", number=ticket.number, unit=ticket.unit, place=text,
                       link=ctx.services.console_link(ticket.number))
    await alert_routes.send(session, ctx.services.alerting, ticket, alert,
                            alert_routes.LOCATION)
    return Reply(texts.text("emergency_place_told", place=text, number=ticket.number))
