"""What residents are told when officers move their ticket: where a transferred ticket went."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.settings import TicketSettings
from storage.delivery import outbox
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket


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
