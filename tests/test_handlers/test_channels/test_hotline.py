"""Hotline calls into tickets: validation, classification, category, idempotency, SMS."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.channels.hotline import HotlineDesk
from handlers.channels.hotline_calls import parse_call
from handlers.core.errors import Invalid
from handlers.core.privacy import normalize_phone
from handlers.tickets.sms import SmsNotices
from tests.conversations import NOW
from tests.doors import CALLER, call

TZ = ZoneInfo("Asia/Shanghai")


def _parse(**changes):
    body = call(**changes)
    for name, value in list(changes.items()):
        if value is _DROP:
            del body[name]
    return parse_call(body, TZ, NOW)


_DROP = object()


@pytest.fixture
def desk(sessions, services, clock) -> HotlineDesk:
    return HotlineDesk(sessions, services, clock=clock)


# --- validation (no database) ---------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field"), [
    ({"call_id": _DROP}, "call_id"),
    ({"call_id": 12}, "call_id"),
    ({"call_id": "has space"}, "call_id"),
    ({"call_id": "x" * 129}, "call_id"),
    ({"caller": "138-1234-abcd"}, "caller"),
    ({"caller": 13812345678}, "caller"),
    ({"started_at": _DROP}, "started_at"),
    ({"started_at": "yesterday"}, "started_at"),
    ({"started_at": True}, "started_at"),
    ({"started_at": "2030-01-01T00:00:00+08:00"}, "started_at"),
    ({"transcript": _DROP}, "transcript"),
    ({"transcript": "   "}, "transcript"),
    ({"transcript": ["a"]}, "transcript"),
    ({"transcript": "字" * 10_001}, "transcript"),
    ({"operator": 7}, "operator"),
    ({"operator": "x" * 65}, "operator"),
    ({"category": "noise"}, "category"),
    ({"category": 3}, "category"),
])
def test_bad_fields_name_the_field(changes, field):
    with pytest.raises(Invalid) as error:
        _parse(**changes)
    assert error.value.field == field


def test_body_must_be_an_object():
    with pytest.raises(Invalid) as error:
        parse_call([1, 2], TZ, NOW)
    assert error.value.field == "body"


def test_started_at_iso_unix_and_naive_local():
    assert _parse(started_at=1764035700).started_at == datetime(2025, 11, 25, 1, 55, tzinfo=UTC)
    assert _parse(started_at="1764035700").started_at.year == 2025
    naive = _parse(started_at="2026-11-25T09:55:00").started_at
    assert naive == datetime(2026, 11, 25, 1, 55, tzinfo=UTC)
    assert _parse(started_at="2026-11-25T01:55:00Z").started_at == naive


@pytest.mark.parametrize(("given", "stored"), [
    ("+86138-1234-5678", "13812345678"), ("008613812345678", "13812345678"),
    ("8613812345678", "13812345678"), ("0635-8241234", "06358241234"),
    ("+4930123456", "+4930123456"),
])
def test_caller_normalised(given, stored):
    assert normalize_phone(given) == stored
    assert _parse(caller=given).caller == stored


@pytest.mark.parametrize("withheld", ["", None, _DROP])
def test_withheld_caller(withheld):
    assert _parse(caller=withheld).caller is None


# --- tickets --------------------------------------------------------------------------------

async def test_call_opens_hotline_ticket_with_phone(desk, db):
    received = await desk.receive(_parse())
    assert received.created
    [ticket] = await db.tickets()
    assert ticket.number == received.number and ticket.channel == "hotline"
    assert ticket.contact_phone == CALLER and ticket.openid is None
    assert ticket.kind == "complaint" and ticket.unit == "古楼派出所"
    types = [e.type for e in await db.events(ticket)]
    assert types[:2] == ["created", "message_in"]
    message_in = (await db.events(ticket))[1]
    assert json.loads(message_in.data)["call_id"]
    assert message_in.actor == "resident"


async def test_same_call_twice_is_one_ticket(desk, db):
    parsed = _parse()
    first = await desk.receive(parsed)
    again = await desk.receive(parsed)
    assert (again.number, again.created) == (first.number, False)
    assert len(await db.tickets()) == 1


async def test_concurrent_identical_calls_one_ticket(sessions, services, clock, db):
    parsed = _parse()
    # Separate desks, as on separate instances sharing the database.
    desks = [HotlineDesk(sessions, services, clock=clock) for _ in range(5)]
    results = await asyncio.gather(*(d.receive(parsed) for d in desks))
    assert len({r.number for r in results}) == 1
    assert sum(r.created for r in results) == 1
    assert len(await db.tickets()) == 1


async def test_emergency_transcript_is_p1_and_alerts_group(desk, db):
    received = await desk.receive(_parse(transcript="有人正在砸我家门，拿着刀，快来人"))
    [ticket] = await db.tickets()
    assert ticket.number == received.number
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
    [job] = await db.outbox("wecom_robot")
    assert ticket.number in json.loads(job.payload)["text"]
    assert job.priority == 0
    assert CALLER not in job.payload
    assert "alert" in [e.type for e in await db.events(ticket)]


async def test_an_emergency_calls_place_reaches_the_alert_and_no_location_was_asked(desk, db):
    """A caller cannot be sent WeChat's location button: the alert must not say it was asked."""
    await desk.receive(_parse(transcript="人民广场有人拿着刀追人，快来人"))
    [ticket] = await db.tickets()
    assert ticket.place == "人民广场"
    [job] = await db.outbox("wecom_robot")
    text = json.loads(job.payload)["text"]
    assert "位置：群众所述：人民广场\n" in text and "已请群众发送位置" not in text
    await desk.receive(_parse(call_id="c-2", transcript="有人正在砸我家门，拿着刀，快来人"))
    second = json.loads((await db.outbox("wecom_robot"))[-1].payload)["text"]
    assert "位置：未知\n" in second


async def test_category_overrides_classifier(desk, db):
    await desk.receive(_parse(transcript="有人正在砸我家门，拿着刀，快来人", category="complaint"))
    await desk.receive(_parse(transcript="楼下噪音很大", category="emergency"))
    await desk.receive(_parse(transcript="楼下噪音很大", category="status"))
    first, second, third = await db.tickets()
    assert (first.kind, first.priority) == ("complaint", "P3")
    assert (second.kind, second.priority) == ("emergency", "P1")
    assert third.kind == "consult"
    assert len(await db.outbox("wecom_robot")) == 1


async def test_other_intent_becomes_consult(desk, db):
    await desk.receive(_parse(transcript="你好"))
    [ticket] = await db.tickets()
    assert ticket.kind == "consult"


async def test_withheld_caller_ticket_has_no_contact(desk, db):
    await desk.receive(_parse(caller=""))
    [ticket] = await db.tickets()
    assert ticket.contact_phone is None
    assert json.loads((await db.events(ticket))[1].data)["withheld"] is True


async def test_sms_accepted_only_with_gateway_and_mobile(sessions, services, clock, db):
    desk = HotlineDesk(sessions, services, sms=SmsNotices(enabled=True), clock=clock)
    received = await desk.receive(_parse())
    await desk.receive(_parse(caller=""))
    await desk.receive(_parse(caller="0635-8241234"))
    [job] = await db.outbox("sms")
    assert job.recipient == CALLER
    assert json.loads(job.payload) == {"phone": CALLER, "template": "受理",
                                       "params": {"number": received.number},
                                       "ticket": received.number}


async def test_no_sms_without_gateway(desk, db):
    await desk.receive(_parse())
    assert await db.outbox("sms") == []
