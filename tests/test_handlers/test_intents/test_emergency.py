"""Emergencies: 110 first, a P1 ticket, one alert to the police group, repeats joined."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from handlers import texts
from handlers.core.settings import Unit
from storage.delivery import outbox
from tests.conversations import DAY, make_chat, orm_tickets_built

FIGHT = "柳园小区门口正在打架，有人拿刀"
PHONE = "13812345678"


async def test_instant_110_reply_ticket_and_alert(chat, db, services):
    reply = await chat.say("o-1", f"{FIGHT}，我电话{PHONE}")
    ticket = await db.ticket("o-1")
    assert reply.startswith("请立即拨打110")
    assert services.settings.duty_phone in reply and ticket.number in reply
    assert (ticket.kind, ticket.priority, ticket.status) == ("emergency", "P1", "new")
    assert (ticket.unit, ticket.area) == ("古楼派出所", "柳园")
    [job] = await db.outbox()
    assert (job.kind, job.priority) == ("wecom_robot", outbox.PRIORITY_EMERGENCY) == (
        "wecom_robot", 0)
    alert = json.loads(job.payload)["text"]
    for part in (ticket.number, "紧急警情", "古楼派出所", "柳园",
                 services.console_link(ticket.number)):
        assert part in alert
    # The group is wide: no phone number and none of the resident's words.
    assert not re.search(r"\d{7,}", alert.replace(ticket.number, ""))
    assert PHONE not in alert and "打架" not in alert and "拿刀" not in alert
    types = [e.type for e in await db.events(ticket)]
    assert types == ["created", "alert", "auto_reply"]


@contextlib.contextmanager
def _orm_flushes():
    """The ORM objects each flush of any session writes or changes, by class name."""
    flushed: list[str] = []

    def before(session, _context, _instances):
        flushed.extend(type(obj).__name__ for obj in (*session.new, *session.dirty))

    event.listen(Session, "before_flush", before)
    try:
        yield flushed
    finally:
        event.remove(Session, "before_flush", before)


async def test_the_alert_leaves_nothing_for_the_orm_to_flush(chat, db):
    # The alert's job waits with the ticket's events (storage.deferred): the unit of work
    # that opened the emergency may then commit on SQLite's fast path (storage.inline).
    with _orm_flushes() as flushed:
        await chat.say("o-1", FIGHT)
    assert flushed == []
    [job] = await db.outbox()
    assert (job.kind, job.state, job.attempts, job.priority) == ("wecom_robot", "pending", 0, 0)


async def test_raising_an_emergency_builds_no_orm_ticket(chat, db, services):
    # The opener's unit of work is Core writes only (storage.tickets.store.open_plain):
    # the alert, the resident's answer and the where-are-you read the row it wrote.
    with orm_tickets_built() as built:
        reply = await chat.say("o-1", "人民广场公交站这边有人拿刀砍人，快来")
    ticket = await db.ticket("o-1")
    assert built == [] and ticket.number in reply
    assert texts.text("emergency_ask_location") in reply
    [job] = await db.outbox()
    alert = json.loads(job.payload)["text"]
    assert ticket.number in alert and ticket.place and ticket.place in alert
    assert [e.type for e in await db.events(ticket)] == ["created", "alert", "auto_reply"]


async def test_the_units_own_phone_when_it_has_one(config, sessions, services, clock, db):
    units = tuple(dataclasses.replace(u, phone="0635-1234567") if u.name == "湖西派出所" else u
                  for u in services.settings.units)
    assert all(isinstance(u, Unit) for u in units)
    services.settings = dataclasses.replace(services.settings, units=units)
    reply = await make_chat(sessions, services, clock).say("o-1", "湖西街道有人正在打架")
    assert reply.startswith("请立即拨打110") and "湖西派出所值班电话：0635-1234567" in reply
    assert "0635-8888110" not in reply


async def test_an_unknown_place_alerts_with_area_unknown(chat, db):
    await chat.say("o-1", "有人正在打架，快来人")
    [job] = await db.outbox("wecom_robot")
    ticket = await db.ticket("o-1")
    assert ticket.flagged_unassigned
    assert f"区域：{texts.text('area_unknown')}" in json.loads(job.payload)["text"]


async def test_a_repeat_within_10_minutes_joins_the_same_ticket(chat, clock, db):
    first = await chat.say("o-1", FIGHT)
    clock.advance(minutes=9, seconds=59)
    again = await chat.say("o-1", "他们还在打架，有人受伤了")
    ticket = await db.ticket("o-1")
    assert again.startswith("请立即拨打110") and ticket.number in again and ticket.number in first
    assert len(await db.outbox("wecom_robot")) == 1
    joined = [e for e in await db.events(ticket) if e.type == "message_in"]
    assert [(e.actor, e.text) for e in joined] == [("resident", "他们还在打架，有人受伤了")]
    # A location sent now belongs to the incident.
    assert ticket.number in await chat.location("o-1", 36.4563, 115.9859, "柳园小区")
    ticket = await db.ticket("o-1")
    assert (ticket.latitude, ticket.longitude) == (36.4563, 115.9859)


async def test_after_10_minutes_a_new_incident(chat, clock, db):
    await chat.say("o-1", FIGHT)
    clock.advance(minutes=10, seconds=1)
    reply = await chat.say("o-1", "又有人正在打架了")
    first, second = await db.tickets("o-1")
    assert (first.number, second.number) == (f"DCF{DAY}-0001", f"DCF{DAY}-0002")
    assert second.number in reply and second.kind == "emergency"
    assert len(await db.outbox("wecom_robot")) == 2


async def test_another_residents_emergency_is_its_own_ticket(chat, db):
    await chat.say("o-1", FIGHT)
    await chat.say("o-2", FIGHT)
    assert len(await db.tickets()) == 2 and len(await db.outbox("wecom_robot")) == 2


@pytest.mark.parametrize("text", ["上个月有人在小区打架", "去年有人在我家门口打架"])
async def test_past_wording_is_a_p2_complaint_without_alert(chat, db, text):
    reply = await chat.say("o-1", text)
    ticket = await db.ticket("o-1")
    assert not reply.startswith("请立即拨打110")
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")
    assert "downgraded_emergency" in json.loads(ticket.intent_reasons)
    assert await db.outbox("wecom_robot") == []


async def test_a_place_named_outside_the_areas_reaches_the_alert_and_can_be_told_better(
        chat, db, clock):
    await chat.say("o-1", "有个男的一直跟着我，我现在在人民广场，好害怕")
    ticket = await db.ticket("o-1")
    assert ticket.place == "人民广场"
    [job] = await db.outbox("wecom_robot")
    assert "群众所述：人民广场" in job.payload and texts.text("area_unknown") in job.payload
    clock.advance(minutes=2)
    await chat.say("o-1", "我在湖西街道幸福里小区门口")   # more precise, in a unit's area
    ticket = await db.ticket("o-1")
    assert (ticket.place, ticket.unit) == ("湖西街道幸福里小区门口", "湖西派出所")
    assert any("群众告知地点：湖西街道幸福里小区门口" in j.payload
               for j in await db.outbox("wecom_robot"))
