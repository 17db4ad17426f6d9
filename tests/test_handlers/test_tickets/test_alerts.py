"""The police group: emergencies re-alerted until acknowledged, routine news bundled."""

from __future__ import annotations

import json
from datetime import timedelta

from handlers.tickets import alerts
from storage.tickets import store as ticket_store


async def _sweep(sessions, services, at):
    async with sessions() as session, session.begin():
        return await alerts.sweep(session, services, at)


def _texts(jobs):
    return [json.loads(job.payload)["text"] for job in jobs]


async def test_new_tickets_are_bundled_into_one_message_once(chat, db, sessions, services,
                                                             clock):
    for openid in ("o-a1", "o-a2", "o-a3"):
        await chat.say(openid, "楼上天天半夜蹦迪，吵死了")
    assert await _sweep(sessions, services, clock.now) == 1
    [bundle] = _texts(await db.outbox("wecom_robot"))
    numbers = [t.number for t in await db.tickets()]
    assert "【新工单】3件" in bundle and all(n in bundle for n in numbers)
    assert "蹦迪" not in bundle  # never the resident's words
    assert await _sweep(sessions, services, clock.now + timedelta(minutes=1)) == 0


async def test_first_response_deadlines_about_to_pass_and_passed(chat, db, sessions, services,
                                                                 clock):
    await chat.say("o-d", "小区门口老有人乱停车，堵得出不去")
    ticket = await db.ticket("o-d")
    await _sweep(sessions, services, clock.now)  # the new-ticket news
    due = ticket.first_response_due
    assert await _sweep(sessions, services, due - timedelta(minutes=20)) == 1
    assert "【即将超时】1件" in _texts(await db.outbox("wecom_robot"))[-1]
    assert await _sweep(sessions, services, due - timedelta(minutes=10)) == 0
    assert await _sweep(sessions, services, due + timedelta(minutes=1)) == 1
    assert "【已超时】1件" in _texts(await db.outbox("wecom_robot"))[-1]
    assert await _sweep(sessions, services, due + timedelta(minutes=2)) == 0


async def test_answered_tickets_are_not_chased(chat, db, sessions, services, clock):
    await chat.say("o-r", "小区门口老有人乱停车，堵得出不去")
    ticket = await db.ticket("o-r")
    async with sessions() as session, session.begin():
        stored = await ticket_store.get_by_number(session, ticket.number)
        ticket_store.add_event(session, stored, "officer1", "reply_out", "已安排民警处理",
                               at=clock.now, first_response=True)
    await _sweep(sessions, services, clock.now)
    assert await _sweep(sessions, services, ticket.first_response_due + timedelta(hours=1)) == 0


async def test_unacknowledged_emergencies_are_alerted_again_every_five_minutes(
        chat, db, sessions, services, clock):
    await chat.say("o-e", "救命！有人在砸我家门")
    ticket = await db.ticket("o-e")
    assert await _sweep(sessions, services, clock.now + timedelta(minutes=3)) == 0
    assert await _sweep(sessions, services, clock.now + timedelta(minutes=6)) == 1
    jobs = await db.outbox("wecom_robot")
    assert [job.priority for job in jobs] == [0, 0]
    assert "仍无人确认" in _texts(jobs)[-1] and ticket.number in _texts(jobs)[-1]
    assert await _sweep(sessions, services, clock.now + timedelta(minutes=8)) == 0
    async with sessions() as session, session.begin():
        stored = await ticket_store.get_by_number(session, ticket.number)
        stored.acknowledged_at, stored.acknowledged_by = clock.now, "officer1"
    assert await _sweep(sessions, services, clock.now + timedelta(minutes=20)) == 0


async def test_re_alerts_stop_after_the_cap(chat, db, sessions, services, clock):
    await chat.say("o-cap", "救命！有人在砸我家门")
    sent = 0
    for minutes in range(6, 200, 6):
        sent += await _sweep(sessions, services, clock.now + timedelta(minutes=minutes))
    assert sent == alerts.MAX_EMERGENCY_ALERTS - 1
