"""Alerts that are never silent: what follows an alert's delivery (the resident is told, only
then) or its failure (escalation), and emergencies nobody acknowledged in time (escalation).

Escalating reaches the unit's officers in the WeCom app (the supervisors when none of them
has WeCom), the duty mobiles of `[alerts]` by SMS, and puts a banner on the console of every
officer of the unit and every supervisor until someone acknowledges.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.privacy import mask_text
from handlers.core.settings import AlertSettings
from handlers.tickets import alert_routes, places
from storage.delivery import outbox
from storage.tickets import alerts as alert_store
from storage.tickets import store as ticket_store
from storage.tickets import worklists
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

# Why a ticket is escalated; each reason escalates a ticket once.
REASONS = ("alert_failed", "no_route", "unacknowledged")
# A failed alert of these purposes means officers may know nothing: escalate.
ESCALATE_ON_FAILURE = frozenset({alert_routes.EMERGENCY, alert_routes.REALERT})


def _alert_ticket_number(payload: dict[str, Any]) -> str | None:
    number = payload.get("ticket")
    return number if payload.get("alert") and isinstance(number, str) else None


async def delivered(session: AsyncSession, services: Any, kind: str,
                    payload: dict[str, Any], now: datetime) -> bool:
    """An alert reached officers: the first time, note it and tell the resident (a
    customer-service message with the ticket number). True when this was the first."""
    number = _alert_ticket_number(payload)
    ticket = await ticket_store.get_by_number(session, number) if number else None
    if ticket is None or not await alert_store.mark_alert_sent(session, ticket.id, now):
        return False
    route = {"wecom_robot": "robot", "wecom_app": "app"}.get(kind, kind)
    ticket_store.add_event(session, ticket, "system", "alert_sent",
                           texts.text("event_alert_sent",
                                      route=texts.ROUTE_LABELS.get(route, route)),
                           at=now, route=route)
    if ticket.openid and ticket.channel == "wechat":
        text = texts.text("emergency_alert_delivered", number=ticket.number)
        outbox.enqueue(session, "wechat_text", ticket.openid,
                       {"text": text, "ticket": ticket.number},
                       priority=outbox.PRIORITY_EMERGENCY)
        ticket_store.add_event(session, ticket, "system", "auto_reply", text, at=now,
                               delivery="queued")
    return True


async def failed(session: AsyncSession, services: Any, kind: str, payload: dict[str, Any],
                 error: str, now: datetime) -> bool:
    """An alert could not be delivered after its retries: note it, and escalate when it was
    the emergency's alert or a re-alert and no other alert about it has reached anyone (the
    sweep chases those that did). True when this escalated."""
    number = _alert_ticket_number(payload)
    # Locked: several officers' failed app messages must not escalate one ticket twice.
    ticket = await worklists.for_update(session, number) if number else None
    if ticket is None:
        return False
    route = {"wecom_robot": "robot", "wecom_app": "app"}.get(kind, kind)
    ticket_store.add_event(session, ticket, "system", "alert_failed",
                           texts.text("event_alert_failed",
                                      route=texts.ROUTE_LABELS.get(route, route),
                                      error=mask_text(error[:200])),
                           at=now, route=route, purpose=payload["alert"])
    if payload["alert"] not in ESCALATE_ON_FAILURE or ticket.acknowledged_at is not None \
            or ticket.alert_sent_at is not None or ticket.status not in UNRESOLVED_STATUSES:
        return False
    return await escalate(session, services, ticket, "alert_failed", now)


async def escalate(session: AsyncSession, services: Any, ticket: Ticket | ticket_store.Opened,
                   reason: str, now: datetime) -> bool:
    """Escalate the ticket for `reason` (once per reason): WeCom app to its unit's officers,
    SMS to the duty mobiles, the console banner. False when already done."""
    if reason not in REASONS:
        raise ValueError(f"unknown escalation reason {reason!r}")
    if await alert_store.escalated(session, ticket.id, reason):
        return False
    routes: AlertSettings = services.alerting
    minutes = int(routes.escalate_after.total_seconds() // 60)
    why = texts.text(f"escalation_{reason}", minutes=minutes)
    body = texts.text(
        "escalation", number=ticket.number, unit=ticket.unit, reason=why,
        emergency_kind=texts.EMERGENCY_KIND_LABELS[ticket.emergency_kind or "other"],
        link=services.console_link(ticket.number),
        place=places.for_alert(ticket, services.settings.map_url_template))
    app = await alert_routes.to_officers(
        session, routes, ticket, alert_routes.payload(ticket, body, alert_routes.ESCALATION))
    sms = alert_routes.to_mobiles(session, routes, ticket)
    alert_store.mark_escalated(session, ticket, now)
    ticket_store.add_event(session, ticket, "system", "escalated",
                           texts.text("event_escalated", reason=why, app=app, sms=sms),
                           at=now, reason=reason, app=app, sms=sms, urgent=True)
    return True


async def sweep(session: AsyncSession, services: Any, now: datetime) -> int:
    """Once a minute: escalate emergencies still unacknowledged `[alerts] escalate_after`
    after they opened. Returns how many were escalated."""
    waiting = await alert_store.waiting_too_long(
        session, now - services.alerting.escalate_after)
    count = 0
    for ticket in waiting:
        count += await escalate(session, services, ticket, "unacknowledged", now)
    return count
