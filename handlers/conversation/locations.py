"""A resident's shared location joins the ticket that asked for it (§4), or the emergency it
follows; a ticket waiting for a unit goes to the nearest station; emergencies tell officers."""

from __future__ import annotations

import math
from datetime import timedelta

from handlers import texts
from handlers.core import settlement
from handlers.core.context import Context
from handlers.core.types import NO_REPLY, Location, Reply
from handlers.tickets import alert_routes, signing
from handlers.tickets.opening import settle_unit
from handlers.tickets.places import for_alert, place
from handlers.tickets.routing import nearest_unit
from storage.tickets import locations as location_store
from storage.tickets import store as ticket_store
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

# §4: a location joins the newest open ticket that asked for a place this recently.
ASK_WINDOW = timedelta(minutes=30)
# WeChat's location picker pushes its event and then the location message: one place.
REPEAT_WINDOW = timedelta(minutes=2)
SAME_PLACE_DEGREES = 1e-4    # about 10 m


async def receive(ctx: Context, recent_emergency: Ticket | None = None) -> Reply | None:
    """Attach the shared location to the newest open ticket that asked for a place within
    30 minutes (else to `recent_emergency`); None when no ticket is waiting for one."""
    ticket = await location_store.asked_for_place(ctx.session, ctx.message.openid,
                                                  ctx.now - ASK_WINDOW)
    ticket = ticket or recent_emergency
    return await attach(ctx, ticket) if ticket is not None else None


async def attach(ctx: Context, ticket: Ticket) -> Reply:
    """Record the message's location on `ticket`, with a timeline event and, for an
    emergency, word to officers; the reply confirms it."""
    location = ctx.message.location
    assert location is not None
    session, settings = ctx.session, ctx.services.settings
    await settlement.link_ticket(session, ctx.message.inbound_id, ticket.id)
    if await _repeated(ctx, ticket, location):
        return NO_REPLY
    await ticket_store.set_location(session, ticket, location.latitude, location.longitude,
                                    location.label)
    where = place(location.latitude, location.longitude, location.label)
    ticket_store.add_event(session, ticket, "resident", "location",
                           texts.text("event_location", place=where), at=ctx.now,
                           latitude=location.latitude, longitude=location.longitude,
                           label=location.label)
    _route_by_place(ctx, ticket, location)
    if ticket.kind == "emergency" and ticket.status in UNRESOLVED_STATUSES:
        text = texts.text("alert_location", number=ticket.number, unit=ticket.unit,
                          place=for_alert(ticket, settings.map_url_template),
                          link=ctx.services.console_link(ticket.number))
        await alert_routes.send(session, ctx.services.alerting, ticket, text,
                                alert_routes.LOCATION)
        return Reply(texts.text("location_attached_emergency", place=where,
                                number=ticket.number))
    return Reply(texts.text("location_attached", place=where, number=ticket.number))


async def _repeated(ctx: Context, ticket: Ticket, location: Location) -> bool:
    """The same place again within a moment (the picker's event, then its message)."""
    last = await location_store.last_location_event(ctx.session, ticket)
    if last is None or last.at < ctx.now - REPEAT_WINDOW:
        return False
    data = ticket_store.event_data(last)
    return (abs(data.get("latitude", math.inf) - location.latitude) < SAME_PLACE_DEGREES
            and abs(data.get("longitude", math.inf) - location.longitude) < SAME_PLACE_DEGREES)


def _route_by_place(ctx: Context, ticket: Ticket, location: Location) -> None:
    """A ticket waiting for a unit (待分派) goes to the station nearest the place."""
    if not ticket.flagged_unassigned:
        return
    unit = nearest_unit(ctx.services.settings.units, location.latitude, location.longitude)
    if unit is None:
        return
    settle_unit(ctx.session, ticket, unit.name, ctx.now)
    signing.routed(ticket, ctx.services, ctx.now)
