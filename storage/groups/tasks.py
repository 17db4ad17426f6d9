"""Group message tasks: created pending, sent once WeCom's send result or the archive shows
the owner's message; counted per group and month against the quota."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.groups.models import GroupMessage, GroupTask
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket


async def used(session: AsyncSession, room_id: str, month: str) -> int:
    """Tasks created for this group in this month (failed ones do not count)."""
    count = await session.scalar(select(func.count()).select_from(GroupTask).where(
        GroupTask.room_id == room_id, GroupTask.month == month, GroupTask.state != "failed"))
    return int(count or 0)


async def used_by_room(session: AsyncSession, month: str) -> dict[str, int]:
    """Tasks created this month, by group."""
    rows = await session.execute(
        select(GroupTask.room_id, func.count()).where(GroupTask.month == month,
                                                      GroupTask.state != "failed")
        .group_by(GroupTask.room_id))
    return {room: int(count) for room, count in rows}


def create(session: AsyncSession, *, room_id: str, ticket_id: int, officer: str, owner: str,
           text: str, month: str, now: datetime) -> GroupTask:
    """A pending task (the owner is asked to confirm it in WeCom)."""
    task = GroupTask(room_id=room_id, ticket_id=ticket_id, officer=officer, owner=owner,
                     text=text, month=month, state="pending", created_at=now)
    session.add(task)
    return task


async def uncarried_matching(session: AsyncSession, room_id: str, text: str, *,
                             owner: str | None) -> GroupTask | None:
    """The oldest task in this group whose words are `text` (made for `owner`, or for anyone
    when `owner` is None) that no archived line carried yet: pending, or sent already as
    WeCom's send result said."""
    carried = exists().where(GroupMessage.ticket_id == GroupTask.ticket_id,
                             GroupMessage.role == "task", GroupMessage.text == GroupTask.text)
    statement = select(GroupTask).where(
        GroupTask.room_id == room_id, GroupTask.text == text,
        or_(GroupTask.state == "pending", (GroupTask.state == "sent") & ~carried))
    if owner is not None:
        statement = statement.where(GroupTask.owner == owner)
    return await session.scalar(statement.order_by(GroupTask.id).limit(1))


async def of_ticket(session: AsyncSession, ticket_id: int) -> list[GroupTask]:
    """A ticket's tasks, oldest first."""
    return list(await session.scalars(
        select(GroupTask).where(GroupTask.ticket_id == ticket_id).order_by(GroupTask.id)))


async def pending(session: AsyncSession, owner: str | None = None) -> list[GroupTask]:
    """Tasks waiting for their owner's confirmation, oldest first."""
    statement = select(GroupTask).where(GroupTask.state == "pending")
    if owner is not None:
        statement = statement.where(GroupTask.owner == owner)
    return list(await session.scalars(statement.order_by(GroupTask.id)))


async def created_in_wecom(session: AsyncSession, task_id: int, msgid: str) -> None:
    """WeCom created the task under `msgid`."""
    await session.execute(update(GroupTask).where(GroupTask.id == task_id)
                          .values(wecom_msgid=msgid[:64]))


async def mark_sent(session: AsyncSession, task_id: int, sent_at: datetime) -> bool:
    """A pending task is sent now; whether this call sent it (one statement: the archive's
    line and WeCom's send result, or two instances, never both mark it)."""
    result = await session.execute(
        update(GroupTask).where(GroupTask.id == task_id, GroupTask.state == "pending")
        .values(state="sent", sent_at=sent_at).execution_options(synchronize_session="fetch"))
    return bool(result.rowcount)


async def awaiting_result(session: AsyncSession, created_since: datetime) -> list[GroupTask]:
    """Pending tasks WeCom created since `created_since`, whose send result is still asked
    for, oldest first."""
    return list(await session.scalars(
        select(GroupTask).where(GroupTask.state == "pending", GroupTask.wecom_msgid.is_not(None),
                                GroupTask.created_at >= created_since)
        .order_by(GroupTask.id)))


async def fail(session: AsyncSession, task_id: int, reason: str, now: datetime) -> None:
    """WeCom would not create the task: it no longer counts against the quota and the
    ticket's timeline says so."""
    task = await session.get(GroupTask, task_id)
    if task is None or task.state != "pending":
        return
    task.state = "failed"
    ticket = await session.get(Ticket, task.ticket_id)
    if ticket is not None:
        ticket_store.add_event(session, ticket, "system", "group_task", reason, at=now,
                               state="failed", task=task.id)


async def mark_overdue(session: AsyncSession, created_before: datetime,
                       now: datetime) -> list[GroupTask]:
    """Pending tasks created before `created_before` and not yet found overdue, marked so
    now (one statement: two instances' sweeps never both take the same task)."""
    table = GroupTask.__table__
    rows = await session.execute(
        update(table).where(table.c.state == "pending", table.c.overdue_at.is_(None),
                            table.c.created_at < created_before)
        .values(overdue_at=now).returning(table.c.id))
    ids = sorted(row[0] for row in rows)
    if not ids:
        return []
    return list(await session.scalars(
        select(GroupTask).where(GroupTask.id.in_(ids)).order_by(GroupTask.id)
        .execution_options(populate_existing=True)))
