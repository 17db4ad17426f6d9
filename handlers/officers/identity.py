"""Hotline callers and WeChat residents: the same phone suggests the same person, but only
an officer who has checked links them (residents never reach a ticket by a typed phone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.errors import Conflict, Invalid
from handlers.core.privacy import normalize_phone
from handlers.officers.accounts import Actor
from handlers.officers.acts import visible
from storage.base import utcnow
from storage.tickets import hotline as hotline_store
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket

OPENID_MAX = 64


@dataclass(frozen=True)
class Candidate:
    """A ticket of the other door with the same phone: possibly the same person.
    `openid` is set for WeChat tickets (what link_resident takes); never shown to residents."""

    number: str
    channel: str
    unit: str
    created_at: datetime
    openid: str | None


async def candidates(session: AsyncSession, actor: Actor, number: str) -> list[Candidate]:
    """For a hotline ticket, the WeChat tickets with the caller's phone; for a WeChat ticket,
    the hotline tickets with the phone the resident gave. Empty without a phone."""
    ticket = await visible(session, actor, number)
    if not ticket.contact_phone or ticket.anonymous:
        return []
    phone = normalize_phone(ticket.contact_phone)
    other = "wechat" if ticket.channel == "hotline" else "hotline"
    rows = await hotline_store.with_phone(session, phone, channel=other, exclude_id=ticket.id)
    return [Candidate(row.number, row.channel, row.unit, row.created_at, row.openid)
            for row in rows]


async def link_resident(session: AsyncSession, officer: Actor, hotline_ticket: str,
                        openid: str, *, now: datetime | None = None) -> Ticket:
    """After checking, give a hotline ticket the WeChat resident's openid: it then appears in
    their 我的工单 and replies reach them in WeChat. Only a candidate's openid is accepted."""
    ticket = await visible(session, officer, hotline_ticket, lock=True)
    if ticket.channel != "hotline":
        raise Conflict("identity_not_hotline")
    if ticket.openid is not None:
        raise Conflict("identity_already_linked")
    if not isinstance(openid, str) or not 0 < len(openid) <= OPENID_MAX:
        raise Invalid("openid", "identity_not_candidate")
    matches = [c for c in await candidates(session, officer, hotline_ticket)
               if c.openid == openid]
    if not matches:
        raise Invalid("openid", "identity_not_candidate")
    ticket.openid = openid
    # The timeline names the ticket that matched, never the openid (§5).
    ticket_store.add_event(session, ticket, officer.username, "linked",
                           texts.text("identity_linked_event", number=matches[0].number),
                           at=now or utcnow(), via=matches[0].number)
    return ticket
