"""签收: every ticket routed to a unit (at creation, by transfer, or out of 待分派) awaits the
unit's sign within `[workflow] sign_within` (P1 `sign_within_p1`) on the working calendar;
past it the unit's officers are reminded once in WeCom."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.durations import WorkingTime, parse_duration
from handlers.core.settings import TicketSettings
from handlers.tickets import notices
from storage.tickets import workflow as workflow_store
from storage.tickets.models import Ticket


def sign_due(settings: TicketSettings, calendar: WorkingTime, priority: str,
             routed_at: datetime) -> datetime:
    """When the unit's sign is due for a ticket of `priority` routed at `routed_at`."""
    flow = settings.workflow
    within = flow.sign_within_p1 if priority == "P1" else flow.sign_within
    return parse_duration(within).after(routed_at, calendar)


def await_sign(ticket: Ticket, due: datetime | None) -> None:
    """The ticket now waits for its (new) unit's sign until `due`; None: for nobody's (待分派)."""
    ticket.sign_due, ticket.signed_at, ticket.signed_by = due, None, None
    ticket.sign_reminded_at = None


def routed(ticket: Ticket, services: Any, now: datetime) -> None:
    """The ticket just left 待分派 for a unit (by the resident's place): its sign is due."""
    await_sign(ticket, sign_due(services.settings, services.calendar, ticket.priority, now))


def unsigned(ticket: Ticket) -> bool:
    """Routed to a unit that has not signed for it yet."""
    return ticket.sign_due is not None and ticket.signed_at is None


def overdue(ticket: Ticket, now: datetime) -> bool:
    """Unsigned past its deadline (the console's highlight)."""
    return unsigned(ticket) and ticket.sign_due is not None and ticket.sign_due < now


async def remind(session: AsyncSession, services: Any, now: datetime) -> int:
    """Remind each unit of the tickets it has not signed in time (once per routing);
    how many tickets were reminded about."""
    found = await workflow_store.unsigned_overdue(session, now)
    for ticket in found:
        ticket.sign_reminded_at = now
        due = ticket.sign_due.astimezone(services.settings.tz) if ticket.sign_due else now
        body = texts.text("wecom_sign_reminder", number=ticket.number,
                          kind=texts.KIND_LABELS[ticket.kind], priority=ticket.priority,
                          unit=ticket.unit, due=f"{due:%m-%d %H:%M}",
                          link=services.console_link(ticket.number))
        await notices.to_unit(session, services.alerting, ticket, body)
    return len(found)
