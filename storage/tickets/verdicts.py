"""Residents' verdicts on resolved tickets, and the tickets waiting for one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.officers.models import Officer
from storage.tickets.models import Ticket, Verdict


async def get(session: AsyncSession, ticket: Ticket) -> Verdict | None:
    """The verdict row of `ticket`, if one was asked for."""
    return await session.get(Verdict, ticket.id)


async def asked(session: AsyncSession, ticket: Ticket, at: datetime) -> Verdict:
    """Note that the resident was asked (again, after a reopening: answers start afresh)."""
    verdict = await session.get(Verdict, ticket.id)
    if verdict is None:
        verdict = Verdict(ticket_id=ticket.id)
        session.add(verdict)
    verdict.solved = verdict.satisfaction = None
    verdict.attitude = verdict.speed = verdict.result = None
    verdict.comment = verdict.answered_at = verdict.reminded_at = None
    verdict.asked_at = at
    return verdict


async def unanswered(session: AsyncSession, asked_before: datetime,
                     limit: int = 200) -> list[tuple[Ticket, Verdict]]:
    """Resolved tickets whose resident was asked before `asked_before` and has not answered
    whether it is solved."""
    rows = await session.execute(
        select(Ticket, Verdict).join(Verdict, Verdict.ticket_id == Ticket.id)
        .where(Ticket.status == "resolved", Verdict.solved.is_(None),
               Verdict.asked_at < asked_before)
        .order_by(Verdict.asked_at).limit(limit))
    return [(ticket, verdict) for ticket, verdict in rows.all()]


async def officer(session: AsyncSession, username: str | None) -> Officer | None:
    """The officer of that username, if any."""
    if not username:
        return None
    return await session.scalar(select(Officer).where(Officer.username == username))
