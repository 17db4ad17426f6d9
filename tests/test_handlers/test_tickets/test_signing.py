"""签收 reminders: a unit that has not signed a routed ticket in time is reminded once, each
officer with WeCom in the app (the fake Tencent API receives it), the police group when the
app is not set up."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sqlalchemy import update

from bot import keys
from handlers.officers.accounts import Actor
from handlers.tickets import signing
from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.officers import store as officer_store
from tests.helpers import running
from tests.workbench import NOW, UNIT_A, UNIT_B, add_officer, reload, ticket


async def _deliver(client, sessions, rounds: int = 6) -> None:
    worker = client.server.app[keys.OUTBOX]
    for _ in range(rounds):
        async with sessions() as session, session.begin():
            await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                                  .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        if not await worker.run_once():
            return


async def test_the_unit_is_reminded_once_in_wecom_past_the_sign_deadline(
        tencent_config, fake_tencent, sessions):
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    await add_officer(sessions, "a2", UNIT_A, wecom_user="wx-a2")
    await add_officer(sessions, "b1", UNIT_B, wecom_user="wx-b1")
    late = await ticket(sessions, tencent_config)
    signed = await ticket(sessions, tencent_config)
    async with running(tencent_config, dispatch=None) as client:
        services = client.server.app[keys.SERVICES]
        app_sessions = client.server.app[keys.SESSIONS]
        async with app_sessions() as session, session.begin():
            actor = await _actor(session, "a2")
            await services.workflow(lambda: NOW).perform(session, actor, signed.number, "sign", {})
        async with app_sessions() as session, session.begin():   # 2 working hours not over
            assert await signing.remind(session, services, NOW + timedelta(hours=1)) == 0
        after = NOW + timedelta(hours=2, minutes=1)
        async with app_sessions() as session, session.begin():
            assert await signing.remind(session, services, after) == 1
        async with app_sessions() as session, session.begin():   # once per routing
            assert await signing.remind(session, services, after + timedelta(hours=1)) == 0
        await _deliver(client, sessions)
    sent = fake_tencent.delivered("wecom_send")
    assert sorted(c.body["touser"] for c in sent) == ["wx-a1", "wx-a2"]
    content = sent[0].body["text"]["content"]
    assert late.number in content and "签收" in content and signed.number not in content
    assert (await reload(sessions, late.number)).sign_reminded_at == after


async def test_without_the_wecom_app_the_police_group_is_reminded(tencent_config,
                                                                  fake_tencent, sessions):
    config = dataclasses.replace(
        tencent_config, wecom=dataclasses.replace(tencent_config.wecom, corp_id="", secret=""))
    t = await ticket(sessions, config)
    async with running(config, dispatch=None) as client:
        services = client.server.app[keys.SERVICES]
        async with client.server.app[keys.SESSIONS]() as session, session.begin():
            assert await signing.remind(session, services, NOW + timedelta(hours=3)) == 1
        await _deliver(client, sessions)
    [robot] = fake_tencent.delivered("robot_send")
    assert t.number in robot.body["text"]["content"]


async def _actor(session, username: str) -> Actor:
    return Actor.of(await officer_store.by_username(session, username))


async def test_a_ticket_routed_out_of_dispatch_by_its_place_awaits_the_sign(chat, db, clock):
    await chat.say("o-s", "楼上天天半夜蹦迪，吵死了")
    ticket = await db.ticket("o-s")
    assert ticket.flagged_unassigned and ticket.sign_due is None   # nobody's to sign yet
    await chat.say("o-s", "湖西街道幸福小区3号楼")
    ticket = await db.ticket("o-s")
    assert (ticket.unit, ticket.signed_at) == ("湖西派出所", None)
    assert ticket.sign_due == clock.now + timedelta(hours=2)      # 2 working hours
