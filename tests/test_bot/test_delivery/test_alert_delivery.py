"""Alerts never silent, end to end: the real app, its outbox worker and the fake Tencent (and
a fake SMS gateway). A robot that fails is retried, then the unit's officers are reached in
the WeCom app and the duty mobiles by SMS; the resident hears of it only after delivery."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import timedelta

from sqlalchemy import update
from wechatpy import parse_message

from bot import keys
from bot.delivery.outbox import ALERT_ATTEMPTS
from bot.delivery.senders import ROBOT_LEASE, ROBOT_LEASE_TTL
from handlers import texts
from handlers.officers.accounts import Actor
from handlers.tickets import alerts, escalation
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import Lease, OutboxJob
from storage.delivery.tokens import TokenStore
from storage.officers import store as officer_store
from tests.doors import SMS_SECRET, FakeSmsGateway
from tests.helpers import running
from tests.officer_clients import signed_in
from tests.pushes import open_reply, safe_push, text_xml
from tests.workbench import UNIT_A, UNIT_B, add_officer, reload

FIGHT = "柳园小区门口正在打架，有人拿刀"
MOBILE = "13800001111"


def with_alerts(config, sms_url: str = "", *, app: bool = True):
    wecom = config.wecom if app else dataclasses.replace(config.wecom, corp_id="", secret="")
    return dataclasses.replace(
        config, wecom=wecom,
        sms=dataclasses.replace(config.sms, url=sms_url, secret=SMS_SECRET if sms_url else ""),
        alerts=dataclasses.replace(config.alerts, mobiles=(MOBILE,) if sms_url else ()))


async def push(client, xml: str) -> str:
    """A safe-mode push (fresh nonce) to the app's account; the passive reply's text."""
    app_id = client.server.app[keys.CONFIG].wechat.app_id
    params, body = safe_push(xml, app_id, nonce=uuid.uuid4().hex[:10])
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200
    raw = await response.text()
    return "" if raw == "success" else parse_message(open_reply(raw, app_id, params)).content


def ticket_number(reply: str) -> str:
    match = re.search(r"DCF\d{8}-\d{4}", reply)
    assert match, reply
    return match.group(0)


async def deliver(client, sessions, rounds: int = 12) -> None:
    """Run the app's outbox worker until nothing is left to send, skipping back-off waits."""
    worker = client.server.app[keys.OUTBOX]
    for _ in range(rounds):
        async with sessions() as session, session.begin():
            await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                                  .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        if not await worker.run_once():
            return


async def staff(sessions) -> None:
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    await add_officer(sessions, "b1", UNIT_B, wecom_user="wx-b1")
    await add_officer(sessions, "sup", UNIT_B, "supervisor", wecom_user="wx-sup")


async def test_a_failing_robot_is_retried_then_officers_are_reached_then_the_resident_told(
        tencent_config, fake_tencent, sessions):
    await staff(sessions)
    fake_tencent.fail("robot_send", status=500, times=ALERT_ATTEMPTS)
    async with FakeSmsGateway() as gateway, running(with_alerts(tencent_config, gateway.url),
                                                    dispatch=None) as client:
        reply = await push(client, text_xml("o-res", FIGHT))
        assert reply.startswith("请立即拨打110") and "已通知" not in reply
        await deliver(client, sessions)
        number = ticket_number(reply)
        assert len(fake_tencent.calls_to("robot_send")) == ALERT_ATTEMPTS
        [app] = fake_tencent.delivered("wecom_send")
        assert app.body["touser"] == "wx-a1" and number in app.body["text"]["content"]
        assert gateway.sent == [{"phone": MOBILE, "template": "紧急警情",
                                 "params": {"number": number, "unit": UNIT_A},
                                 "ticket": number}]
        [told] = fake_tencent.delivered("custom_send")
        assert told.body["touser"] == "o-res"
        assert told.body["text"]["content"] == texts.text("emergency_alert_delivered",
                                                          number=number)
        # Told after an alert reached someone, never before.
        order = [c.endpoint for c in fake_tencent.calls if c.ok]
        assert order.index("custom_send") > order.index("wecom_send")
        ticket = await reload(sessions, number)
        assert ticket.escalated_at is not None and ticket.alert_sent_at is not None


async def test_an_alert_nobody_acknowledges_is_escalated_and_re_alerts_stop_on_ack(
        tencent_config, fake_tencent, sessions):
    await staff(sessions)
    async with FakeSmsGateway() as gateway, running(with_alerts(tencent_config, gateway.url),
                                                    dispatch=None) as client:
        reply = await push(client, text_xml("o-res", FIGHT))
        await deliver(client, sessions)
        number = ticket_number(reply)
        assert len(fake_tencent.delivered("robot_send")) == 1
        [told] = fake_tencent.delivered("custom_send")      # the robot took it: told at once
        assert number in told.body["text"]["content"]
        services = client.server.app[keys.SERVICES]
        app_sessions = client.server.app[keys.SESSIONS]
        later = utcnow() + timedelta(minutes=16)
        async with app_sessions() as session, session.begin():
            assert await escalation.sweep(session, services, later) == 1
        await deliver(client, sessions)
        [app] = fake_tencent.delivered("wecom_send")
        assert app.body["touser"] == "wx-a1" and "无人确认收到" in app.body["text"]["content"]
        assert [s["template"] for s in gateway.sent] == ["紧急警情"]
        assert len(fake_tencent.delivered("custom_send")) == 1   # the resident: once only
        # Acknowledged: neither re-alerts nor escalations follow.
        async with app_sessions() as session, session.begin():
            actor = Actor.of(await officer_store.by_username(session, "a1"))
            await services.workflow(utcnow).acknowledge(session, actor, number)
        async with app_sessions() as session, session.begin():
            assert await alerts.sweep(session, services, later + timedelta(minutes=10)) == 0
            assert await escalation.sweep(session, services, later + timedelta(hours=1)) == 0


async def test_with_the_robot_down_and_no_other_route_the_console_shouts(
        tencent_config, fake_tencent, sessions):
    await staff(sessions)
    fake_tencent.fail("robot_send", status=500, times=ALERT_ATTEMPTS)
    async with running(with_alerts(tencent_config, app=False), dispatch=None) as client:
        reply = await push(client, text_xml("o-res", FIGHT))
        number = ticket_number(reply)
        await deliver(client, sessions)
        assert fake_tencent.delivered("custom_send") == []      # nobody was alerted: silent
        assert fake_tencent.calls_to("wecom_send") == []
        await signed_in(client, "a1")
        page = await (await client.get("/console/queue/mine")).text()
        assert "紧急警情无人确认" in page and number in page
        client.session.cookie_jar.clear()
        await signed_in(client, "b1")
        assert "紧急警情无人确认" not in await (await client.get("/console/")).text()
        client.session.cookie_jar.clear()
        await signed_in(client, "sup")
        assert number in await (await client.get("/console/queue/all")).text()
        assert (await reload(sessions, number)).alert_sent_at is None


async def test_an_instance_that_died_holding_the_robot_delays_alerts_only_briefly(
        tencent_config, fake_tencent, sessions):
    # The robot is sent to by one instance at a time (its 20-a-minute limit); a holder that
    # died, or restarted for a deploy, must not hold emergency alerts back for long.
    assert ROBOT_LEASE_TTL <= timedelta(seconds=30)
    leases = TokenStore(sessions)
    assert await leases.acquire(ROBOT_LEASE, "robot-dead-instance", ROBOT_LEASE_TTL)
    async with running(with_alerts(tencent_config), dispatch=None) as client:
        await push(client, text_xml("o-res", FIGHT))
        await deliver(client, sessions)
        assert fake_tencent.calls_to("robot_send") == []          # deferred, not failed
        async with sessions() as session, session.begin():       # ... the TTL passes
            await session.execute(update(Lease).where(Lease.name == ROBOT_LEASE)
                                  .values(expires_at=utcnow() - timedelta(seconds=1)))
        await deliver(client, sessions)
        assert len(fake_tencent.delivered("robot_send")) == 1
        assert await leases.holder(ROBOT_LEASE) != "robot-dead-instance"


async def test_an_alert_sent_again_after_its_sender_died_says_it_may_be_a_repeat(
        tencent_config, fake_tencent, sessions):
    # Killed between sending and recording it, an instance leaves the alert to be sent again
    # (the robot takes no idempotency key): the duty officers must read one emergency.
    async with running(with_alerts(tencent_config), dispatch=None) as client:
        await push(client, text_xml("o-res", FIGHT))
        async with sessions() as session:
            [claimed] = await outbox.claim(session, "killed-instance", kinds=("wecom_robot",))
        async with sessions() as session, session.begin():
            await session.execute(update(OutboxJob).where(OutboxJob.id == claimed.id)
                                  .values(lease_until=utcnow() - timedelta(seconds=1)))
        await deliver(client, sessions)
        [again] = [call.body["text"]["content"] for call in fake_tencent.delivered("robot_send")]
        assert again == texts.text("maybe_repeated") + claimed.payload["text"]
        assert "【紧急警情】" in again
