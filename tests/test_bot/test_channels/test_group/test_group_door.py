"""The group door in the running app: msgaudit_notify on /wecom wakes the poller,
change_external_chat counts members, and WeCom's group APIs as the fake Tencent serves them."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time

import aiohttp
import pytest
from sqlalchemy import select

from bot.channels.group import local
from bot.channels.group.wecom_group import ConsentApi
from bot.delivery.group_tasks import group_task_sender
from bot.delivery.outbox import Undeliverable
from storage.base import utcnow
from storage.delivery.models import LocalDelivery
from storage.delivery.outbox import Claimed
from storage.groups import tasks as task_store
from storage.groups.models import ArchiveCursor, GroupRoom, GroupTask
from storage.tickets.models import TicketEvent
from tests.doors import CORP_ID, wecom_event, wecom_push, with_doors
from tests.groups import AUNT, OWNER, ROOM, member_id, stored, with_groups
from tests.helpers import running
from tests.workbench import ticket

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下"


async def _until(check, within: float = 8.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = await check()
        if found:
            return found
        await asyncio.sleep(0.05)
    return await check()


async def test_msgaudit_notify_wakes_the_poller(config, sessions):
    app_config = with_groups(with_doors(config), poll_s=600)   # only a wake-up reads soon
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    async with running(app_config, run_workers=True) as client:
        # The poller's first read (its claim of the cursor, then an empty archive): waited
        # for, not assumed done within a fixed time (on a loaded machine it was not).
        assert await _until(lambda: _cursor_held(sessions))
        await asyncio.sleep(0.3)
        await local.post(sessions, ROOM, aunt, PARKING)
        await asyncio.sleep(0.3)
        assert await stored(sessions) == []      # not without a wake-up
        params, body = wecom_push(wecom_event("sys", "msgaudit_notify"))
        response = await client.post("/wecom", params=params, data=body)
        assert response.status == 200
        messages = await _until(lambda: stored(sessions))
    assert [m.text for m in messages] == [PARKING]


async def _cursor_held(sessions) -> bool:
    async with sessions() as session:
        return bool(await session.scalar(select(ArchiveCursor.holder)))


def _membership(detail: str, count: int, create_time: int) -> str:
    return (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName>"
            f"<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{create_time}</CreateTime>"
            f"<MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[{ROOM}]]></ChatId>"
            f"<ChangeType><![CDATA[update]]></ChangeType>"
            f"<UpdateDetail><![CDATA[{detail}]]></UpdateDetail><JoinScene>1</JoinScene>"
            f"<MemChangeCnt>{count}</MemChangeCnt></xml>")


async def test_membership_events_count_members_once(config, sessions):
    app_config = with_groups(with_doors(config), poll_s=600)
    now = int(time.time())
    async with running(app_config) as client:
        for xml in (_membership("add_member", 3, now), _membership("add_member", 3, now),
                    _membership("del_member", 1, now + 1)):
            params, body = wecom_push(xml)
            assert (await client.post("/wecom", params=params, data=body)).status == 200

        async def room():
            async with sessions() as session:
                row = await session.get(GroupRoom, ROOM)
                return row if row is not None and row.left else None

        found = await _until(room)
    assert (found.members, found.joined, found.left) == (2, 3, 1)   # the retry counted once


async def test_consent_asked_of_wecom(config, sessions, fake_tencent):
    app_config = fake_tencent.configure(config)
    app_config = dataclasses.replace(app_config, groups=dataclasses.replace(
        with_groups(app_config).groups, corp_id=fake_tencent.corp_id,
        secret=fake_tencent.archive_secret))
    fake_tencent.room_consent[ROOM] = {"wmAgreed00000001": "Agree",
                                       "wmRefused0000001": "Disagree"}
    async with aiohttp.ClientSession() as http:
        answers = await ConsentApi(app_config, http, sessions).room_consent(ROOM)
    assert {m: c.agreed for m, c in answers.items()} == {"wmAgreed00000001": True,
                                                          "wmRefused0000001": False}


def _job(text: str) -> Claimed:
    payload = {"room_id": ROOM, "text": text, "task": 1, "ticket": "DCF20261203-0001",
               "notice": "【群发待确认】工单 DCF20261203-0001"}
    return Claimed(id=1, kind="group_task", recipient=OWNER, payload=payload, priority=3,
                   attempts=0, created_at=utcnow(), inbound_id=None, reclaimed=False)


async def test_group_task_created_with_wecom_and_the_owner_told(config, sessions,
                                                                fake_tencent):
    app_config = fake_tencent.configure(with_groups(config))
    app_config = dataclasses.replace(app_config, wechat=dataclasses.replace(
        app_config.wechat, api_base_url=fake_tencent.url))
    async with aiohttp.ClientSession() as http:
        await group_task_sender(app_config, http, sessions)(_job("车已挪走"))
    [task] = fake_tencent.delivered("add_msg_template")
    assert task.body["chat_type"] == "group" and task.body["sender"] == OWNER
    assert task.body["text"]["content"] == "车已挪走"
    [notice] = fake_tencent.delivered("wecom_send")
    assert notice.body["touser"] == OWNER


async def test_group_task_in_local_mode_is_recorded_for_jingmin_chat(config, sessions):
    async with aiohttp.ClientSession() as http:
        await group_task_sender(with_groups(config), http, sessions)(_job("车已挪走"))
    async with sessions() as session:
        rows = list(await session.scalars(select(LocalDelivery).order_by(LocalDelivery.id)))
    assert [(r.endpoint, r.recipient) for r in rows] == [("group_task", OWNER),
                                                         ("wecom_send", OWNER)]
    assert json.loads(rows[0].body)["text"] == "车已挪走"


async def test_group_task_without_the_wecom_app_fails_and_frees_the_quota(config, sessions):
    app_config = dataclasses.replace(with_groups(config), wechat=dataclasses.replace(
        config.wechat, api_base_url="https://api.weixin.qq.com"))
    opened = await ticket(sessions, config, channel="group", openid=None)
    async with sessions() as session, session.begin():
        task = task_store.create(session, room_id=ROOM, ticket_id=opened.id, officer="a1",
                                 owner=OWNER, text="车已挪走", month="2026-12", now=utcnow())
        await session.flush()
        task_id = task.id
    job = _job("车已挪走")
    job.payload["task"] = task_id
    async with aiohttp.ClientSession() as http:
        with pytest.raises(Undeliverable):
            await group_task_sender(app_config, http, sessions)(job)
    async with sessions() as session:
        assert (await session.get(GroupTask, task_id)).state == "failed"
        assert await task_store.used(session, ROOM, "2026-12") == 0
        events = list(await session.scalars(select(TicketEvent).where(
            TicketEvent.ticket_id == opened.id, TicketEvent.type == "group_task")))
    assert [json.loads(e.data)["state"] for e in events] == ["failed"]
