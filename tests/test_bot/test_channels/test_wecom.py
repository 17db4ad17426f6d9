"""GET/POST /wecom through the real app, with pushes built by wechatpy's enterprise crypto."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import time
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import select

from bot import keys
from bot.channels.answering import REAL_CLOCKS
from bot.channels.wecom import OFFICER_INTAKE
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from handlers import texts
from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage
from storage.tickets.models import CallbackTask, Ticket, TicketEvent
from tests.doors import (
    CALLER,
    call,
    open_wecom_reply,
    signed,
    wecom_echo,
    wecom_event,
    wecom_push,
    wecom_text,
    with_doors,
)
from tests.helpers import running
from tests.workbench import add_officer


@pytest.fixture
async def client(config, sessions):
    await add_officer(sessions, "a1", wecom_user="wx-a1")
    async with running(with_doors(config)) as client:
        yield client


async def send(client, xml: str, **push) -> aiohttp.ClientResponse:
    params, body = wecom_push(xml, **push)
    return await client.post("/wecom", params=params, data=body)


async def answer(client, xml: str, **push) -> str:
    response = await send(client, xml, **push)
    assert response.status == 200
    body = await response.text()
    return open_wecom_reply(body)["Content"] if body else ""


async def _rows(sessions, model, *where):
    async with sessions() as session:
        return list(await session.scalars(select(model).where(*where).order_by(model.id)))


# --- the URL check --------------------------------------------------------------------------

async def test_url_check_echoes_fast(client):
    started = time.monotonic()
    response = await client.get("/wecom", params=wecom_echo("echo-42"))
    assert response.status == 200 and await response.text() == "echo-42"
    assert time.monotonic() - started < 0.5


async def test_url_check_refusals(client):
    params = wecom_echo()
    bad = dict(params, msg_signature="0" * 40)
    assert (await client.get("/wecom", params=bad)).status == 403
    stale = wecom_echo(timestamp=int(time.time()) - 3600)
    assert (await client.get("/wecom", params=stale)).status == 403
    assert (await client.get("/wecom", params={"echostr": params["echostr"]})).status == 403


async def test_not_configured_refuses(config):
    async with running(config) as client:
        assert (await client.get("/wecom", params=wecom_echo())).status == 403
        params, body = wecom_push(wecom_text("wx-a1", "帮助"))
        assert (await client.post("/wecom", params=params, data=body)).status == 403


# --- refusals of pushes -----------------------------------------------------------------

async def test_push_refusals(client, sessions):
    params, body = wecom_push(wecom_text("wx-a1", "帮助"))
    assert (await client.post("/wecom", params=dict(params, msg_signature="0" * 40),
                              data=body)).status == 403
    stale_params, stale_body = wecom_push(wecom_text("wx-a1", "帮助"),
                                          timestamp=int(time.time()) - 600)
    assert (await client.post("/wecom", params=stale_params, data=stale_body)).status == 403
    assert (await client.post("/wecom", params=params, data="not xml")).status == 400
    assert (await client.post("/wecom", params=params, data="")).status == 400
    assert (await client.post("/wecom", params=params,
                              data="<xml><ToUserName>x</ToUserName></xml>")).status == 400
    doctype = '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>'
    assert (await client.post("/wecom", params=params, data=doctype)).status == 400
    assert (await client.post("/wecom", params=params, data="<xml>" + "a" * 70_000)).status == 413
    wrong_corp = await send(client, wecom_text("wx-a1", "帮助"), corp_id="wwsomeoneelse")
    assert wrong_corp.status == 400
    assert await _rows(sessions, InboundMessage) == []


async def test_bad_ciphertext_400(client):
    xml = "<xml><Encrypt><![CDATA[bm90IGEgY2lwaGVydGV4dA==]]></Encrypt></xml>"
    ts, nonce = str(int(time.time())), "n2"
    sig = hashlib.sha1("".join(sorted(["wecom-test-token", ts, nonce,
                                       "bm90IGEgY2lwaGVydGV4dA=="])).encode()).hexdigest()
    response = await client.post("/wecom", data=xml,
                                 params={"msg_signature": sig, "timestamp": ts, "nonce": nonce})
    assert response.status == 400


# --- commands ---------------------------------------------------------------------------

async def test_unknown_user_and_command(client):
    assert await answer(client, wecom_text("wx-stranger", "我的工单")) == \
        texts.text("wecom_unknown_user")
    assert await answer(client, wecom_text("wx-a1", "今天天气")) == \
        texts.text("wecom_unknown_command")
    assert "转工单" in await answer(client, wecom_text("wx-a1", "帮助"))


async def test_retry_recorded_once_and_answered_alike(client, sessions):
    xml = wecom_text("wx-a1", "转工单 群众反映柳园小区门口有人乱停车")
    first = await answer(client, xml)
    second = await answer(client, xml, nonce="other1")
    assert first == second and "已登记为工单" in first
    assert len(await _rows(sessions, InboundMessage, InboundMessage.channel == "wecom")) == 1
    [ticket] = await _rows(sessions, Ticket)
    assert ticket.channel == "wecom"


async def test_event_retries_deduped(client, sessions):
    event = wecom_event("wx-a1", "enter_agent", create_time=1764035700)
    assert await answer(client, event) == ""
    assert await answer(client, event) == ""
    assert len(await _rows(sessions, InboundMessage, InboundMessage.channel == "wecom")) == 1


async def test_concurrent_retries_one_command(client, sessions):
    xml = wecom_text("wx-a1", "转工单 群众反映柳园小区夜里有人大声喧哗")
    replies = await asyncio.gather(*(answer(client, xml, nonce=f"n{i}") for i in range(4)))
    assert len(set(replies)) == 1
    assert len(await _rows(sessions, Ticket)) == 1


async def test_hotline_call_worked_in_wecom(client, sessions):
    headers, raw = signed(call())
    number = (await (await client.post("/hotline/calls", data=raw, headers=headers)).json())[
        "ticket"]
    assert await answer(client, wecom_text("wx-a1", f"接单 {number}")) == \
        texts.text("wecom_taken", number=number)
    replied = await answer(client, wecom_text("wx-a1", f"回复 {number} 已联系物业处理"))
    assert "回访" in replied and CALLER not in replied
    assert await answer(client, wecom_text("wx-a1", f"办结 {number} 物业已整改")) == \
        texts.text("wecom_resolved", number=number)
    [ticket] = await _rows(sessions, Ticket)
    assert (ticket.status, ticket.assignee, ticket.channel) == ("resolved", "a1", "hotline")
    events = await _rows(sessions, TicketEvent, TicketEvent.ticket_id == ticket.id)
    assert [e.type for e in events] == ["created", "message_in", "assigned", "status",
                                        "signed", "reply_out", "status", "status"]
    assert json.loads(events[5].data)["delivery"] == "callback"
    assert [json.loads(e.data)["to"] for e in events if e.type == "status"] == \
        ["assigned", "in_progress", "resolved"]
    [task] = await _rows(sessions, CallbackTask)
    assert (task.phone, task.text, task.state) == (CALLER, "已联系物业处理", "open")


# --- late answers and outages -------------------------------------------------------------

async def test_late_answer_survives_wecom_outage(config, sessions, fake_tencent):
    await add_officer(sessions, "a1", wecom_user="wx-a1")
    slow = with_doors(config)
    slow = fake_tencent.configure(dataclasses.replace(
        slow, wechat=dataclasses.replace(slow.wechat, reply_budget_s=0.000001)))
    corp = fake_tencent.corp_id
    async with running(slow, clocks=REAL_CLOCKS) as client:
        params, body = wecom_push(wecom_text("wx-a1", "帮助"), corp_id=corp)
        response = await client.post("/wecom", params=params, data=body)
        assert response.status == 200 and await response.text() == ""
        for _ in range(100):
            jobs = await _rows(sessions, OutboxJob, OutboxJob.kind == "wecom_app")
            if jobs:
                break
            await asyncio.sleep(0.02)
    [job] = jobs
    assert job.recipient == "wx-a1" and "转工单" in json.loads(job.payload)["text"]
    fake_tencent.fail("wecom_send", status=503, times=1)
    async with aiohttp.ClientSession() as http:
        worker = OutboxWorker(sessions, build_senders(slow, http, sessions), Metrics())
        await worker.run_once()
        [job] = await _rows(sessions, OutboxJob, OutboxJob.kind == "wecom_app")
        assert job.state == "pending"       # the outage delays it; nothing is lost
        async with sessions() as session, session.begin():
            stored = await session.get(OutboxJob, job.id)
            stored.next_attempt_at = stored.created_at
        await worker.run_once()
    [job] = await _rows(sessions, OutboxJob, OutboxJob.kind == "wecom_app")
    assert job.state == "sent"
    [sent] = fake_tencent.delivered("wecom_send")
    assert sent.body["touser"] == "wx-a1"


async def test_a_command_left_half_done_by_a_stopped_instance_is_carried_out(client, sessions):
    # What a crash leaves: recorded, never handled, and long past any reply budget.
    async with sessions() as session, session.begin():
        session.add(InboundMessage(
            channel="wecom", dedupe_key="msg:wecom-crash-1", openid="wx-a1", msg_type="text",
            content="转工单 群众反映湖西小区路口红绿灯坏了", raw="<xml/>", state="received",
            received_at=utcnow() - timedelta(minutes=10)))
    intake = client.server.app[OFFICER_INTAKE]
    assert await intake.drain_backlog_once() == 1
    assert await intake.drain_backlog_once() == 0
    [row] = await _rows(sessions, InboundMessage, InboundMessage.channel == "wecom")
    assert (row.state, row.reply_mode) == ("handled", "outbox")
    [ticket] = await _rows(sessions, Ticket)
    assert ticket.channel == "wecom" and "红绿灯" in ticket.summary
    [job] = await _rows(sessions, OutboxJob, OutboxJob.inbound_id == row.id)
    assert (job.kind, job.recipient) == ("wecom_app", "wx-a1")
    assert "已登记为工单" in json.loads(job.payload)["text"]
    # Residents' backlog is untouched by officers' commands and the other way round.
    assert await client.server.app[keys.INTAKE].drain_backlog_once() == 0
