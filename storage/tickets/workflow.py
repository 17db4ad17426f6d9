"""Look-ups of the 12345 steps: tickets awaiting their unit's sign past the deadline,
supervisors to flag, 差评 follow-ups with the officer who makes them, and duplicates."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
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


async def supervisors_wecom(session: AsyncSession, unit: str | None = None) -> list[str]:
    """WeCom user ids of the enabled supervisors and admins (of `unit` when it has any with
    WeCom, else all of them)."""
    query = (select(Officer.wecom_user)
             .where(Officer.disabled.is_(False), Officer.wecom_user.is_not(None),
                    Officer.role.in_(("supervisor", "admin")))
             .order_by(Officer.username))
    if unit is not None:
        found = list(await session.scalars(query.where(Officer.unit == unit)))
        if found:
            return found
    return list(await session.scalars(query))


async def followup(session: AsyncSession, ticket_id: int) -> RatingFollowup | None:
    """The ticket's 差评 follow-up, if its rating opened one."""
    return await session.scalar(select(RatingFollowup)
                                .where(RatingFollowup.ticket_id == ticket_id))


# A follow-up's reminders: stage -> (the step that ends it, the column recording it sent).
REMINDER_STAGES = {
    "callback_near": ("called_at", "callback_near_sent_at"),
    "callback_late": ("called_at", "callback_late_sent_at"),
    "fix_near": ("fixed_at", "fix_near_sent_at"),
    "fix_late": ("fixed_at", "fix_late_sent_at"),
}


async def followups_to_chase(session: AsyncSession,
                             limit: int = 500) -> list[tuple[Ticket, RatingFollowup]]:
    """Undisputed follow-ups with a step not done whose overdue notice has not gone out,
    oldest first: the candidates of the reminder sweep."""
    rows = await session.execute(
        select(Ticket, RatingFollowup).join(Ticket, Ticket.id == RatingFollowup.ticket_id)
        .where(RatingFollowup.disputed_at.is_(None),
               or_(and_(RatingFollowup.called_at.is_(None),
                        RatingFollowup.callback_late_sent_at.is_(None)),
                   and_(RatingFollowup.fixed_at.is_(None),
                        RatingFollowup.fix_late_sent_at.is_(None))))
        .order_by(RatingFollowup.opened_at, RatingFollowup.id).limit(limit))
    return [(ticket, row) for ticket, row in rows.all()]


async def claim_reminder(session: AsyncSession, followup_id: int, stage: str,
                         at: datetime) -> bool:
    """Mark the `stage` reminder of a follow-up sent, unless it already was, its step is
    done or the rating is disputed; True when this caller may send it. One conditional
    UPDATE: of two sweeps at once (two instances), exactly one gets the row."""
    done, sent = REMINDER_STAGES[stage]
    result = await session.execute(
        update(RatingFollowup)
        .where(RatingFollowup.id == followup_id, getattr(RatingFollowup, sent).is_(None),
               getattr(RatingFollowup, done).is_(None), RatingFollowup.disputed_at.is_(None))
        .values({sent: at})
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


async def other_officer(session: AsyncSession, unit: str, rated: str | None) -> Officer | None:
    """An enabled officer or supervisor of `unit` other than the one rated, by username (an
    admin account manages the system, it follows no resident up)."""
    query = select(Officer).where(Officer.unit == unit, Officer.disabled.is_(False),
                                  Officer.role != "admin")
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
