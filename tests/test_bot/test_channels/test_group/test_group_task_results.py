"""A group message task's send result from WeCom (get_groupmsg_send_result): a task the owner
sent shows 已发送 before the archive shows the line, and the line, once read, is the task's
without a second "sent" on the timeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy import select

from bot.channels.group import local
from bot.channels.group.door import RESULTS_AT_ONCE, sweep_tasks
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from handlers.console.group_view import group_panel
from handlers.core.privacy import MASKED
from handlers.officers import group_tasks
from handlers.officers.group_tasks import RESULT_ASKED_FOR
from storage.base import utcnow
from storage.groups import tasks as task_store
from storage.groups.models import GroupMessage, GroupTask
from storage.tickets.models import Ticket, TicketEvent
from tests.doors import CORP_ID, with_doors
from tests.groups import AUNT, OWNER, ROOM, make_poller, member_id, with_groups
from tests.helpers import running

TZ = ZoneInfo("Asia/Shanghai")
ANSWER = "车已挪走"


async def _task_states(sessions, ticket_id: int) -> list[str]:
    async with sessions() as session:
        return [json.loads(e.data)["state"] for e in await session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id,
                                      TicketEvent.type == "group_task").order_by(TicketEvent.id))]


async def _labels(sessions, ticket: Ticket) -> list[str]:
    async with sessions() as session:
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
    return [task["label"] for task in panel["tasks"]]


async def test_a_task_the_owner_sent_is_sent_by_wecoms_send_result(config, sessions,
                                                                  fake_tencent):
    fake_tencent.corp_id = CORP_ID
    app_config = fake_tencent.configure(with_groups(with_doors(config), poll_s=600))
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, "楼下有人乱停车堵住消防通道，麻烦处理一下")
    await (await make_poller(app_config, sessions)).run_once()
    async with sessions() as session, session.begin():
        ticket = await session.scalar(select(Ticket))
        await group_tasks.answer(session, ticket, "a1", ANSWER, utcnow(), TZ)
    async with aiohttp.ClientSession() as http:          # the outbox creates it in WeCom
        worker = OutboxWorker(sessions, build_senders(app_config, http, sessions), Metrics(),
                              name="w1")
        assert await worker.run_once() >= 1
    async with sessions() as session:
        [task] = list(await session.scalars(select(GroupTask)))
    assert task.wecom_msgid and fake_tencent.group_tasks[task.wecom_msgid] == OWNER
    async with running(app_config) as client:
        await sweep_tasks(client.server.app)             # WeCom: not sent yet
        assert await _labels(sessions, ticket) == ["待群主确认"]
        sent_at = int(datetime(2026, 12, 4, 8, 30, tzinfo=UTC).timestamp())
        fake_tencent.group_task_sent[task.wecom_msgid] = {ROOM: sent_at}
        await sweep_tasks(client.server.app)
        await sweep_tasks(client.server.app)             # read once: nothing more happens
    assert await _labels(sessions, ticket) == ["已发送"]
    assert await _task_states(sessions, ticket.id) == ["pending", "sent"]
    async with sessions() as session:
        task = await session.get(GroupTask, task.id)
    assert task.sent_at == datetime.fromtimestamp(sent_at, UTC)
    assert len(fake_tencent.delivered("get_groupmsg_send_result")) == 2
    # The archive shows the owner's line later: it is the task's, sent once on the timeline.
    await local.post(sessions, ROOM, OWNER, ANSWER)
    await (await make_poller(app_config, sessions)).run_once()
    async with sessions() as session:
        line = await session.scalar(select(GroupMessage).where(GroupMessage.sender == OWNER))
    assert (line.role, line.ticket_id) == ("task", ticket.id)
    assert await _task_states(sessions, ticket.id) == ["pending", "sent"]


async def test_the_sweep_asks_about_recent_tasks_only_a_few_at_a_time(config, sessions,
                                                                     fake_tencent):
    # WeCom is asked about tasks made within RESULT_ASKED_FOR only, at most RESULTS_AT_ONCE
    # calls at a time; older unconfirmed tasks say in the console that their outcome is
    # unknown (they were asked about every 5 minutes for ever).
    fake_tencent.corp_id = CORP_ID
    app_config = fake_tencent.configure(with_groups(with_doors(config), poll_s=600))
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, "楼下有人乱停车堵住消防通道，麻烦处理一下")
    await (await make_poller(app_config, sessions)).run_once()
    now = utcnow()
    old = now - RESULT_ASKED_FOR - timedelta(hours=1)
    async with sessions() as session, session.begin():
        ticket = await session.scalar(select(Ticket))
        for n in range(10):
            made = old if n < 4 else now - timedelta(days=n - 4)
            task = task_store.create(session, room_id=ROOM, ticket_id=ticket.id, officer="a1",
                                     owner=OWNER, text=f"答复{n}", month=f"{made:%Y-%m}",
                                     now=made)
            await session.flush()
            task.wecom_msgid = f"task-{n}"
            fake_tencent.group_tasks[task.wecom_msgid] = OWNER
    sent_at = int(now.timestamp())
    fake_tencent.group_task_sent.update({"task-0": {ROOM: sent_at}, "task-9": {ROOM: sent_at}})
    fake_tencent.storm("get_groupmsg_send_result", delay=0.2, seconds=30)
    async with running(app_config) as client:
        await sweep_tasks(client.server.app)
    calls = fake_tencent.calls_to("get_groupmsg_send_result")
    assert sorted(call.body["msgid"] for call in calls) == [f"task-{n}" for n in range(4, 10)]
    at_once = max(sum(1 for other in calls if other.at <= call.at < other.ended_at)
                  for call in calls)
    assert 1 < at_once <= RESULTS_AT_ONCE
    unknown = f"发送结果未知（{RESULT_ASKED_FOR.days}天未确认，已不再向企业微信查询）"
    # Made today, 1 to 4 days ago (past task_timeout_h: reminded now), 5 days ago (sent).
    assert await _labels(sessions, ticket) == (
        [unknown] * 4 + ["待群主确认"] + ["待群主确认（已超时）"] * 4 + ["已发送"])
