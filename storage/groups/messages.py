"""Group messages (stored once by msgid), members' consent, and whose group tickets are
whose."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import utcnow
from storage.groups.models import GroupConsent, GroupMessage, GroupRoom, GroupTicket
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket


def _dialect(session: AsyncSession):
    return postgresql if session.get_bind().dialect.name == "postgresql" else sqlite


async def store(session: AsyncSession, row: Mapping[str, Any]) -> GroupMessage | None:
    """Insert a message unless its msgid is stored already; the new row, or None."""
    table = GroupMessage.__table__
    statement = (_dialect(session).insert(table).values(**row)
                 .on_conflict_do_nothing(index_elements=["msgid"]).returning(table.c.id))
    new_id = (await session.execute(statement)).scalar_one_or_none()
    return None if new_id is None else await session.get(GroupMessage, new_id)


async def consent_of(session: AsyncSession, room_id: str,
                     members: Iterable[str]) -> dict[str, GroupConsent]:
    """Stored answers of these members in this group, by member id."""
    wanted = set(members)
    if not wanted:
        return {}
    rows = await session.scalars(select(GroupConsent).where(
        GroupConsent.room_id == room_id, GroupConsent.member_id.in_(wanted)))
    return {row.member_id: row for row in rows}


async def set_consent(session: AsyncSession, room_id: str, member_id: str, status: str,
                      now: datetime | None = None, nickname: str | None = None) -> None:
    """Record a member's answer (check_room_agree, an agree record, or local mode)."""
    now = now or utcnow()
    values: dict[str, Any] = {"room_id": room_id, "member_id": member_id, "status": status,
                              "checked_at": now}
    changes: dict[str, Any] = {"status": status, "checked_at": now}
    if nickname:
        values["nickname"] = changes["nickname"] = nickname
    statement = _dialect(session).insert(GroupConsent.__table__).values(**values)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["room_id", "member_id"], set_=changes))


async def nicknames(session: AsyncSession, room_id: str) -> dict[str, str]:
    """Known group nicknames by member id (from consent rows)."""
    rows = await session.execute(select(GroupConsent.member_id, GroupConsent.nickname).where(
        GroupConsent.room_id == room_id, GroupConsent.nickname.is_not(None)))
    return {member: name for member, name in rows}


def link_ticket(session: AsyncSession, ticket: Ticket, room_id: str, member_id: str,
                nickname: str, owner: str, room_name: str) -> None:
    """Remember which group member a group ticket is about, and who owns the group."""
    session.add(GroupTicket(ticket_id=ticket.id, room_id=room_id, member_id=member_id,
                            nickname=nickname[:64], owner=owner, room_name=room_name[:64]))


async def of_ticket(session: AsyncSession, ticket_id: int) -> GroupTicket | None:
    """The group and member of a group ticket."""
    return await session.get(GroupTicket, ticket_id)


async def open_ticket_of(session: AsyncSession, room_id: str, member_ids: Iterable[str],
                         lock: bool = True) -> tuple[Ticket, GroupTicket] | None:
    """The newest unresolved group ticket of one of these members in this group."""
    wanted = set(member_ids)
    if not wanted:
        return None
    statement = (select(Ticket, GroupTicket).join(GroupTicket, GroupTicket.ticket_id == Ticket.id)
                 .where(GroupTicket.room_id == room_id, GroupTicket.member_id.in_(wanted),
                        Ticket.status.in_(UNRESOLVED_STATUSES))
                 .order_by(Ticket.id.desc()).limit(1))
    if lock and session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(of=Ticket)
    row = (await session.execute(statement)).first()
    return None if row is None else (row[0], row[1])


async def opened_at(session: AsyncSession, ticket_id: int) -> datetime | None:
    """When the group message that opened a ticket was sent."""
    return await session.scalar(select(func.min(GroupMessage.sent_at)).where(
        GroupMessage.ticket_id == ticket_id, GroupMessage.sender_kind == "resident"))


async def thread(session: AsyncSession, room_id: str, around: datetime,
                 before: int = 10, after: int = 10) -> list[GroupMessage]:
    """The group's stored messages around a moment, oldest first."""
    earlier = await session.scalars(
        select(GroupMessage).where(GroupMessage.room_id == room_id,
                                   GroupMessage.sent_at <= around)
        .order_by(GroupMessage.sent_at.desc(), GroupMessage.id.desc()).limit(before + 1))
    later = await session.scalars(
        select(GroupMessage).where(GroupMessage.room_id == room_id,
                                   GroupMessage.sent_at > around)
        .order_by(GroupMessage.sent_at, GroupMessage.id).limit(after))
    return [*reversed(list(earlier)), *later]


async def count_members(session: AsyncSession, room_id: str, event: str, *,
                        members: int | None = None, joined: int = 0, left: int = 0,
                        now: datetime | None = None) -> bool:
    """Apply a membership change (`event` names it: WeCom's retry of the last one is
    ignored): the count WeCom gives, else the known one moved. Whether it applied."""
    now = now or utcnow()
    room, known = await _room(session, room_id, now)
    if known and room.last_event == event:
        return False
    room.joined += joined
    room.left += left
    room.members = members if members is not None else max(0, room.members + joined - left)
    room.last_event, room.updated_at = event[:128], now
    return True


async def rooms(session: AsyncSession) -> dict[str, GroupRoom]:
    """Every group's membership, by room id."""
    return {room.room_id: room for room in await session.scalars(select(GroupRoom))}


async def purge_chat(session: AsyncSession, retention: timedelta,
                     now: datetime | None = None) -> int:
    """Delete group messages that opened or answered no ticket, past retention."""
    cutoff = (now or utcnow()) - retention
    result = await session.execute(delete(GroupMessage).where(and_(
        GroupMessage.ticket_id.is_(None), GroupMessage.created_at < cutoff)))
    return int(result.rowcount or 0)


async def mark(session: AsyncSession, message_id: int, role: str,
               ticket_id: int | None) -> None:
    """What a stored message became."""
    await session.execute(update(GroupMessage).where(GroupMessage.id == message_id)
                          .values(role=role, ticket_id=ticket_id))


async def room_consent(session: AsyncSession, room_id: str) -> list[GroupConsent]:
    """Every stored answer in one group."""
    return list(await session.scalars(select(GroupConsent).where(
        GroupConsent.room_id == room_id)))


async def by_msgid(session: AsyncSession, msgid: str) -> GroupMessage | None:
    """A stored group message by its archive msgid."""
    return await session.scalar(select(GroupMessage).where(GroupMessage.msgid == msgid))


async def owner_of(session: AsyncSession, room_id: str, configured: str = "") -> str:
    """Who holds the group now: the owner WeCom last named for it (change_owner), else the
    `configured` one."""
    stored = await session.scalar(select(GroupRoom.owner).where(GroupRoom.room_id == room_id))
    return stored or configured


async def set_owner(session: AsyncSession, room_id: str, owner: str,
                    now: datetime | None = None) -> bool:
    """Remember the group's new owner; whether it changed."""
    now = now or utcnow()
    room, known = await _room(session, room_id, now)
    if known and room.owner == owner:
        return False
    room.owner, room.updated_at = owner[:64], now
    return True


async def _room(session: AsyncSession, room_id: str, now: datetime) -> tuple[GroupRoom, bool]:
    """The group's row, locked until the commit, and whether it was there; a new one is
    added to the session. Events for one group are read and counted one transaction at a
    time: two at once (two instances) each added to the count they read, and one was lost."""
    if _dialect(session) is postgresql:
        # Created first if missing, so there is a row to lock (two instances creating it at
        # once: one insert does nothing, and its lock waits for the other's commit).
        await session.execute(postgresql.insert(GroupRoom).values(
            room_id=room_id, members=0, joined=0, left=0, last_event="", updated_at=now)
            .on_conflict_do_nothing())
        room = await session.get(GroupRoom, room_id, with_for_update=True)
        assert room is not None
        return room, bool(room.last_event or room.owner)
    # SQLite: one writer at a time already.
    room = await session.get(GroupRoom, room_id)
    if room is not None:
        return room, True
    room = GroupRoom(room_id=room_id, members=0, joined=0, left=0, last_event="",
                     updated_at=now)
    session.add(room)
    return room, False
