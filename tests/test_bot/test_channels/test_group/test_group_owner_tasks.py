"""The group's owner and its message tasks: a change of owner (change_external_chat,
change_owner) sends notices and tasks to the new owner, and a task the owner leaves
unconfirmed past [groups] task_timeout_h is shown overdue and reminded once."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.channels.group import local
from bot.channels.group.door import sweep_tasks
from handlers.console.group_view import group_panel
from handlers.core.privacy import MASKED
from handlers.officers import group_tasks
from storage.base import utcnow
from storage.groups import messages as group_store
from storage.groups.models import GroupRoom, GroupTask
from storage.tickets.models import Ticket, TicketEvent
from tests.doors import CORP_ID, wecom_push, with_doors
from tests.groups import AUNT, OWNER, ROOM, make_poller, member_id, with_groups
from tests.helpers import outbox_rows, running

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下"
NEW_OWNER = "wx-new-owner"
TZ = ZoneInfo("Asia/Shanghai")


def _owner_changed(create_time: int) -> str:
    return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
            f"<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{create_time}</CreateTime>"
            f"<MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[{ROOM}]]></ChatId>"
            f"<ChangeType><![CDATA[update]]></ChangeType>"
            f"<UpdateDetail><![CDATA[change_owner]]></UpdateDetail></xml>")


async def _room_owner(sessions) -> str | None:
    deadline = time.monotonic() + 8
    while True:
        async with sessions() as session:
            room = await session.get(GroupRoom, ROOM)
        if (room is not None and room.owner) or time.monotonic() > deadline:
            return room.owner if room is not None else None
        await asyncio.sleep(0.05)


async def _open_request(app_config, sessions) -> Ticket:
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, PARKING)
    await (await make_poller(app_config, sessions)).run_once()
    async with sessions() as session:
        return await session.scalar(select(Ticket))


async def test_an_owner_change_sends_notices_and_tasks_to_the_new_owner(config, sessions,
                                                                        fake_tencent):
    fake_tencent.corp_id = CORP_ID          # the callback and the API are the same corp's
    fake_tencent.group_members[ROOM] = {}
    fake_tencent.group_owners[ROOM] = NEW_OWNER
    app_config = fake_tencent.configure(with_groups(with_doors(config), poll_s=600))
    async with running(app_config) as client:
        params, body = wecom_push(_owner_changed(int(time.time())))
        assert (await client.post("/wecom", params=params, data=body)).status == 200
        assert await _room_owner(sessions) == NEW_OWNER
    ticket = await _open_request(app_config, sessions)
    assert await outbox_rows(sessions, OWNER) == []            # configured owner: not any more
    [notice] = await outbox_rows(sessions, NEW_OWNER)
    assert json.loads(notice.payload)["ticket"] == ticket.number
    async with sessions() as session, session.begin():
        ticket = await session.get(Ticket, ticket.id)
        await group_tasks.answer(session, ticket, "a1", "车已挪走", utcnow(), TZ)
    async with sessions() as session:
        [task] = list(await session.scalars(select(GroupTask)))
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
    assert task.owner == NEW_OWNER and panel["owner"] == NEW_OWNER


async def test_a_task_unconfirmed_past_the_timeout_is_overdue_and_reminded_once(config,
                                                                               sessions):
    app_config = with_groups(config)                  # task_timeout_h: a day by default
    ticket = await _open_request(app_config, sessions)
    async with sessions() as session, session.begin():
        ticket = await session.get(Ticket, ticket.id)
        await group_tasks.answer(session, ticket, "a1", "车已挪走", utcnow() - timedelta(hours=25),
                                 TZ)
        await group_tasks.answer(session, ticket, "a1", "明天上午处理", utcnow(), TZ)
    async with running(app_config) as client:
        assert await sweep_tasks(client.server.app) == 1
        assert await sweep_tasks(client.server.app) == 0       # reminded once
    reminders = [json.loads(job.payload)["text"] for job in await outbox_rows(sessions, OWNER)
                 if job.kind == "wecom_app" and "已超时" in json.loads(job.payload)["text"]]
    assert len(reminders) == 1 and "车已挪走" in reminders[0] and ticket.number in reminders[0]
    async with sessions() as session:
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
        states = [json.loads(e.data)["state"] for e in await session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id,
                                      TicketEvent.type == "group_task").order_by(TicketEvent.id))]
    assert [t["label"] for t in panel["tasks"]] == ["待群主确认（已超时）", "待群主确认"]
    assert states == ["pending", "pending", "overdue"]
    # The owner sends it at last: sent, as ever.
    await local.post(sessions, ROOM, OWNER, "车已挪走")
    await (await make_poller(app_config, sessions)).run_once()
    async with sessions() as session:
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
    assert [t["label"] for t in panel["tasks"]] == ["已发送", "待群主确认"]


async def test_an_overdue_task_of_a_previous_owner_reminds_the_owner_now(config, sessions):
    app_config = with_groups(config)
    ticket = await _open_request(app_config, sessions)
    async with sessions() as session, session.begin():
        ticket = await session.get(Ticket, ticket.id)
        await group_tasks.answer(session, ticket, "a1", "车已挪走", utcnow() - timedelta(hours=25),
                                 TZ)
        await group_store.set_owner(session, ROOM, NEW_OWNER)      # change_owner since
    async with running(app_config) as client:
        assert await sweep_tasks(client.server.app) == 1

    def overdue(rows):
        return [json.loads(job.payload)["text"] for job in rows
                if job.kind == "wecom_app" and "已超时" in json.loads(job.payload)["text"]]

    assert overdue(await outbox_rows(sessions, OWNER)) == []
    [reminder] = overdue(await outbox_rows(sessions, NEW_OWNER))
    assert "车已挪走" in reminder and OWNER in reminder and ticket.number in reminder
    async with sessions() as session:
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
    [task] = panel["tasks"]
    assert task["owner"] == OWNER and panel["owner"] == NEW_OWNER
    assert task["label"].startswith("待群主确认（已超时）") and NEW_OWNER in task["label"]
    # The owner now posts its words in the group: the task is sent.
    await local.post(sessions, ROOM, NEW_OWNER, "车已挪走")
    await (await make_poller(app_config, sessions)).run_once()
    async with sessions() as session:
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
    assert [t["label"] for t in panel["tasks"]] == ["已发送"]
