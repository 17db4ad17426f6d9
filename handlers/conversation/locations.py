"""Where a resident is: a shared location joins the ticket that asked for it (§4), and is
shown with WeChat's label, a map link and the nearest unit; emergencies tell officers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import NO_REPLY, Location, Reply
from handlers.tickets import alert_routes
from handlers.tickets.routing import Unit, haversine_km, nearest_unit
from storage.tickets import locations as location_store
from storage.tickets import store as ticket_store
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

# §4: a location joins the newest open ticket that asked for a place this recently.
ASK_WINDOW = timedelta(minutes=30)
# A location shared just before an emergency is where the emergency is.
RECENT = timedelta(minutes=10)
# WeChat's location picker pushes its event and then the location message: one place.
REPEAT_WINDOW = timedelta(minutes=2)
SAME_PLACE_DEGREES = 1e-4    # about 10 m


def map_url(template: str, lat: float, lng: float) -> str | None:
    """The `[map] url_template` link for a point, or None when none is configured."""
    return template.format(lat=f"{lat:.6f}", lng=f"{lng:.6f}") if template else None


def place(lat: float, lng: float, label: str | None) -> str:
    """How a place reads: WeChat's label, else its coordinates."""
    return label or texts.text("location_coordinates", lat=lat, lng=lng)


def view(ticket: Ticket, template: str) -> dict[str, Any] | None:
    """The ticket's `location` of §5, or None."""
    if ticket.latitude is None or ticket.longitude is None:
        return None
    return {"latitude": ticket.latitude, "longitude": ticket.longitude,
            "label": ticket.location_label or "",
            "map_url": map_url(template, ticket.latitude, ticket.longitude)}


def for_alert(ticket: Ticket, template: str) -> str:
    """The 位置 line of an alert: the place and its map link, or "unknown, asked"."""
    if ticket.latitude is None or ticket.longitude is None:
        return texts.text("alert_place_unknown")
    where = place(ticket.latitude, ticket.longitude, ticket.location_label)
    link = map_url(template, ticket.latitude, ticket.longitude)
    return texts.text("alert_place_map", place=where, map_url=link) if link else where


def nearest(units: Sequence[Unit], lat: float, lng: float) -> tuple[str, float] | None:
    """The located unit closest to the point and its distance in km, however far."""
    unit = nearest_unit(units, lat, lng, max_km=math.inf)
    if unit is None or unit.lat is None or unit.lng is None:
        return None
    return unit.name, haversine_km(lat, lng, unit.lat, unit.lng)


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
    if ctx.message.inbound_id is not None:
        await ticket_store.link_inbound(session, ctx.message.inbound_id, ticket)
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
    if unit is None or unit.name == ticket.unit:
        return
    ticket_store.add_event(ctx.session, ticket, "system", "transferred",
                           texts.text("routed_by_place", unit=unit.name), at=ctx.now,
                           **{"from": ticket.unit, "to": unit.name})
    ticket.unit, ticket.flagged_unassigned = unit.name, False
