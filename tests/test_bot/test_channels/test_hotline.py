"""POST /hotline/calls through the real app: signatures, size, validation, idempotency, SMS."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import aiohttp
import pytest
from sqlalchemy import select

from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from storage.delivery.models import OutboxJob
from storage.tickets.models import Ticket
from tests.doors import CALLER, FakeSmsGateway, call, signed, with_doors
from tests.helpers import running

PATH = "/hotline/calls"


async def _tickets(sessions) -> list[Ticket]:
    async with sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def post(client, body, **sign):
    headers, raw = signed(body, **sign)
    return await client.post(PATH, data=raw, headers=headers)


@pytest.fixture
async def client(config):
    async with running(with_doors(config)) as client:
        yield client


async def test_call_then_retry(client, sessions):
    body = call()
    first = await post(client, body)
    assert first.status == 201
    number = (await first.json())["ticket"]
    again = await post(client, body)     # the call centre re-signs every retry
    assert again.status == 200 and (await again.json()) == {"ticket": number}
    [ticket] = await _tickets(sessions)
    assert (ticket.number, ticket.channel, ticket.contact_phone) == (number, "hotline", CALLER)


@pytest.mark.parametrize("headers", [
    {},
    {"X-Jingmin-Timestamp": str(int(time.time()))},
    {"X-Jingmin-Signature": "sha256=" + "0" * 64},
])
async def test_missing_signature_401(client, headers, sessions):
    response = await client.post(PATH, data=json.dumps(call()), headers=headers)
    assert response.status == 401
    assert await _tickets(sessions) == []


async def test_bad_and_stale_signatures_401(client, sessions):
    body = call()
    assert (await post(client, body, secret="wrong")).status == 401
    assert (await post(client, body, timestamp=int(time.time()) - 301)).status == 401
    assert (await post(client, body, timestamp=int(time.time()) + 301)).status == 401
    headers, raw = signed(body)
    tampered = raw.replace(CALLER.encode(), b"13900000000")
    assert (await client.post(PATH, data=tampered, headers=headers)).status == 401
    headers["X-Jingmin-Signature"] = headers["X-Jingmin-Signature"].replace("sha256=", "md5=")
    assert (await client.post(PATH, data=raw, headers=headers)).status == 401
    assert await _tickets(sessions) == []


async def test_body_over_64_kib_413(client):
    huge = json.dumps(call(transcript="噪" * 30_000)).encode()
    assert len(huge) > 64 * 1024
    headers, raw = signed(huge)
    assert (await client.post(PATH, data=raw, headers=headers)).status == 413

    async def chunks():     # no Content-Length: refused while reading
        for _ in range(80):
            yield b" " * 1024
    headers, _ = signed(b"")
    assert (await client.post(PATH, data=chunks(), headers=headers)).status == 413


@pytest.mark.parametrize(("raw", "field"), [
    (b"{not json", "body"),
    (b"[1, 2]", "body"),
    (b"\xff\xfe", "body"),
])
async def test_bad_json_400(client, raw, field):
    headers, body = signed(raw)
    response = await client.post(PATH, data=body, headers=headers)
    assert response.status == 400
    assert (await response.json())["field"] == field


@pytest.mark.parametrize(("changes", "field"), [
    ({"call_id": ""}, "call_id"),
    ({"caller": "138 abc"}, "caller"),
    ({"started_at": "not a time"}, "started_at"),
    ({"transcript": 5}, "transcript"),
    ({"category": "noise"}, "category"),
    ({"operator": ["x"]}, "operator"),
])
async def test_bad_fields_400_naming_field(client, changes, field, sessions):
    response = await post(client, call(**changes))
    assert response.status == 400
    answer = await response.json()
    assert answer["field"] == field and answer["message"]
    assert await _tickets(sessions) == []


async def test_concurrent_retries_one_ticket(client, sessions):
    body = call()
    responses = await asyncio.gather(*(post(client, body) for _ in range(8)))
    assert sorted(r.status for r in responses) == [200] * 7 + [201]
    assert len({(await r.json())["ticket"] for r in responses}) == 1
    assert len(await _tickets(sessions)) == 1


async def test_emergency_call_alerts_group(client, sessions):
    response = await post(client, call("有人正在砸我家门，拿着刀，快来人"))
    assert response.status == 201
    [ticket] = await _tickets(sessions)
    assert ticket.priority == "P1"
    async with sessions() as session:
        jobs = list(await session.scalars(select(OutboxJob).where(OutboxJob.kind == "wecom_robot")))
    assert len(jobs) == 1 and jobs[0].priority == 0


async def test_empty_secret_refuses_everything(config, caplog, sessions):
    caplog.set_level(logging.WARNING, logger="bot.hotline")
    async with running(with_doors(config, hotline_secret="")) as client:
        assert any("[hotline] secret is empty" in r.getMessage() for r in caplog.records)
        assert (await post(client, call(), secret="")).status == 401
    assert await _tickets(sessions) == []


async def test_sms_through_fake_gateway(config, sessions):
    async with FakeSmsGateway() as gateway:
        doors = with_doors(config, sms_url=gateway.url)
        async with running(doors) as client:
            number = (await (await post(client, call())).json())["ticket"]
        async with aiohttp.ClientSession() as http:
            worker = OutboxWorker(sessions, build_senders(doors, http, sessions), Metrics())
            await worker.run_once()
        assert gateway.refused == 0
        assert gateway.sent == [{"phone": CALLER, "template": "受理",
                                 "params": {"number": number}, "ticket": number}]
        async with sessions() as session:
            [job] = list(await session.scalars(select(OutboxJob).where(OutboxJob.kind == "sms")))
        assert job.state == "sent"


async def test_sms_gateway_refusal_is_a_dead_letter_without_phone(config, sessions):
    async with FakeSmsGateway(secret="not-ours") as gateway:
        doors = with_doors(config, sms_url=gateway.url)
        async with running(doors) as client:
            await post(client, call())
        async with aiohttp.ClientSession() as http:
            worker = OutboxWorker(sessions, build_senders(doors, http, sessions), Metrics())
            await worker.run_once()
        assert gateway.refused == 1 and gateway.sent == []
        async with sessions() as session:
            [job] = list(await session.scalars(select(OutboxJob).where(OutboxJob.kind == "sms")))
        assert job.state == "dead" and CALLER not in (job.last_error or "")
