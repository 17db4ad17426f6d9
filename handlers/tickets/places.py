"""Where a ticket happens, as officers see it: WeChat's label or the coordinates, the map link,
the nearest station, the `location` of §5 and the 位置 line of alerts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from handlers import texts
from handlers.core.settings import Unit
from handlers.tickets.routing import haversine_km, nearest_unit
from storage.tickets.models import Ticket


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
