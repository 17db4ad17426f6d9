"""The hotline's calls (recorded once per call_id) and tickets sharing a phone number."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.intake.models import InboundMessage
from storage.tickets.models import Ticket

CHANNEL = "hotline"


async def claim_call(session: AsyncSession, row: dict[str, Any]) -> int | None:
    """Insert the call's inbound row in the caller's transaction; None if its call_id is
    taken. On PostgreSQL a concurrent insert of the same call waits for the first
    transaction and then finds the row taken; SQLite serialises writers."""
    module = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    table = InboundMessage.__table__
    statement = (module.insert(table).values(**row)
                 .on_conflict_do_nothing(index_elements=["channel", "dedupe_key"])
                 .returning(table.c.id))
    return (await session.execute(statement)).scalar_one_or_none()


async def ticket_of_call(session: AsyncSession, call_id: str) -> Ticket | None:
    """The ticket a recorded call opened."""
    return await session.scalar(
        select(Ticket).join(InboundMessage, InboundMessage.ticket_id == Ticket.id)
        .where(InboundMessage.channel == CHANNEL, InboundMessage.dedupe_key == call_id))


async def with_phone(session: AsyncSession, phone: str, *, channel: str,
                     exclude_id: int | None = None, limit: int = 20) -> list[Ticket]:
    """Tickets of `channel` whose contact phone is `phone`, newest first; WeChat tickets
    only when they carry the resident's openid (else there is no one to link)."""
    query = select(Ticket).where(Ticket.contact_phone == phone, Ticket.channel == channel,
                                 Ticket.anonymous.is_(False))
    if channel == "wechat":
        query = query.where(Ticket.openid.is_not(None))
    if exclude_id is not None:
        query = query.where(Ticket.id != exclude_id)
    return list(await session.scalars(query.order_by(Ticket.id.desc()).limit(limit)))
