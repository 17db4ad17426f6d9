"""Look-ups of the 12345 steps: tickets awaiting their unit's sign past the deadline, and
supervisors to flag."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.officers.models import Officer
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket


async def unsigned_overdue(session: AsyncSession, now: datetime,
                           limit: int = 200) -> list[Ticket]:
    """Open tickets still awaiting their unit's sign after `sign_due`, not yet reminded,
    oldest deadline first (locked where the database can, so one sweep reminds once)."""
    query = (select(Ticket)
             .where(Ticket.sign_due.is_not(None), Ticket.sign_due <= now,
                    Ticket.signed_at.is_(None), Ticket.sign_reminded_at.is_(None),
                    Ticket.status.in_(UNRESOLVED_STATUSES))
             .order_by(Ticket.sign_due, Ticket.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(await session.scalars(query))


async def supervisors_wecom(session: AsyncSession) -> list[str]:
    """WeCom user ids of the enabled supervisors and admins."""
    return list(await session.scalars(
        select(Officer.wecom_user).where(Officer.disabled.is_(False),
                                         Officer.wecom_user.is_not(None),
                                         Officer.role.in_(("supervisor", "admin")))
        .order_by(Officer.username)))
