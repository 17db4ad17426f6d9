"""Look-ups behind the officers' web console: a ticket's messages, media and failed
deliveries, overdue queues, dashboard counts, common replies and the officers to pick."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage, MediaFile
from storage.officers.models import Officer, SavedReply
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket


async def inbound_for_ticket(session: AsyncSession, ticket: Ticket) -> list[InboundMessage]:
    """The resident's messages linked to the ticket, oldest first."""
    return list(await session.scalars(
        select(InboundMessage).where(InboundMessage.ticket_id == ticket.id)  # type: ignore[attr-defined]
        .order_by(InboundMessage.id)))


async def media_for_inbound(session: AsyncSession,
                            inbound_ids: Collection[int]) -> list[MediaFile]:
    """Images and voice notes of those messages (without loading their bytes twice)."""
    if not inbound_ids:
        return []
    return list(await session.scalars(
        select(MediaFile).where(MediaFile.inbound_id.in_(list(inbound_ids)))
        .order_by(MediaFile.id)))


async def media_with_ticket(session: AsyncSession,
                            media_id: int) -> tuple[MediaFile, Ticket | None] | None:
    """A media row and the ticket its message belongs to (None when unlinked)."""
    row = (await session.execute(
        select(MediaFile, Ticket)
        .join(InboundMessage, InboundMessage.id == MediaFile.inbound_id)
        .outerjoin(Ticket, Ticket.id == InboundMessage.ticket_id)  # type: ignore[attr-defined]
        .where(MediaFile.id == media_id))).first()
    return (row[0], row[1]) if row else None


async def dead_jobs_for_ticket(session: AsyncSession, ticket: Ticket,
                               inbound_ids: Collection[int]) -> list[OutboxJob]:
    """Deliveries given up on ("dead") that name the ticket in their payload or answer one of
    its messages."""
    about = OutboxJob.payload.like(f'%"{ticket.number}"%')
    if inbound_ids:
        about = or_(about, OutboxJob.inbound_id.in_(list(inbound_ids)))
    return list(await session.scalars(
        select(OutboxJob).where(OutboxJob.state == "dead", about).order_by(OutboxJob.id)))


async def reply_jobs_for_ticket(session: AsyncSession, ticket: Ticket) -> list[OutboxJob]:
    """Customer-service texts that name the ticket (officers' replies, notices), oldest
    first, in whatever state the outbox holds them."""
    return list(await session.scalars(
        select(OutboxJob).where(OutboxJob.kind == "wechat_text",
                                OutboxJob.payload.like(f'%"{ticket.number}"%'))
        .order_by(OutboxJob.id)))


async def officer_names(session: AsyncSession, usernames: Collection[str]) -> dict[str, str]:
    """username -> name, for the officers among `usernames` (disabled ones too: history
    keeps their names)."""
    wanted = [u for u in set(usernames) if u]
    if not wanted:
        return {}
    rows = await session.execute(
        select(Officer.username, Officer.name).where(Officer.username.in_(wanted)))
    return {username: name for username, name in rows.all() if name}


async def overdue(session: AsyncSession, *, units: Collection[str] | None, now: datetime,
                  q: str = "", before_id: int | None = None, limit: int = 50) -> list[Ticket]:
    """Unresolved tickets past their resolution deadline, or past the first-response deadline
    with no response yet (for P1, acknowledging is a response); newest first."""
    unanswered = and_(Ticket.first_response_at.is_(None),
                      or_(Ticket.priority != "P1", Ticket.acknowledged_at.is_(None)))
    query = select(Ticket).where(
        Ticket.status.in_(UNRESOLVED_STATUSES),
        or_(Ticket.resolve_due < now, and_(unanswered, Ticket.first_response_due < now)))
    if units is not None:
        query = query.where(Ticket.unit.in_(list(units)))
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(or_(Ticket.number.ilike(pattern, escape="\\"),
                                Ticket.summary.ilike(pattern, escape="\\")))
    if before_id is not None:
        query = query.where(Ticket.id < before_id)
    return list(await session.scalars(query.order_by(Ticket.id.desc()).limit(limit)))


async def open_counts(session: AsyncSession,
                      units: Collection[str] | None) -> list[tuple[str, str, int]]:
    """(unit, status, count) of unresolved tickets."""
    query = (select(Ticket.unit, Ticket.status, func.count())
             .where(Ticket.status.in_(UNRESOLVED_STATUSES))
             .group_by(Ticket.unit, Ticket.status))
    if units is not None:
        query = query.where(Ticket.unit.in_(list(units)))
    return [(unit, status, int(count)) for unit, status, count in await session.execute(query)]


async def unacknowledged_emergencies(session: AsyncSession,
                                     units: Collection[str] | None) -> list[Ticket]:
    """Open emergencies nobody has confirmed seeing, oldest first."""
    query = select(Ticket).where(Ticket.kind == "emergency", Ticket.acknowledged_at.is_(None),
                                 Ticket.status.in_(UNRESOLVED_STATUSES))
    if units is not None:
        query = query.where(Ticket.unit.in_(list(units)))
    return list(await session.scalars(query.order_by(Ticket.id).limit(50)))


async def officers_of(session: AsyncSession, units: Collection[str] | None) -> list[Officer]:
    """Enabled officers (of those units), by unit and username."""
    query = select(Officer).where(Officer.disabled.is_(False))
    if units is not None:
        query = query.where(Officer.unit.in_(list(units)))
    return list(await session.scalars(query.order_by(Officer.unit, Officer.username)))


async def saved_replies(session: AsyncSession, units: Collection[str] | None) -> list[SavedReply]:
    """Common replies of those units and the branch-wide ones (unit NULL); all when None."""
    query = select(SavedReply)
    if units is not None:
        query = query.where(or_(SavedReply.unit.is_(None), SavedReply.unit.in_(list(units))))
    return list(await session.scalars(query.order_by(SavedReply.unit, SavedReply.id)))


async def saved_reply(session: AsyncSession, reply_id: int) -> SavedReply | None:
    """One common reply by id."""
    return await session.get(SavedReply, reply_id)


def add_saved_reply(session: AsyncSession, *, unit: str | None, title: str, text: str,
                    created_by: str, now: datetime) -> SavedReply:
    """A new common reply in the caller's transaction."""
    row = SavedReply(unit=unit, title=title, text=text, created_by=created_by, created_at=now)
    session.add(row)
    return row


async def delete_saved_reply(session: AsyncSession, reply_id: int) -> None:
    """Remove a common reply (they are templates, not records)."""
    await session.execute(delete(SavedReply).where(SavedReply.id == reply_id))
