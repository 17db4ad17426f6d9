"""Replies WeChat would not deliver: a template notice, a callback task, and delivery inside
the passive reply to the resident's next message."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import timedelta

import aiohttp
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot import keys
from bot.app import create_app
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from handlers import texts
from handlers.conversation import held
from handlers.core.held import HeldIndex
from handlers.officers import deliveries
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage
from storage.tickets.models import CallbackTask
from tests.helpers import APP_ID, running, with_wechat
from tests.pushes import safe_push, text_xml


async def _hold(sessions, services, openid, number, text):
    """A reply the outbox could not send, as the worker records it."""
    async with sessions() as session, session.begin():
        job = outbox.enqueue(session, "wechat_text", openid, {"text": text, "ticket": number})
        job.state = "held"
        await session.flush()
        await held.after_delivery(session, services.held, "held", job.id, "wechat_text",
                                  openid, {"text": text, "ticket": number}, "window closed",
                                  utcnow())


async def test_held_reply_goes_out_with_the_next_passive_reply(chat, db, sessions, services):
    await chat.say("o-h", "楼上天天半夜蹦迪，吵死了 电话13812345678")
    ticket = await db.ticket("o-h")
    await _hold(sessions, services, "o-h", ticket.number, "民警已联系您的邻居，请放心。")
    reply = await chat.say("o-h", "你好")
    assert reply.startswith(texts.text("held_intro"))
    # §4: the complaint's reply carried the 110 line, so this one does not.
    assert "民警已联系您的邻居" in reply and texts.LINE_110 not in reply
    [job] = await db.outbox("wechat_text")
    assert job.state == "sent"
    # Delivered once: the next message carries nothing old.
    assert "民警已联系您的邻居" not in await chat.say("o-h", "好的")


async def test_a_held_reply_owes_a_call_when_the_resident_gave_a_phone(chat, db, sessions,
                                                                       services):
    await chat.say("o-p", "楼上天天半夜蹦迪，吵死了 电话13812345678")
    ticket = await db.ticket("o-p")
    await _hold(sessions, services, "o-p", ticket.number, "已处理完毕")
    async with sessions() as session:
        [task] = list(await session.scalars(select(CallbackTask)))
    assert (task.phone, task.text, task.state) == ("13812345678", "已处理完毕", "open")
    assert "delivery_failed" in [e.type for e in await db.events(ticket)]


async def test_a_reply_held_again_keeps_its_one_open_call(chat, db, sessions, services):
    # Released when the resident wrote, refused again for the quota: still one call owed.
    await chat.say("o-again", "楼上天天半夜蹦迪，吵死了 电话13812345678")
    ticket = await db.ticket("o-again")
    payload = {"text": "已处理完毕", "ticket": ticket.number}
    await _hold(sessions, services, "o-again", ticket.number, "已处理完毕")
    async with sessions() as session, session.begin():
        jobs = await outbox.held_for(session, "o-again")
        outbox.release_held(session, jobs, utcnow())
    [job] = jobs
    async with sessions() as session, session.begin():
        await held.after_delivery(session, services.held, "held", job.id, "wechat_text",
                                  "o-again", payload, "quota spent", utcnow())
    await _hold(sessions, services, "o-again", ticket.number, "另一条回复")
    async with sessions() as session:
        tasks = list(await session.scalars(select(CallbackTask).order_by(CallbackTask.id)))
    assert [(task.text, task.state) for task in tasks] == [("已处理完毕", "open"),
                                                           ("另一条回复", "open")]
    events = [e.type for e in await db.events(ticket)]
    assert events.count("delivery_failed") == 2


async def test_two_held_replies_with_the_same_text_owe_two_calls(chat, db, sessions,
                                                                 services):
    # A resident told the same thing twice: each held reply is its own call to make.
    await chat.say("o-twice", "楼上天天半夜蹦迪，吵死了 电话13812345678")
    ticket = await db.ticket("o-twice")
    await _hold(sessions, services, "o-twice", ticket.number, "已处理完毕")
    await _hold(sessions, services, "o-twice", ticket.number, "已处理完毕")
    async with sessions() as session:
        tasks = list(await session.scalars(select(CallbackTask).order_by(CallbackTask.id)))
    assert [(task.text, task.state) for task in tasks] == [("已处理完毕", "open")] * 2
    assert len({task.outbox_job_id for task in tasks}) == 2


async def test_anonymous_tips_get_no_call(chat, db, sessions, services):
    await chat.say("o-anon", "我要匿名举报，小区里有人聚众赌博")
    ticket = await db.ticket("o-anon")
    await _hold(sessions, services, "o-anon", ticket.number, "已处理")
    async with sessions() as session:
        assert list(await session.scalars(select(CallbackTask))) == []


async def test_template_notice_when_the_window_has_closed(tencent_config, fake_tencent,
                                                          sessions):
    config = dataclasses.replace(tencent_config, wechat=dataclasses.replace(
        tencent_config.wechat, template_id="tmpl-1",
        template_fields={"keyword1": "number", "keyword2": "status", "remark": "text"}))
    from handlers.core.settings import TicketSettings
    from handlers.tickets.opening import open_ticket
    from handlers.tickets.workcalendar import WorkCalendar

    settings = TicketSettings.from_config(config)
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key="msg:old", openid="o-t",
                                   msg_type="text", received_at=utcnow() - timedelta(days=3)))
        ticket = await open_ticket(session, settings, WorkCalendar(settings.tz),
                                   kind="complaint", text="噪音", channel="wechat", now=utcnow(),
                                   openid="o-t")
        outbox.enqueue(session, "wechat_text", "o-t",
                       {"text": "邻居已承诺整改", "ticket": ticket.number})
    async with aiohttp.ClientSession() as http:
        worker = OutboxWorker(sessions, build_senders(config, http, sessions, timeout=2),
                              Metrics())
        await worker.run_once()
    [call] = fake_tencent.delivered("template_send")
    data = call.body["data"]
    assert data["keyword1"]["value"] == ticket.number and data["keyword2"]["value"] == "待受理"
    assert "邻居已承诺整改" not in json.dumps(call.body, ensure_ascii=False)  # it waits
    assert fake_tencent.delivered("custom_send") == []
    async with sessions() as session:
        job = await session.scalar(select(OutboxJob))
    assert job.state == "held" and "template notice sent" in job.last_error


def test_an_exact_index_trusts_its_set_only_once_seeded():
    # Start-up could not read the database: every resident is checked rather than none.
    index = HeldIndex(exact=True)
    assert index.maybe("o-held")
    index.seed(set())
    assert not index.maybe("o-held")
    index.add("o-held")
    assert index.maybe("o-held")
    index.done("o-held")
    assert not index.maybe("o-held")


async def test_a_held_reply_goes_out_on_its_own_when_the_next_reply_is_late(config, sessions):
    """The resident's next message opens WeChat's window again; its reply misses the passive
    budget, so the held reply is sent as a customer-service message of its own and records
    that, not a passive delivery it never had."""
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key="msg:earlier", openid="o-hl",
                                   msg_type="text", state="handled",
                                   received_at=utcnow() - timedelta(days=3)))
        job = outbox.enqueue(session, "wechat_text", "o-hl", {"text": "民警已联系您的邻居。"})
        job.state, job.last_error = "held", "customer-service window closed"
    app = create_app(with_wechat(config, reply_budget_s=0.001))
    async with TestClient(TestServer(app)) as client:
        params, body = safe_push(text_xml("o-hl", "你好"), APP_ID)
        response = await client.post("/wechat", params=params, data=body)
        assert await response.text() == "success"
        sent: list[str] = []
        for _ in range(100):
            response = await client.get("/local/deliveries",
                                        params={"openid": "o-hl", "after": "0"})
            sent = [item["text"] for item in (await response.json())["items"]]
            if len(sent) == 2:
                break
            await asyncio.sleep(0.1)
    # Two customer-service messages: the held reply, and the late reply without it.
    assert len(sent) == 2 and "民警已联系您的邻居。" in sent
    [late] = [text for text in sent if text != "民警已联系您的邻居。"]
    assert texts.text("held_intro") not in late
    async with sessions() as session:
        job = await session.get(OutboxJob, job.id)
    assert job.state == "sent" and "passive" not in job.last_error
    assert deliveries.state(job, None, str)["label"] == texts.text("delivery_sent")


async def test_the_apps_worker_keys_each_call_by_its_held_reply(tencent_config, fake_tencent,
                                                                 sessions):
    # Through the app's outbox worker: WeChat refuses both (45047, quota spent), and the
    # same words sent twice owe two calls, each naming the reply it stands for.
    from handlers.core.settings import TicketSettings
    from handlers.tickets.opening import open_ticket
    from handlers.tickets.workcalendar import WorkCalendar

    settings = TicketSettings.from_config(tencent_config)
    fake_tencent.openid_error("o-w", 45047)
    async with sessions() as session, session.begin():
        ticket = await open_ticket(session, settings, WorkCalendar(settings.tz),
                                   kind="complaint", text="噪音", channel="wechat", now=utcnow(),
                                   openid="o-w", contact_phone="13812345678")
        jobs = [outbox.enqueue(session, "wechat_text", "o-w",
                               {"text": "已处理完毕", "ticket": ticket.number})
                for _ in range(2)]
    async with running(tencent_config) as client:
        while await client.server.app[keys.OUTBOX].run_once():
            pass
    async with sessions() as session:
        states = [(await session.get(OutboxJob, job.id)).state for job in jobs]
        tasks = list(await session.scalars(select(CallbackTask).order_by(CallbackTask.id)))
    assert states == ["held", "held"]
    assert [(task.outbox_job_id, task.text) for task in tasks] == \
        [(job.id, "已处理完毕") for job in jobs]
