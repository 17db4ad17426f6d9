"""Alerts that are never silent: the resident hears of an alert only once it went out; a
failed or unanswered alert is escalated (WeCom app, SMS, console banner), once per reason."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

from handlers import texts
from handlers.console import admin as console_admin
from handlers.core.settings import AlertSettings
from handlers.officers.accounts import Actor
from handlers.tickets import alert_routes, escalation
from storage.tickets import store as ticket_store
from tests.workbench import UNIT_A, UNIT_B, add_officer

FIGHT = "柳园小区门口正在打架，有人拿刀"


async def _emergency(chat, db, openid: str = "o-1"):
    await chat.say(openid, FIGHT)
    ticket = await db.ticket(openid)
    [alert] = [j for j in await db.outbox("wecom_robot") if ticket.number in j.payload]
    return ticket, json.loads(alert.payload)


async def _run(sessions, fn, *args):
    async with sessions() as session, session.begin():
        return await fn(session, *args)


async def test_the_resident_is_told_once_the_alert_went_out_and_only_then(
        chat, db, sessions, services, clock):
    ticket, payload = await _emergency(chat, db)
    assert payload["alert"] == "emergency" and await db.outbox("wechat_text") == []
    assert await _run(sessions, escalation.delivered, services, "wecom_robot", payload,
                      clock.now)
    [told] = await db.outbox("wechat_text")
    assert told.recipient == "o-1" and told.priority == 0
    assert json.loads(told.payload)["text"] == texts.text("emergency_alert_delivered",
                                                          number=ticket.number)
    # A re-alert delivered later says nothing more.
    assert not await _run(sessions, escalation.delivered, services, "wecom_robot",
                          {**payload, "alert": "realert"}, clock.now)
    assert len(await db.outbox("wechat_text")) == 1
    types = [e.type for e in await db.events(await db.ticket("o-1"))]
    assert types[-2:] == ["alert_sent", "auto_reply"]
    assert (await db.ticket("o-1")).alert_sent_at is not None


async def test_a_failed_alert_is_escalated_to_the_units_officers_and_duty_mobiles(
        chat, db, sessions, services, clock):
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    await add_officer(sessions, "a2", UNIT_A)                      # no WeCom account
    await add_officer(sessions, "b1", UNIT_B, wecom_user="wx-b1")
    await add_officer(sessions, "sup", UNIT_B, "supervisor", wecom_user="wx-sup")
    services.alerting = dataclasses.replace(services.alerting, sms=True,
                                            mobiles=("13800001111", "13900002222"))
    ticket, payload = await _emergency(chat, db)
    assert await _run(sessions, escalation.failed, services, "wecom_robot", payload,
                      "errcode 500: fake failure", clock.now)
    app = await db.outbox("wecom_app")
    assert [j.recipient for j in app] == ["wx-a1"]
    body = json.loads(app[0].payload)
    assert body["alert"] == "escalation" and ticket.number in body["text"]
    assert "警务群提醒未能送达" in body["text"] and "位置：群众所述：柳园小区" in body["text"]
    sms = [json.loads(j.payload) for j in await db.outbox("sms")]
    assert [(s["phone"], s["template"], s["params"]) for s in sms] == [
        (m, "紧急警情", {"number": ticket.number, "unit": UNIT_A})
        for m in ("13800001111", "13900002222")]
    stored = await db.ticket("o-1")
    assert stored.escalated_at == clock.now
    failed, escalated = [e for e in await db.events(stored)
                         if e.type in ("alert_failed", "escalated")]
    assert "警务群机器人" in failed.text and json.loads(escalated.data)["reason"] == "alert_failed"
    # The same reason never escalates twice.
    assert not await _run(sessions, escalation.failed, services, "wecom_robot", payload,
                          "again", clock.now)
    assert len(await db.outbox("wecom_app")) == 1


async def test_without_officers_of_the_unit_in_wecom_the_supervisors_are_reached(
        chat, db, sessions, services, clock):
    await add_officer(sessions, "sup", UNIT_B, "supervisor", wecom_user="wx-sup")
    await add_officer(sessions, "b1", UNIT_B, wecom_user="wx-b1")
    _, payload = await _emergency(chat, db)
    await _run(sessions, escalation.failed, services, "wecom_robot", payload, "x", clock.now)
    assert [j.recipient for j in await db.outbox("wecom_app")] == ["wx-sup"]


async def test_a_failure_after_another_alert_reached_officers_is_not_escalated(
        chat, db, sessions, services, clock):
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    _, payload = await _emergency(chat, db)
    await _run(sessions, escalation.delivered, services, "wecom_app", payload, clock.now)
    assert not await _run(sessions, escalation.failed, services, "wecom_robot", payload, "x",
                          clock.now)
    stored = await db.ticket("o-1")
    assert stored.escalated_at is None and await db.outbox("wecom_app") == []
    assert [e.type for e in await db.events(stored)].count("alert_failed") == 1


async def test_a_failed_location_note_is_recorded_but_not_escalated(chat, db, sessions,
                                                                     services, clock):
    _, payload = await _emergency(chat, db)
    note = {**payload, "alert": alert_routes.LOCATION}
    assert not await _run(sessions, escalation.failed, services, "wecom_robot", note, "x",
                          clock.now)
    assert (await db.ticket("o-1")).escalated_at is None


async def test_unacknowledged_emergencies_are_escalated_after_escalate_after(
        chat, db, sessions, services, clock):
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    await _emergency(chat, db, "o-1")
    await _emergency(chat, db, "o-2")
    assert await _run(sessions, escalation.sweep, services, clock.now + timedelta(minutes=14)) \
        == 0
    async with sessions() as session, session.begin():
        acknowledged = await ticket_store.get_by_number(session, (await db.ticket("o-2")).number)
        acknowledged.acknowledged_at = clock.now + timedelta(minutes=5)
    assert await _run(sessions, escalation.sweep, services,
                      clock.now + timedelta(minutes=15, seconds=1)) == 1
    [app] = await db.outbox("wecom_app")
    assert "已15分钟无人确认收到" in json.loads(app.payload)["text"]
    assert (await db.ticket("o-1")).escalated_at is not None
    assert (await db.ticket("o-2")).escalated_at is None
    assert await _run(sessions, escalation.sweep, services, clock.now + timedelta(hours=1)) == 0


async def test_with_no_route_at_all_the_emergency_is_escalated_at_once(
        chat, db, sessions, services):
    services.alerting = AlertSettings(robot=False, app=True)
    await chat.say("o-1", FIGHT)          # nobody of the unit (or any supervisor) has WeCom
    ticket = await db.ticket("o-1")
    assert await db.outbox("wecom_robot") == [] and await db.outbox("wecom_app") == []
    assert ticket.escalated_at is not None
    [escalated] = [e for e in await db.events(ticket) if e.type == "escalated"]
    assert json.loads(escalated.data)["reason"] == "no_route"


async def test_without_a_robot_the_alert_goes_to_the_units_officers(chat, db, sessions,
                                                                    services):
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    await add_officer(sessions, "a2", UNIT_A, wecom_user="wx-a2")
    services.alerting = AlertSettings(robot=False, app=True)
    await chat.say("o-1", FIGHT)
    jobs = await db.outbox("wecom_app")
    assert [j.recipient for j in jobs] == ["wx-a1", "wx-a2"]
    assert all(j.priority == 0 and json.loads(j.payload)["alert"] == "emergency" for j in jobs)
    assert (await db.ticket("o-1")).escalated_at is None


async def test_the_banner_shows_to_the_units_officers_and_supervisors_until_acknowledged(
        chat, db, sessions, services, clock):
    a1 = await add_officer(sessions, "a1", UNIT_A)
    b1 = await add_officer(sessions, "b1", UNIT_B)
    sup = await add_officer(sessions, "sup", UNIT_B, "supervisor")
    ticket, payload = await _emergency(chat, db)
    await _run(sessions, escalation.failed, services, "wecom_robot", payload, "x", clock.now)
    later = clock.now + timedelta(minutes=3)

    async def banner(actor: Actor):
        return await _run(sessions, console_admin.banner, actor, later)

    assert [b["number"] for b in await banner(a1)] == [ticket.number]
    assert [b["minutes"] for b in await banner(sup)] == [3]
    assert await banner(b1) == []
    async with sessions() as session, session.begin():
        stored = await ticket_store.get_by_number(session, ticket.number)
        stored.acknowledged_at = later
    assert await banner(a1) == [] and await banner(sup) == []
