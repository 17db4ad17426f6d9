"""差评 follow-up reminders: the follow-up officer is warned in WeCom when a deadline is near
(in working time) and told with the unit's supervisors once it has passed, each stage once
however many sweeps run; nothing for a step already recorded. Delivered to the fake Tencent
API."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bot import keys
from handlers.officers import followup_reminders
from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.tickets import store as ticket_store
from tests.conversations import Clock, make_chat
from tests.helpers import running
from tests.workbench import NOW, UNIT_A, UNIT_B, add_officer

# The follow-up opens at NOW (Wednesday 2026-11-25 10:00): call back by Thursday 10:00,
# 整改 or explanation by Wednesday 12-02 10:00.
THU_0830 = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
THU_1001 = datetime(2026, 11, 26, 2, 1, tzinfo=UTC)
NEAR, LATE = "差评回访提醒", "差评回访超时"


@pytest.fixture
async def people(sessions):
    return {"a1": await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1"),
            "a2": await add_officer(sessions, "a2", UNIT_A, wecom_user="wx-a2"),
            "sup": await add_officer(sessions, "sup", UNIT_A, "supervisor",
                                     wecom_user="wx-sup"),
            "supb": await add_officer(sessions, "supb", UNIT_B, "supervisor",
                                      wecom_user="wx-supb")}


async def _bad_rating(app, people) -> str:
    """A resident's complaint resolved by a1 and rated 2 (through the router): a follow-up
    for a2 opened at NOW; the ticket's number."""
    services, sessions = app[keys.SERVICES], app[keys.SESSIONS]
    chat = make_chat(sessions, services, Clock(NOW))
    await chat.say("o-bad", "楼上天天半夜蹦迪，吵死了")
    await chat.say("o-bad", "取消")
    async with sessions() as session:
        [ticket] = await ticket_store.list_for_openid(session, "o-bad")
    async with sessions() as session, session.begin():
        await services.workflow(lambda: NOW).perform(session, people["a1"], ticket.number,
                                                     "status",
                                                     {"status": "resolved", "note": "已调解"})
    await chat.say("o-bad", "1")
    await chat.say("o-bad", "2")
    return ticket.number


async def _sweep(app, at: datetime) -> int:
    async with app[keys.SESSIONS]() as session, session.begin():
        return await followup_reminders.sweep(session, app[keys.SERVICES], at)


async def _record(app, people, number: str, step: str, at: datetime) -> None:
    async with app[keys.SESSIONS]() as session, session.begin():
        await app[keys.SERVICES].workflow(lambda: at).perform(
            session, people["a2"], number, "followup", {"step": step, "note": "已电话回访"})


async def _deliver(app, rounds: int = 8) -> None:
    worker = app[keys.OUTBOX]
    for _ in range(rounds):
        async with app[keys.SESSIONS]() as session, session.begin():
            await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                                  .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        if not await worker.run_once():
            return


def _received(fake, marker: str) -> list[tuple[str, str]]:
    """(WeCom user, text) of the app messages the fake received that hold `marker`."""
    return [(c.body["touser"], c.body["text"]["content"])
            for c in fake.delivered("wecom_send") if marker in c.body["text"]["content"]]


async def test_the_near_notice_arrives_once_in_working_time(tencent_config, fake_tencent,
                                                            people):
    async with running(tencent_config, dispatch=None) as client:
        app = client.server.app
        number = await _bad_rating(app, people)
        wednesday = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
        assert await _sweep(app, wednesday) == 0                        # 16:00: 3 wh left
        assert await _sweep(app, wednesday + timedelta(hours=4)) == 0   # 20:00: office shut
        assert await _sweep(app, THU_0830) == 1                         # 08:30: 1.5 wh left
        assert await _sweep(app, THU_0830 + timedelta(minutes=1)) == 0  # a second instance
        await _deliver(app)
    [(user, text)] = _received(fake_tencent, NEAR)
    assert user == "wx-a2" and number in text and "11-26 10:00" in text


async def test_two_instances_sweeping_at_once_send_one_notice(tencent_config, fake_tencent,
                                                              people):
    if not tencent_config.database.url.startswith("postgresql"):
        pytest.skip("several instances share PostgreSQL; SQLite serves one instance")
    async with running(tencent_config, dispatch=None) as client:
        app = client.server.app
        await _bad_rating(app, people)
        sent = await asyncio.gather(*(_sweep(app, THU_0830) for _ in range(3)))
        assert sorted(sent) == [0, 0, 1]
        await _deliver(app)
    assert [user for user, _ in _received(fake_tencent, NEAR)] == ["wx-a2"]


async def test_nothing_for_a_step_already_recorded(tencent_config, fake_tencent, people):
    async with running(tencent_config, dispatch=None) as client:
        app = client.server.app
        number = await _bad_rating(app, people)
        await _record(app, people, number, "called", NOW + timedelta(hours=2))
        assert await _sweep(app, THU_0830) == 0
        assert await _sweep(app, THU_1001) == 0
        # 整改 still open: warned a working day before its deadline, then recorded.
        assert await _sweep(app, datetime(2026, 12, 1, 2, 0, tzinfo=UTC)) == 1
        await _record(app, people, number, "fixed", datetime(2026, 12, 1, 6, 0, tzinfo=UTC))
        assert await _sweep(app, datetime(2026, 12, 2, 3, 0, tzinfo=UTC)) == 0
        await _deliver(app)
    assert _received(fake_tencent, NEAR) == _received(fake_tencent, LATE) == []
    [(user, text)] = _received(fake_tencent, "差评整改提醒")
    assert user == "wx-a2" and "12-02 10:00" in text
    assert _received(fake_tencent, "差评整改超时") == []


async def test_the_overdue_notice_reaches_the_units_supervisor(tencent_config, fake_tencent,
                                                               sessions, people):
    async with running(tencent_config, dispatch=None) as client:
        app = client.server.app
        number = await _bad_rating(app, people)
        assert await _sweep(app, THU_1001) == 2       # no near notice after the deadline
        assert await _sweep(app, THU_1001 + timedelta(hours=1)) == 0
        await _deliver(app)
        async with sessions() as session:
            ticket = await ticket_store.get_by_number(session, number)
            events = [e for e in await ticket_store.events(session, ticket)
                      if e.type == "rating_followup"
                      and json.loads(e.data).get("step") == "reminded"]
    late = _received(fake_tencent, LATE)
    assert sorted(user for user, _ in late) == ["wx-a2", "wx-sup"]   # not unit B's
    assert all(number in text and "11-26 10:00" in text for _, text in late)
    assert _received(fake_tencent, NEAR) == []
    [event] = events
    assert json.loads(event.data)["stage"] == "callback_late" and "督导员" in event.text
