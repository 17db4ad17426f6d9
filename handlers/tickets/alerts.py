"""Alerts to the police WeCom group (or, without a robot, the unit's officers in the WeCom
app): number, kind, unit, area, the resident's shared location and a link, never the
resident's words, name or phone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.context import Context
from handlers.core.settings import Unit
from handlers.tickets import alert_routes, escalation, places
from storage.delivery import outbox
from storage.tickets import alerts as alert_store
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket


async def alert_emergency(ctx: Context, ticket: Ticket | ticket_store.Opened) -> None:
    """Queue the emergency alert (first in line, never bundled) and note it on the timeline;
    with no route to anyone, escalate at once (never silent).

    No phone numbers, names or the resident's words: the group is wide, the link is not.
    """
    services = ctx.services
    kind = ticket.emergency_kind or "other"
    body = texts.text(
        "alert_emergency", number=ticket.number, kind=texts.KIND_LABELS[ticket.kind],
        emergency_kind=texts.EMERGENCY_KIND_LABELS[kind], unit=ticket.unit,
        area=_area(ticket, services.settings.units),
        place=places.for_alert(ticket, services.settings.map_url_template),
        link=services.console_link(ticket.number))
    route = await alert_routes.send(ctx.session, services.alerting, ticket, body,
                                    alert_routes.EMERGENCY)
    ticket_store.add_event(ctx.session, ticket, "system", "alert", body, at=ctx.now,
                           reason="emergency", urgent=True, route=route)
    if route is None:
        await escalation.escalate(ctx.session, services, ticket, "no_route", ctx.now)


def _area(ticket: Ticket | ticket_store.Opened, units: Sequence[Unit]) -> str:
    """区域: the area the resident named, else (routed by a shared location) how far the
    nearest station is, else unknown."""
    if ticket.area:
        return ticket.area
    if ticket.latitude is not None and ticket.longitude is not None:
        found = places.nearest(units, ticket.latitude, ticket.longitude)
        if found is not None:
            return texts.text("alert_area_nearest", unit=found[0],
                              distance=texts.distance(found[1]))
    return texts.text("area_unknown")


# Unacknowledged emergencies are alerted again this often, at most this many times in all.
REALERT_EVERY = timedelta(minutes=5)
MAX_EMERGENCY_ALERTS = 7
DUE_SOON = timedelta(minutes=30)
NEW_TICKETS_LOOKBACK = timedelta(hours=24)
# A bundle names at most this many tickets a section (the robot takes 2048 bytes); the rest
# follow in the next minute's bundle.
PER_SECTION = 10


async def sweep(session: AsyncSession, services: Any, now: datetime) -> int:
    """Once a minute: re-alert unacknowledged emergencies (each its own message, first in
    line), and bundle the routine news — new tickets per unit, first-response deadlines
    about to pass and passed — into one message, so the robot stays far under its 20 a
    minute. Returns how many robot messages were queued."""
    queued = 0
    for ticket in await alert_store.unacknowledged_emergencies(
            session, now - REALERT_EVERY, MAX_EMERGENCY_ALERTS):
        body = texts.text("alert_emergency_again", number=ticket.number, unit=ticket.unit,
                          place=places.for_alert(ticket, services.settings.map_url_template),
                          link=services.console_link(ticket.number))
        route = await alert_routes.send(session, services.alerting, ticket, body,
                                        alert_routes.REALERT)
        ticket_store.add_event(session, ticket, "system", "alert", body, at=now,
                               reason="unacknowledged", urgent=True, route=route)
        queued += 1
    lines: list[str] = []
    sections = (
        ("new_ticket", "alert_section_new",
         await alert_store.new_tickets(session, now - NEW_TICKETS_LOOKBACK, PER_SECTION)),
        ("due_soon", "alert_section_due_soon",
         await alert_store.first_response_due(session, now + DUE_SOON, "due_soon", after=now,
                                              limit=PER_SECTION)),
        ("overdue", "alert_section_overdue",
         await alert_store.first_response_due(session, now, "overdue", limit=PER_SECTION)),
    )
    for reason, heading, tickets in sections:
        if not tickets:
            continue
        lines.append(texts.text(heading, count=len(tickets)))
        for ticket in tickets:
            line = texts.text("alert_line", number=ticket.number,
                              kind=texts.KIND_LABELS[ticket.kind], unit=ticket.unit,
                              due=services.local_time(ticket.first_response_due))
            lines.append(line)
            ticket_store.add_event(session, ticket, "system", "alert", line, at=now,
                                   reason=reason)
    if lines:
        lines.append(texts.text("alert_footer", link=services.console_home()))
        outbox.enqueue(session, "wecom_robot", "robot", {"text": "\n".join(lines)},
                       priority=outbox.PRIORITY_ROUTINE)
        queued += 1
    return queued
