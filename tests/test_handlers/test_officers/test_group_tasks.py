"""Answering a group ticket from the console: a message task the owner confirms, pending
then sent, within the group's monthly quota."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.assembly import build_services
from bot.channels.group import local
from handlers.core.errors import Conflict
from handlers.officers.group_tasks import month_of, quota
from storage.base import utcnow
from storage.groups import tasks as task_store
from storage.groups.models import GroupTask
from storage.tickets.models import Ticket, TicketEvent
from tests.groups import AUNT, OWNER, ROOM, make_poller, member_id, with_groups
from tests.helpers import outbox_rows
from tests.workbench import add_officer

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下"
ANSWER = "张阿姨您好，已联系物业，车辆半小时内挪走。"


@pytest.fixture
def group_config(config):
    return with_groups(config)


async def _group_ticket(group_config, sessions) -> Ticket:
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, PARKING)
    await (await make_poller(group_config, sessions)).run_once()
    async with sessions() as session:
        return await session.scalar(select(Ticket))


async def _events(sessions, ticket: Ticket, type_: str) -> list[dict]:
    async with sessions() as session:
        rows = await session.scalars(select(TicketEvent).where(
            TicketEvent.ticket_id == ticket.id, TicketEvent.type == type_)
            .order_by(TicketEvent.id))
        return [{"actor": r.actor, "text": r.text, **json.loads(r.data)} for r in rows]


async def test_a_console_reply_becomes_a_task_for_the_owner_then_sent(group_config, sessions):
    ticket = await _group_ticket(group_config, sessions)
    officer = await add_officer(sessions, "zhang")
    services = await build_services(group_config, sessions)
    async with sessions() as session, session.begin():
        outcome = await services.workflow(utcnow).perform(session, officer, ticket.number, "reply",
                                                          {"text": ANSWER})
    assert outcome.delivery == "group_task"
    [reply] = await _events(sessions, ticket, "reply_out")
    assert reply["delivery"] == "group_task" and reply["first_response"] is True
    [pending] = await _events(sessions, ticket, "group_task")
    days = month_of(utcnow(), services.settings.tz)[1]
    assert (pending["state"], pending["used"], pending["quota"]) == ("pending", 1, days)
    jobs = [job for job in await outbox_rows(sessions) if job.kind != "wecom_app"]
    [job] = jobs
    assert (job.kind, job.recipient) == ("group_task", OWNER)
    assert json.loads(job.payload)["text"] == ANSWER
    # The owner confirms in WeCom: the message shows in the group's archive.
    await local.post(sessions, ROOM, OWNER, ANSWER)
    await (await make_poller(group_config, sessions, holder="A")).run_once()  # same instance
    states = [event["state"] for event in await _events(sessions, ticket, "group_task")]
    assert states == ["pending", "sent"]
    async with sessions() as session:
        task = await session.scalar(select(GroupTask))
    assert task.state == "sent" and task.sent_at is not None


async def test_the_months_quota_is_enforced(group_config, sessions):
    ticket = await _group_ticket(group_config, sessions)
    officer = await add_officer(sessions, "zhang")
    services = await build_services(group_config, sessions)
    now = utcnow()
    month, days = month_of(now, services.settings.tz)
    async with sessions() as session, session.begin():
        for _ in range(days - 1):
            task_store.create(session, room_id=ROOM, ticket_id=ticket.id, officer="zhang",
                              owner=OWNER, text="往期群发", month=month, now=now)
    async with sessions() as session:
        left = await quota(session, ROOM, now, services.settings.tz)
    assert (left.used, left.left) == (days - 1, 1)
    async with sessions() as session, session.begin():
        await services.workflow(utcnow).perform(session, officer, ticket.number, "reply",
                                                {"text": ANSWER})
    with pytest.raises(Conflict) as refused:
        async with sessions() as session, session.begin():
            await services.workflow(utcnow).perform(session, officer, ticket.number, "reply",
                                                    {"text": "再补充一句"})
    assert refused.value.key == "group_quota_spent"
    assert "群内" in refused.value.message and f"{days}/{days}" in refused.value.message
    assert len(await _events(sessions, ticket, "reply_out")) == 1   # the refused one left none
