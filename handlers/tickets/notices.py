"""Notices that follow a ticket's moves: to officers, declared as lifecycle hooks (a resident's
否 tells the ticket's officers it is open again, a cancelled booking that it is off); the
resident's words added to a ticket (`resident_said`); to the resident, where a transferred
ticket went."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core import settlement
from handlers.core.privacy import mask_text
from handlers.core.settings import AlertSettings, TicketSettings
from handlers.tickets.lifecycle import HookSet, Step
from storage.delivery import outbox
from storage.tickets import alerts as alert_store
from storage.tickets import store as ticket_store
from storage.tickets import verdicts as verdict_store
from storage.tickets.models import Ticket

log = logging.getLogger(__name__)
# How much of the resident's words an officer's notice carries (masked).
TOLD_CHARS = 200


async def to_unit(session: AsyncSession, routes: AlertSettings, ticket: Ticket,
                  body: str) -> int:
    """Tell the ticket's unit: each of its officers with WeCom in the app (else the
    supervisors), or the police group when the app is not set up; how many were queued."""
    return (await _unit(session, routes, ticket, body))[1]


async def _unit(session: AsyncSession, routes: AlertSettings, ticket: Ticket,
                body: str, robot: bool = True) -> tuple[str, int]:
    if routes.app:
        users = await alert_store.wecom_recipients(session, ticket.unit)
        for user in users:
            outbox.enqueue(session, "wecom_app", user, {"text": body, "ticket": ticket.number})
        if users:
            return "unit", len(users)
    if not robot or not routes.robot:
        # Logged without the words (they may hold an address): the ticket's timeline has them.
        log.warning("ticket %s: a notice reached no officer by WeCom (no route)", ticket.number)
        if not robot:
            return "nobody", 0
        # Queued all the same (to_unit's way): a dead letter officers see.
    outbox.enqueue(session, "wecom_robot", "robot", {"text": body, "ticket": ticket.number})
    return "robot", 1


async def resident_said(session: AsyncSession, routes: AlertSettings, ticket: Ticket,
                        text: str, *, at: datetime, inbound_id: int | None = None,
                        alert: str | None = "resident_added_alert", robot: bool = True,
                        **data: Any) -> str:
    """The resident's words `text` added to `ticket`: a `message_in` event on its timeline
    (which moves its `updated_at`, the officers' lists' order), the message they came in
    linked to it, and its officers told with the `alert` text (None: nobody, the caller
    says why; `robot` False: never through the police group); which way they were told:
    "assignee", "unit", "robot" or "nobody"."""
    came_in = {"inbound_id": inbound_id} if inbound_id is not None else {}
    ticket_store.add_event(session, ticket, ticket_store.ACTOR_RESIDENT, "message_in", text,
                           at=at, **came_in, **data)
    await settlement.link_ticket(session, inbound_id, ticket.id)
    if alert is None:
        return "nobody"
    body = texts.text(alert, number=ticket.number, text=mask_text(text)[:TOLD_CHARS])
    return await tell_officers(session, routes, ticket, body, robot)


async def tell_officers(session: AsyncSession, routes: AlertSettings, ticket: Ticket,
                        body: str, robot: bool = True) -> str:
    """Tell the officers of `ticket`: its assignee in the WeCom app when they have an id;
    otherwise (unassigned, or an assignee without WeCom) its unit's officers as the unit
    is told of its tickets (`to_unit`); which way ("assignee", "unit", "robot", "nobody")."""
    officer = await verdict_store.officer(session, ticket.assignee)
    if officer is not None and officer.wecom_user:
        outbox.enqueue(session, "wecom_app", officer.wecom_user,
                       {"text": body, "ticket": ticket.number})
        return "assignee"
    # Else the way the unit hears of its tickets (its sign reminders, 督办).
    return (await _unit(session, routes, ticket, body, robot and routes.robot))[0]


def hooks(routes: AlertSettings | None = None) -> HookSet:
    """The officers' notices, by step: a reopening, a booking the resident cancelled and a
    督办 tell the ticket's officers (`tell_officers`: the assignee, else the unit)."""
    routes = routes or AlertSettings()

    async def reopened(step: Step) -> None:
        if step.by != "resident":
            return
        reason = step.data.get("reason", "")
        alert = texts.text("verdict_reopened_reason_alert", number=step.ticket.number,
                           reason=reason[:300]) if reason \
            else texts.text("verdict_reopened_alert", number=step.ticket.number)
        await tell_officers(step.session, routes, step.ticket, alert)

    async def cancelled(step: Step) -> None:
        # A booking the resident cancelled: its officer, if it has one, stops preparing.
        if step.by == "resident" and step.ticket.assignee:
            await tell_officers(step.session, routes, step.ticket,
                                texts.text("booking_cancelled_alert", number=step.ticket.number))

    async def supervised(step: Step) -> None:
        ticket, data = step.ticket, step.data
        due = texts.text("wecom_supervised_due", due=data["due_local"]) \
            if data.get("due_local") else ""
        await tell_officers(step.session, routes, ticket, texts.text(
            "wecom_supervised", number=ticket.number, note=data.get("note", ""), due=due))

    return {"reopened": reopened, "cancelled": cancelled, "supervised": supervised}


def transferred(session: AsyncSession, settings: TicketSettings, ticket: Ticket, actor: str,
                now: datetime) -> None:
    """Tell the resident (WeChat) which unit now handles their ticket, with its phone when
    one is known; the notice is on the timeline, so officers see what the resident heard.
    The reason for the transfer is internal and stays out of it. The notice is the act of
    the officer who transferred (`actor`), written automatically."""
    if not ticket.openid:
        return
    phone = settings.phone_for(ticket.unit)
    key = "transferred_to_resident_phone" if phone else "transferred_to_resident"
    text = texts.text(key, number=ticket.number, unit=ticket.unit, phone=phone)
    # Same transaction as the transfer: told if and only if it happened.
    outbox.enqueue(session, "wechat_text", ticket.openid,
                   {"text": text, "ticket": ticket.number}, priority=outbox.PRIORITY_REPLY)
    ticket_store.add_event(session, ticket, actor, "auto_reply", text, at=now,
                           notice="transferred", delivery="queued")
