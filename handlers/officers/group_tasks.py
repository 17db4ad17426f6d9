"""Answering a group ticket from the console: a group message task the owner confirms in
WeCom (externalcontact/add_msg_template, chat_type=group), within each group's monthly
quota (as many as the month has days); sent once WeCom's send result (get_groupmsg_send_result)
or the archive shows the owner's message."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.errors import Conflict
from storage.delivery import outbox
from storage.groups import messages as group_store
from storage.groups import tasks as task_store
from storage.groups.models import GroupTask
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket

# WeCom's send result of a task is asked for this long after it was made; an older task still
# unconfirmed is shown as of unknown outcome (the archive may still show the owner's line).
RESULT_ASKED_FOR = timedelta(days=7)


@dataclass(frozen=True)
class Quota:
    """A group's message tasks this month."""

    used: int
    quota: int

    @property
    def left(self) -> int:
        """Tasks still allowed this month."""
        return max(0, self.quota - self.used)


def month_of(now: datetime, tz: tzinfo) -> tuple[str, int]:
    """('YYYY-MM', days in that month) in the tickets' timezone."""
    local = now.astimezone(tz)
    return f"{local:%Y-%m}", calendar.monthrange(local.year, local.month)[1]


async def quota(session: AsyncSession, room_id: str, now: datetime, tz: tzinfo) -> Quota:
    """How many of this month's tasks the group has used."""
    month, days = month_of(now, tz)
    return Quota(await task_store.used(session, room_id, month), days)


async def answer(session: AsyncSession, ticket: Ticket, actor: str, text: str, now: datetime,
                 tz: tzinfo) -> dict[str, Any]:
    """Queue the console's answer as a task for the group's owner (Conflict when the
    month's quota is spent or the group has no owner); the reply_out's delivery fields."""
    link = await group_store.of_ticket(session, ticket.id)
    if link is None:
        raise Conflict("group_no_owner")
    owner = await group_store.owner_of(session, link.room_id, link.owner)
    if not owner:
        raise Conflict("group_no_owner")
    month, days = month_of(now, tz)
    used = await task_store.used(session, link.room_id, month)
    if used >= days:
        raise Conflict("group_quota_spent", group=link.room_name, used=used, quota=days)
    task = task_store.create(session, room_id=link.room_id, ticket_id=ticket.id, officer=actor,
                             owner=owner, text=text, month=month, now=now)
    await session.flush()
    outbox.enqueue(session, "group_task", owner,
                   {"room_id": link.room_id, "text": text, "task": task.id,
                    "ticket": ticket.number, "notice": texts.text(
                        "group_task_owner", number=ticket.number, group=link.room_name,
                        text=text)},
                   priority=outbox.PRIORITY_REPLY)
    ticket_store.add_event(session, ticket, actor, "group_task", text, at=now, state="pending",
                           task=task.id, owner=owner, used=used + 1, quota=days)
    return {"delivery": "group_task", "task": task.id, "quota_used": used + 1, "quota": days}


async def confirmed(session: AsyncSession, chat: Any, sender: str, text: str,
                    sent_at: datetime, message_id: int) -> bool:
    """The owner's line in the group that carries a task's words: the task is sent (unless
    WeCom's send result said so already) and the line is its. The owner who holds the group
    now may send a task made for a previous owner."""
    holder = await group_store.owner_of(session, chat.room_id, chat.owner)
    task = await task_store.uncarried_matching(session, chat.room_id, text.strip(),
                                               owner=None if sender == holder else sender)
    if task is None:
        return False
    if task.state == "pending":
        await _sent(session, task, sent_at, chat.name)
    await group_store.mark(session, message_id, "task", task.ticket_id)
    return True


async def sent_in_wecom(session: AsyncSession, task_id: int, sent_at: datetime) -> bool:
    """WeCom's send result says the owner sent the task to the group: it is sent, before
    (or without) the archive showing the line; whether it changed."""
    task = await session.get(GroupTask, task_id)
    if task is None:
        return False
    link = await group_store.of_ticket(session, task.ticket_id)
    return await _sent(session, task, sent_at,
                       link.room_name if link is not None else task.room_id)


async def _sent(session: AsyncSession, task: GroupTask, sent_at: datetime, group: str) -> bool:
    if not await task_store.mark_sent(session, task.id, sent_at):
        return False        # sent already (the archive's line, WeCom's result, another instance)
    ticket = await session.get(Ticket, task.ticket_id)
    if ticket is not None:
        ticket_store.add_event(session, ticket, "system", "group_task",
                               texts.text("group_task_sent", group=group), at=sent_at,
                               state="sent", task=task.id)
    return True


async def remind_overdue(session: AsyncSession, now: datetime, after: timedelta) -> int:
    """Tasks still unconfirmed `after` their creation: the owner who holds the group now
    (change_owner may have moved it since the task was made) is reminded once in WeCom and
    the ticket's timeline says so (the console then shows them overdue); how many."""
    tasks = await task_store.mark_overdue(session, now - after, now)
    hours = f"{after.total_seconds() / 3600:g}"
    for task in tasks:
        ticket = await session.get(Ticket, task.ticket_id)
        link = await group_store.of_ticket(session, task.ticket_id)
        if ticket is None:
            continue
        group = link.room_name if link is not None else task.room_id
        holder = await group_store.owner_of(session, task.room_id, task.owner)
        # The previous owner's WeCom holds the task; the new one is asked to post its words.
        moved = "" if holder == task.owner else "_moved"
        outbox.enqueue(session, "wecom_app", holder, {"text": texts.text(
            f"group_task_overdue_owner{moved}", number=ticket.number, group=group,
            hours=hours, text=task.text, previous=task.owner), "ticket": ticket.number},
            priority=outbox.PRIORITY_ROUTINE)
        ticket_store.add_event(session, ticket, "system", "group_task", texts.text(
            f"group_task_overdue{moved}", hours=hours, owner=holder, previous=task.owner),
            at=now, state="overdue", task=task.id, owner=holder)
    return len(tasks)


def result_unknown(task: GroupTask, now: datetime) -> bool:
    """A task still pending past RESULT_ASKED_FOR: WeCom is no longer asked how it went."""
    return task.state == "pending" and task.created_at < now - RESULT_ASKED_FOR


def task_state(state: str, overdue_at: datetime | None, owner: str = "",
               holder: str = "", *, unknown: bool = False) -> str:
    """What the console calls a task's state; a pending task made for a previous owner says
    who holds the group (and is reminded) now."""
    if unknown:
        return texts.text("group_task_state_unknown", days=RESULT_ASKED_FOR.days)
    label = texts.text("group_task_state_overdue" if state == "pending" and overdue_at
                       else f"group_task_state_{state}")
    if state == "pending" and holder and holder != owner:
        label += texts.text("group_task_state_moved", previous=owner, owner=holder)
    return label
