"""Opening tickets: routing, priority and deadlines, then the stored ticket and its timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core import checkpoints, settlement
from handlers.core.privacy import find_numbers
from handlers.core.settings import TicketSettings
from handlers.tickets import places, signing, sla
from handlers.tickets.routing import Route, route
from handlers.tickets.workcalendar import WorkCalendar
from storage.tickets import store as ticket_store
from storage.tickets.answers import Routing
from storage.tickets.models import Ticket

# Residents write long messages; the rest stays in the linked inbound messages.
SUMMARY_MAX = 500


def is_conduct(reason: str) -> bool:
    # The classifier's rule reads "rule:officer_conduct:<entry>:<words>".
    return reason == "officer_conduct" or reason.startswith("rule:officer_conduct:")


def summarize(text: str, limit: int = SUMMARY_MAX) -> str:
    """The ticket's summary: the resident's words, trimmed to `limit` characters with "…",
    never through a phone or ID number (a cut one would no longer be recognised to be
    masked)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = limit - 1
    for found in find_numbers(text[: cut + 40]):
        if found.start < cut < found.end:
            cut = found.start
    return text[:cut] + "…"


async def open_ticket(
    session: AsyncSession, settings: TicketSettings, calendar: WorkCalendar, *,
    kind: str, text: str, channel: str, now: datetime, openid: str | None = None,
    contact_phone: str | None = None, anonymous: bool = False,
    lat: float | None = None, lng: float | None = None, reasons: Sequence[str] = (),
    priority: str | None = None, downgraded: bool = False, conduct: bool = False,
    unit: str | None = None, inbound_id: int | None = None, actor: str = "system",
    emergency_kind: str | None = None, location_label: str | None = None,
    location_asked_at: datetime | None = None, unless_placed: bool = False,
    unrouted_place: str | None = None, plain: bool = False,
) -> Ticket | ticket_store.Opened:
    """Open a ticket in the caller's transaction.

    The unit is `unit` when given (an officer chose it), else routed from the text or the
    location. The priority is `priority` when given, else the kind's default, raised for an
    emergency downgraded to a complaint or a complaint about an officer's conduct (the flags,
    or the reasons `downgraded_emergency` / `officer_conduct`). Deadlines are fixed now. An
    emergency keeps its kind (§4), "other" when none is known. `location_asked_at`: the
    resident is asked where it happens (with `unless_placed`, only when the text named no
    area), stored by the INSERT.
    """
    chosen = settings.unit(unit) if unit else None
    where = (Route(chosen.name, False, None) if chosen is not None
             else route(settings.units, settings.default_unit, text=text, lat=lat, lng=lng))
    if priority is None:
        priority = sla.default_priority(
            kind, downgraded=downgraded or "downgraded_emergency" in reasons,
            conduct=conduct or any(is_conduct(reason) for reason in reasons))
    due = sla.deadlines(priority, now, calendar, settings.sla)
    # Routed at creation: the unit's sign is due; 待分派 waits for a dispatcher first.
    sign_due = None if where.flagged else signing.sign_due(settings, calendar, priority, now)
    opener = ticket_store.open_plain if plain else ticket_store.create_ticket
    ticket = await opener(
        session, prefix=settings.prefix, tz=settings.tz, kind=kind, priority=priority,
        channel=channel, unit=where.unit, flagged=where.flagged, openid=openid,
        contact_phone=contact_phone, anonymous=anonymous, summary=summarize(text),
        area=where.area,
        # The area's Chinese name may be missing from the words ("Building 3, Liuyuan
        # estate" routes to 柳园): the resident's own words for the place are kept then.
        place=(places.phrase(text, where.area) if where.area else None) or unrouted_place,
        lat=lat, lng=lng, reasons=reasons,
        first_response_due=due.first_response_due, resolve_due=due.resolve_due, now=now,
        actor=actor, location_label=location_label,
        emergency_kind=(emergency_kind or "other") if kind == "emergency" else None,
        sign_due=sign_due,
        location_asked_at=None if unless_placed and where.area else location_asked_at,
    )
    await settlement.link_ticket(session, inbound_id, ticket.id)
    await checkpoints.reached("ticket_opened", ticket.number)
    return ticket


def settle_unit(session: AsyncSession, ticket: Ticket, unit: str, now: datetime) -> None:
    """A 待分派 ticket takes the unit of the place the resident gave. This is routing, not a
    transfer (nobody moved it between units), so it is a `routed` event, even when the unit
    that held it while waiting is the same."""
    ticket_store.add_event(session, ticket, "system", "routed",
                           texts.text("routed_event", unit=unit), at=now, unit=unit,
                           **{"from": ticket.unit})
    ticket.unit, ticket.flagged_unassigned = unit, False


def settle_unit_by_answer(services: Any, unit: str, priority: str, now: datetime) -> Routing:
    """What settle_unit and signing.routed write, for an answer that names the place of a
    ticket of `priority` it does not read (storage.tickets.answers): the `routed` event's
    text and the unit's sign due."""
    return Routing(unit, texts.text("routed_event", unit=unit),
                   signing.sign_due(services.settings, services.calendar, priority, now))
