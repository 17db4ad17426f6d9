"""Look-ups of the 12345 steps: tickets awaiting their unit's sign past the deadline,
supervisors to flag, 差评 follow-ups with the officer who makes them, and duplicates."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.officers.models import Officer
from storage.tickets.models import UNRESOLVED_STATUSES, RatingFollowup, Ticket, TicketEvent


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


async def followup(session: AsyncSession, ticket_id: int) -> RatingFollowup | None:
    """The ticket's 差评 follow-up, if its rating opened one."""
    return await session.scalar(select(RatingFollowup)
                                .where(RatingFollowup.ticket_id == ticket_id))


async def other_officer(session: AsyncSession, unit: str, rated: str | None) -> Officer | None:
    """An enabled officer of `unit` other than the one rated, by username."""
    query = select(Officer).where(Officer.unit == unit, Officer.disabled.is_(False))
    if rated:
        query = query.where(Officer.username != rated)
    return await session.scalar(query.order_by(Officer.username).limit(1))


async def duplicates(session: AsyncSession, ticket: Ticket, within: timedelta,
                     limit: int = 10) -> list[Ticket]:
    """Open tickets that may be the same matter as `ticket`: the same resident (openid or
    phone), or the same place and kind, opened within `within` of it."""
    same = [and_(Ticket.area == ticket.area, Ticket.kind == ticket.kind)] if ticket.area \
        else []
    if ticket.openid:
        same.append(Ticket.openid == ticket.openid)
    if ticket.contact_phone:
        same.append(Ticket.contact_phone == ticket.contact_phone)
    if not same:
        return []
    return list(await session.scalars(
        select(Ticket).where(Ticket.id != ticket.id, Ticket.status.in_(UNRESOLVED_STATUSES),
                             Ticket.created_at >= ticket.created_at - within,
                             Ticket.created_at <= ticket.created_at + within, or_(*same))
        .order_by(Ticket.created_at).limit(limit)))


async def merged_residents(session: AsyncSession, number: str) -> list[str]:
    """The WeChat residents of tickets merged into `number` (answered with it)."""
    return list(await session.scalars(
        select(Ticket.openid).where(Ticket.merged_into == number, Ticket.openid.is_not(None))
        .distinct()))


# Timeline types the 12345 figures read (§7): routings, signs, returns, supervisions.
STEP_TYPES = ("created", "transferred", "routed", "signed", "acknowledged", "returned",
              "supervised")


async def step_events(session: AsyncSession, start: datetime,
                      end: datetime) -> list[tuple[int, str, datetime, str]]:
    """(ticket id, type, at, data) of the 12345 figures' events in [start, end), in order."""
    rows = await session.execute(
        select(TicketEvent.ticket_id, TicketEvent.type, TicketEvent.at, TicketEvent.data)
        .where(TicketEvent.type.in_(STEP_TYPES), TicketEvent.at >= start,
               TicketEvent.at < end)
        .order_by(TicketEvent.id))
    return [(tid, type_, at, data or "{}") for tid, type_, at, data in rows.all()]


async def followups_opened(session: AsyncSession, start: datetime,
                           end: datetime) -> list[tuple[str, RatingFollowup]]:
    """(unit, follow-up) of the 差评 follow-ups opened in [start, end)."""
    rows = await session.execute(
        select(Ticket.unit, RatingFollowup)
        .join(Ticket, Ticket.id == RatingFollowup.ticket_id)
        .where(RatingFollowup.opened_at >= start, RatingFollowup.opened_at < end))
    return [(unit, row) for unit, row in rows.all()]
