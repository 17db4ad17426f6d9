"""Notices that follow a ticket's moves: to officers, declared as lifecycle hooks (a resident's
否 tells the assignee their ticket is open again, a cancelled booking that it is off); to the
resident, where a transferred ticket went."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.settings import AlertSettings, TicketSettings
from handlers.tickets.lifecycle import HookSet, Step
from storage.delivery import outbox
from storage.tickets import alerts as alert_store
from storage.tickets import store as ticket_store
from storage.tickets import verdicts as verdict_store
from storage.tickets.models import Ticket


async def notify_assignee(session: AsyncSession, ticket: Ticket, body: str) -> None:
    """Tell the ticket's officer in WeCom, or the police group when they have no WeCom id."""
    officer = await verdict_store.officer(session, ticket.assignee)
    if officer is not None and officer.wecom_user:
        outbox.enqueue(session, "wecom_app", officer.wecom_user, {"text": body})
    else:
        outbox.enqueue(session, "wecom_robot", "robot", {"text": body})


async def to_unit(session: AsyncSession, routes: AlertSettings, ticket: Ticket,
                  body: str) -> int:
    """Tell the ticket's unit: each of its officers with WeCom in the app (else the
    supervisors), or the police group when the app is not set up; how many were queued."""
    if routes.app:
        users = await alert_store.wecom_recipients(session, ticket.unit)
        for user in users:
            outbox.enqueue(session, "wecom_app", user, {"text": body, "ticket": ticket.number})
        if users:
            return len(users)
    outbox.enqueue(session, "wecom_robot", "robot", {"text": body, "ticket": ticket.number})
    return 1


async def _reopened(step: Step) -> None:
    if step.by == "resident":
        reason = step.data.get("reason", "")
        alert = texts.text("verdict_reopened_reason_alert", number=step.ticket.number,
                           reason=reason[:300]) if reason \
            else texts.text("verdict_reopened_alert", number=step.ticket.number)
        await notify_assignee(step.session, step.ticket, alert)


async def _cancelled(step: Step) -> None:
    # A booking the resident cancelled: its officer, if it has one, stops preparing for it.
    if step.by == "resident" and step.ticket.assignee:
        await notify_assignee(step.session, step.ticket,
                              texts.text("booking_cancelled_alert", number=step.ticket.number))


def hooks(routes: AlertSettings | None = None) -> HookSet:
    """The officers' notices, by step: a reopening and a booking the resident cancelled tell
    the assignee, a 督办 the assignee (else the unit)."""
    async def supervised(step: Step) -> None:
        ticket, data = step.ticket, step.data
        due = texts.text("wecom_supervised_due", due=data["due_local"]) \
            if data.get("due_local") else ""
        body = texts.text("wecom_supervised", number=ticket.number, note=data.get("note", ""),
                          due=due)
        officer = await verdict_store.officer(step.session, ticket.assignee)
        if officer is not None and officer.wecom_user:
            outbox.enqueue(step.session, "wecom_app", officer.wecom_user,
                           {"text": body, "ticket": ticket.number})
        else:
            await to_unit(step.session, routes or AlertSettings(), ticket, body)

    return {"reopened": _reopened, "cancelled": _cancelled, "supervised": supervised}


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
