"""Residents' verdicts on resolved tickets, and the tickets waiting for one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
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


async def unanswered(session: AsyncSession, asked_before: datetime, *,
                     close_before: datetime | None = None,
                     limit: int = 200) -> list[tuple[Ticket, Verdict]]:
    """Resolved tickets whose resident was asked before `asked_before` and has not answered
    whether it is solved; with `close_before`, only those not reminded yet or asked before
    it (already reminded ones have nothing to do until then), the unreminded first."""
    query = (select(Ticket, Verdict).join(Verdict, Verdict.ticket_id == Ticket.id)
             .where(Ticket.status == "resolved", Verdict.solved.is_(None),
                    Verdict.asked_at < asked_before))
    if close_before is not None:
        query = query.where(or_(Verdict.reminded_at.is_(None),
                                Verdict.asked_at < close_before))
    rows = await session.execute(
        query.order_by(Verdict.reminded_at.is_not(None), Verdict.asked_at).limit(limit))
    return [(ticket, verdict) for ticket, verdict in rows.all()]


async def officer(session: AsyncSession, username: str | None) -> Officer | None:
    """The officer of that username, if any."""
    if not username:
        return None
    return await session.scalar(select(Officer).where(Officer.username == username))


async def latest_to_rate(session: AsyncSession,
                         openid: str) -> tuple[Ticket, Verdict | None] | None:
    """The resident's most recently resolved ticket still without a satisfaction score, else
    their most recently resolved one (rated); None when none was ever resolved."""
    rows = await session.execute(
        select(Ticket, Verdict).outerjoin(Verdict, Verdict.ticket_id == Ticket.id)
        .where(Ticket.openid == openid, Ticket.status.in_(("resolved", "closed")),
               Ticket.resolved_at.is_not(None))
        .order_by(Verdict.satisfaction.is_not(None), Ticket.resolved_at.desc(),
                  Ticket.id.desc())
        .limit(1))
    found = rows.first()
    return (found[0], found[1]) if found is not None else None
