"""Replies WeChat would not let us send (48-hour window closed, quota spent).

They wait for the resident's next message: inside its passive reply, or, when that reply
goes out late, as customer-service messages of their own. When the resident gave a phone,
the ticket also gets a callback task (回访) with the text to read out.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.context import Context
from handlers.core.held import HeldIndex
from handlers.core.settlement import current
from handlers.core.types import Inbound, Reply
from storage.delivery import outbox
from storage.intake import window
from storage.tickets import store as ticket_store
from storage.tickets import worklists

# A passive text reply should stay readable on a phone (WeChat cuts very long ones).
PASSIVE_MAX_CHARS = 1500


async def on_held(session: AsyncSession, job_id: int, ticket_number: str | None, text: str,
                  now: datetime) -> bool:
    """The reply of outbox job `job_id` was held: owe the resident a call if they gave a
    phone. True if a callback task was opened; a reply held again (released when the
    resident wrote, refused once more for the quota) keeps the open task it already has,
    while another reply of the same text owes a call of its own."""
    if not ticket_number:
        return False
    ticket = await ticket_store.get_by_number(session, ticket_number)
    if ticket is None or not ticket.contact_phone or ticket.anonymous:
        return False
    if await worklists.open_callback_for_job(session, ticket.id, job_id) is not None:
        return False
    worklists.add_callback(session, ticket, ticket.contact_phone, text, now, job_id)
    ticket_store.add_event(session, ticket, "system", "delivery_failed",
                           texts.text("held_callback_event"), at=now, reason="window_closed")
    return True


async def carry(ctx: Context, index: HeldIndex, reply: Reply) -> Reply:
    """`reply` with the replies WeChat held for its resident. Passively they go inside it
    (marked delivered so). When it goes out as a customer-service message instead, their
    resident's message has opened WeChat's window again: they go back to the outbox as
    messages of their own, each recording how it really went out."""
    openid = ctx.message.openid
    if not index.maybe(openid):
        return reply
    jobs = await outbox.held_for(ctx.session, openid)
    if not jobs:
        index.done(openid)
        return reply
    now = ctx.now
    if not _passive(ctx.message):
        # One place of the window's quota is kept for the reply itself; the rest wait on.
        released = jobs[:window.CUSTOMER_SERVICE_QUOTA - 1]
        outbox.release_held(ctx.session, released, now)
        if len(released) == len(jobs):
            index.done(openid)
        return reply
    taken, size = [], 0
    for job in jobs:
        body = _text_of(job.payload)
        if taken and size + len(body) > PASSIVE_MAX_CHARS:
            break
        taken.append((job, body))
        size += len(body)
    outbox.delivered_passively([job for job, _ in taken], now)
    if len(taken) == len(jobs):
        index.done(openid)
    earlier = "\n\n".join(body for _, body in taken)
    return Reply(f"{texts.text('held_intro')}\n{earlier}\n\n{reply.text}")


def _passive(message: Inbound) -> bool:
    """Settle now how the reply to `message` goes out: True when passively (also when it
    is not handled through the intake, as by tools and tests calling the router)."""
    settlement = current(message)
    return settlement is None or settlement.delivery.settle() == "passive"


def _text_of(payload: str) -> str:
    try:
        return str(json.loads(payload).get("text", ""))
    except ValueError:
        return ""


async def after_delivery(session: AsyncSession, index: HeldIndex, state: str, job_id: int,
                         kind: str, recipient: str, payload: dict, error: str,
                         now: datetime) -> None:
    """What follows outbox job `job_id` when it could not be delivered: a held reply is
    remembered (and may owe a call); a dead one shows on its ticket's timeline."""
    number = payload.get("ticket")
    if state == "held" and kind == "wechat_text":
        index.add(recipient)
        await on_held(session, job_id, number, str(payload.get("text", "")), now)
    elif state == "dead" and number:
        ticket = await ticket_store.get_by_number(session, number)
        if ticket is not None:
            ticket_store.add_event(session, ticket, "system", "delivery_failed",
                                   texts.text("delivery_dead_event"), at=now, kind=kind,
                                   error=error[:300])
