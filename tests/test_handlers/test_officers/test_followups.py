"""差评 follow-ups: satisfaction 1-2 opens one for another officer of the unit (call back in 1
working day, 整改 or explanation in 5), the resident is told the outcome; 申诉 by supervisors."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from handlers.core.errors import Conflict, Forbidden, Invalid
from storage.tickets import workflow as workflow_store
from tests.workbench import UNIT_A, UNIT_B, add_officer, reload


@pytest.fixture
async def people(sessions):
    return {"a1": await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1"),
            "a2": await add_officer(sessions, "a2", UNIT_A, wecom_user="wx-a2"),
            "sup": await add_officer(sessions, "sup", UNIT_A, "supervisor")}


async def _rated(chat, db, sessions, services, clock, people, score: str) -> str:
    await chat.say("o-bad", "楼上天天半夜蹦迪，吵死了")
    await chat.say("o-bad", "取消")
    number = (await db.ticket("o-bad")).number
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, people["a1"], number, "status",
                                               {"status": "resolved", "note": "已调解"})
    await chat.say("o-bad", "1")          # solved: 是
    await chat.say("o-bad", score)        # satisfaction
    return number


async def _do(sessions, services, clock, actor, number, action, **fields):
    async with sessions() as session, session.begin():
        return await services.workflow(clock).perform(session, actor, number, action, fields)


async def _followup(sessions, number):
    row = await reload(sessions, number)
    async with sessions() as session:
        return await workflow_store.followup(session, row.id)


async def test_a_bad_rating_opens_a_followup_for_another_officer(chat, db, sessions, services,
                                                                 clock, people):
    number = await _rated(chat, db, sessions, services, clock, people, "2")
    row = await _followup(sessions, number)
    assert (row.satisfaction, row.rated_officer, row.officer) == (2, "a1", "a2")
    assert row.callback_due == clock.now + timedelta(days=1)     # 1 working day (Thursday)
    notice = [j for j in await db.outbox("wecom_app") if j.recipient == "wx-a2"]
    assert len(notice) == 1 and number in notice[0].payload
    events = [e for e in await db.events(await reload(sessions, number))
              if e.type == "rating_followup"]
    assert [json.loads(e.data)["step"] for e in events] == ["opened"]

    with pytest.raises(Forbidden):        # the rated officer does not follow themselves up
        await _do(sessions, services, clock, people["a1"], number, "followup", step="called",
                  note="x")
    with pytest.raises(Invalid):
        await _do(sessions, services, clock, people["a2"], number, "followup", step="later",
                  note="x")
    clock.advance(hours=3)
    await _do(sessions, services, clock, people["a2"], number, "followup", step="called",
              note="已电话回访，群众认为处理太慢")
    with pytest.raises(Conflict):
        await _do(sessions, services, clock, people["a2"], number, "followup", step="called",
                  note="again")
    await _do(sessions, services, clock, people["a2"], number, "followup", step="fixed",
              note="已约谈责任民警，今后夜间警情30分钟内到场")
    row = await _followup(sessions, number)
    assert row.called_at is not None and row.fixed_at == clock.now
    told = [j for j in await db.outbox("wechat_text") if "30分钟内到场" in j.payload]
    assert len(told) == 1 and told[0].recipient == "o-bad"


async def test_good_ratings_open_nothing_and_disputes_are_for_supervisors(
        chat, db, sessions, services, clock, people):
    number = await _rated(chat, db, sessions, services, clock, people, "4")
    assert await _followup(sessions, number) is None
    with pytest.raises(Conflict):
        await _do(sessions, services, clock, people["sup"], number, "dispute", reason="x")


async def test_a_supervisor_marks_a_bad_rating_disputed(chat, db, sessions, services, clock,
                                                        people):
    number = await _rated(chat, db, sessions, services, clock, people, "1")
    with pytest.raises(Forbidden):
        await _do(sessions, services, clock, people["a2"], number, "dispute", reason="x")
    await _do(sessions, services, clock, people["sup"], number, "dispute",
              reason="群众对非警务事项不满，已向上级说明")
    row = await _followup(sessions, number)
    assert (row.disputed_by, row.satisfaction) == ("sup", 1)
    with pytest.raises(Conflict):
        await _do(sessions, services, clock, people["sup"], number, "dispute", reason="again")


async def test_a_supervisor_hands_the_followup_to_another_officer_of_the_unit(
        chat, db, sessions, services, clock, people):
    a3 = await add_officer(sessions, "a3", UNIT_A, wecom_user="wx-a3")
    elsewhere = await add_officer(sessions, "b1", UNIT_B)
    number = await _rated(chat, db, sessions, services, clock, people, "2")
    with pytest.raises(Forbidden):        # officers cannot hand it on, not even its own
        await _do(sessions, services, clock, people["a2"], number, "followup_officer",
                  officer="a3")
    for who in ("a1", "a2", elsewhere.username, "nobody"):
        # The rated officer, the one already following up, another unit's, no one known.
        with pytest.raises(Conflict):
            await _do(sessions, services, clock, people["sup"], number, "followup_officer",
                      officer=who)
    with pytest.raises(Invalid):
        await _do(sessions, services, clock, people["sup"], number, "followup_officer",
                  officer="")
    await _do(sessions, services, clock, people["sup"], number, "followup_officer",
              officer=a3.username)
    row = await _followup(sessions, number)
    assert (row.rated_officer, row.officer) == ("a1", "a3")
    events = [json.loads(e.data) for e in await db.events(await reload(sessions, number))
              if e.type == "rating_followup"]
    assert [(e["step"], e.get("officer"), e.get("previous")) for e in events] == [
        ("opened", "a2", None), ("handed_over", "a3", "a2")]
    assert [j for j in await db.outbox("wecom_app") if j.recipient == "wx-a3"]
    # Now a3 records the steps and a2 no longer may.
    with pytest.raises(Forbidden):
        await _do(sessions, services, clock, people["a2"], number, "followup", step="called",
                  note="x")
    await _do(sessions, services, clock, a3, number, "followup", step="called", note="已回访")
    await _do(sessions, services, clock, a3, number, "followup", step="fixed", note="已整改")
    with pytest.raises(Conflict):         # done: nothing left to hand over
        await _do(sessions, services, clock, people["sup"], number, "followup_officer",
                  officer="a2")


async def test_an_admin_account_is_never_the_one_to_call_back(chat, db, sessions, services,
                                                              clock, people):
    # "a0-admin" sorts first among the unit's accounts: an admin manages the system.
    await add_officer(sessions, "a0-admin", UNIT_A, "admin")
    number = await _rated(chat, db, sessions, services, clock, people, "1")
    assert (await _followup(sessions, number)).officer == "a2"
