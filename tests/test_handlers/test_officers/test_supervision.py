"""督办: supervisors urge any open ticket with a note and an optional deadline; the assignee
(else the unit) is told in WeCom; officers cannot; the ticket carries the badge."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from handlers.core.errors import Conflict, Forbidden, Invalid
from storage.tickets import store as ticket_store
from tests.workbench import NOW, UNIT_A, add_officer, reload, ticket


@pytest.fixture
async def people(sessions):
    return {"a1": await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1"),
            "a2": await add_officer(sessions, "a2", UNIT_A),
            "sup": await add_officer(sessions, "sup", UNIT_A, "supervisor")}


async def _supervise(sessions, services, actor, number, note, due=""):
    async with sessions() as session, session.begin():
        return await services.workflow(lambda: NOW).perform(session, actor, number, "supervise",
                                                            {"note": note, "due": due})


async def test_supervising_tells_the_assignee_and_sets_the_badge(sessions, services, config,
                                                                 people, db):
    t = await ticket(sessions, config)
    async with sessions() as session, session.begin():
        await services.workflow(lambda: NOW).perform(session, people["sup"], t.number, "assign",
                                                     {"officer": "a1", "reason": ""})
    await _supervise(sessions, services, people["sup"], t.number, "群众多次来电，请今天处理",
                     "2026-11-26T17:00")
    row = await reload(sessions, t.number)
    assert row.supervised_at == NOW
    assert row.supervise_due == NOW + timedelta(days=1, hours=7)     # 17:00 Shanghai
    [job] = await db.outbox("wecom_app")
    body = json.loads(job.payload)["text"]
    assert job.recipient == "wx-a1" and t.number in body and "今天处理" in body
    assert "2026-11-26 17:00" in body
    async with sessions() as session:
        [event] = [e for e in await ticket_store.events(session, row) if e.type == "supervised"]
    assert event.actor == "sup" and "群众多次来电" in event.text


async def test_without_an_assignee_the_unit_is_told(sessions, services, config, people, db):
    t = await ticket(sessions, config)
    await _supervise(sessions, services, people["sup"], t.number, "请尽快签收")
    jobs = await db.outbox("wecom_app") + await db.outbox("wecom_robot")
    assert jobs and all(t.number in j.payload for j in jobs)
    assert (await reload(sessions, t.number)).supervise_due is None


async def test_officers_cannot_supervise_and_bad_deadlines_are_refused(sessions, services,
                                                                      config, people):
    t = await ticket(sessions, config)
    with pytest.raises(Forbidden):
        await _supervise(sessions, services, people["a1"], t.number, "x")
    for due, error in (("tomorrow", Invalid), ("2026-13-40", Invalid),
                       ("2026-11-24", Conflict), ("2027-02-31", Conflict)):
        with pytest.raises(error) as caught:        # malformed 422; past or no such day 409
            await _supervise(sessions, services, people["sup"], t.number, "x", due)
        assert caught.value.field == "due"
    with pytest.raises(Invalid):
        await _supervise(sessions, services, people["sup"], t.number, "  ")
    async with sessions() as session, session.begin():
        await services.workflow(lambda: NOW).perform(session, people["sup"], t.number, "status",
                                                     {"status": "cancelled", "note": "重复"})
    with pytest.raises(Conflict):
        await _supervise(sessions, services, people["sup"], t.number, "x")
