"""Opening tickets: routing, priority and deadlines, then the stored ticket and its timeline."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import checkpoints
from handlers.core.privacy import Masking, find_numbers, public_numbers
from handlers.tickets import sla
from handlers.tickets.routing import Route, Unit, route
from handlers.tickets.workcalendar import WorkCalendar
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket

# Residents write long messages; the rest stays in the linked inbound messages.
SUMMARY_MAX = 500


@dataclass(frozen=True)
class TicketSettings:
    """What opening tickets needs from `[tickets]`, `[sla]` and `[[units]]`."""

    prefix: str = "DCF"
    timezone: str = "Asia/Shanghai"
    duty_phone: str = ""
    default_unit: str = ""
    units: tuple[Unit, ...] = ()
    sla: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # [map] url_template: the link shown with a location ("" = none).
    map_url_template: str = ""

    @property
    def tz(self) -> ZoneInfo:
        """The timezone of ticket numbers and working hours."""
        return ZoneInfo(self.timezone)

    def unit(self, name: str) -> Unit | None:
        """The configured unit of that name, if any."""
        return next((u for u in self.units if u.name == name), None)

    @functools.cached_property
    def masking(self) -> Masking:
        """How officers' tools show free text: the branch's and units' numbers stay."""
        return Masking(public_numbers([self.duty_phone, *(u.phone for u in self.units)]))

    def phone_for(self, unit_name: str) -> str:
        """The unit's duty phone, else the branch's."""
        unit = self.unit(unit_name)
        return (unit.phone if unit is not None and unit.phone else "") or self.duty_phone

    @classmethod
    def from_config(cls, config: Any) -> TicketSettings:
        """Build from the app's configuration (anything shaped like bot.config.Config)."""
        tickets = config.tickets
        return cls(
            prefix=tickets.prefix, timezone=tickets.timezone, duty_phone=tickets.duty_phone,
            default_unit=tickets.default_unit, sla=dict(config.sla),
            map_url_template=config.map.url_template,
            units=tuple(Unit(name=u.name, areas=tuple(u.areas), phone=u.phone, lat=u.lat,
                             lng=u.lng) for u in config.units),
        )


def _is_conduct(reason: str) -> bool:
    # The classifier's rule reads "rule:officer_conduct:<entry>:<words>".
    return reason == "officer_conduct" or reason.startswith("rule:officer_conduct:")


def summarize(text: str) -> str:
    """The ticket's summary: the resident's words, trimmed to a readable length, never
    through a phone or ID number (a cut one would no longer be recognised to be masked)."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_MAX:
        return text
    cut = SUMMARY_MAX - 1
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
) -> Ticket:
    """Open a ticket in the caller's transaction.

    The unit is `unit` when given (an officer chose it), else routed from the text or the
    location. The priority is `priority` when given, else the kind's default, raised for an
    emergency downgraded to a complaint or a complaint about an officer's conduct (the flags,
    or the reasons `downgraded_emergency` / `officer_conduct`). Deadlines are fixed now. An
    emergency keeps its kind (§4), "other" when none is known.
    """
    chosen = settings.unit(unit) if unit else None
    where = (Route(chosen.name, False, None) if chosen is not None
             else route(settings.units, settings.default_unit, text=text, lat=lat, lng=lng))
    if priority is None:
        priority = sla.default_priority(
            kind, downgraded=downgraded or "downgraded_emergency" in reasons,
            conduct=conduct or any(_is_conduct(reason) for reason in reasons))
    due = sla.deadlines(priority, now, calendar, settings.sla)
    ticket = await ticket_store.create_ticket(
        session, prefix=settings.prefix, tz=settings.tz, kind=kind, priority=priority,
        channel=channel, unit=where.unit, flagged=where.flagged, openid=openid,
        contact_phone=contact_phone, anonymous=anonymous, summary=summarize(text),
        area=where.area, lat=lat, lng=lng, reasons=reasons,
        first_response_due=due.first_response_due, resolve_due=due.resolve_due, now=now,
        actor=actor, location_label=location_label,
        emergency_kind=(emergency_kind or "other") if kind == "emergency" else None,
    )
    if inbound_id is not None:
        await ticket_store.link_inbound(session, inbound_id, ticket)
    await checkpoints.reached("ticket_opened", ticket.number)
    return ticket
