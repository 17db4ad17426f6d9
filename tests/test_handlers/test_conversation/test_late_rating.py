"""Rating late: 评价 (or 评价 工单号) restarts the verdict dialog within 5 working days of the
resolution, on the working calendar; after that, already rated, or someone else's number,
one clear line. A late 差评 opens the follow-up like a timely one."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from handlers import texts
from handlers.conversation import late_rating, verdict
from handlers.reports.kpi import kpi_for_week
from handlers.reports.weeks import IsoWeek
from storage.tickets import workflow as workflow_store
from storage.tickets.models import Verdict
from tests.workbench import UNIT_A, add_officer, reload

COMPLAINT = "楼上天天半夜蹦迪，吵死了"
# Wednesday 2026-09-30, 10:00 in Shanghai: the eve of the National Day holiday (10-01..10-07),
# whose make-up working day is Saturday 10-10. Five working days after it end 10-13 10:00.
EVE_OF_HOLIDAY = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)


@pytest.fixture
async def officers(sessions):
    return {"a1": await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1"),
            "a2": await add_officer(sessions, "a2", UNIT_A, wecom_user="wx-a2")}


async def _resolved(chat, db, sessions, services, clock, officer, openid="o-late") -> str:
    """A complaint of `openid`, resolved by `officer` at the clock's time; its number."""
    await chat.say(openid, COMPLAINT)
    await chat.say(openid, "取消")
    number = (await db.tickets(openid))[-1].number
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(
            session, officer, number, "status",
            {"status": "resolved", "note": "已上门调解，邻居承诺不再扰民"})
    return number


async def _verdict(sessions, number) -> Verdict | None:
    ticket = await reload(sessions, number)
    async with sessions() as session:
        return await session.scalar(select(Verdict).where(Verdict.ticket_id == ticket.id))


async def _sweep(sessions, services, at):
    async with sessions() as session, session.begin():
        return await verdict.sweep(session, services, at)


def test_only_the_command_itself_asks_to_rate():
    assert late_rating.request("评价") == late_rating.Request(named=False)
    assert late_rating.request("我要评价。") == late_rating.Request(named=False)
    assert late_rating.request("评价 dcf20261125-0001") == late_rating.Request(named=True)
    assert late_rating.request("补评 工单号：DCF20261125-0001") == late_rating.Request(named=True)
    assert late_rating.request("评价一下，民警态度很好") is None
    assert late_rating.request("我要评价民警服务") is None


async def test_a_resident_rates_late_over_a_holiday_inside_the_window(
        chat, db, sessions, services, clock, officers):
    clock.now = EVE_OF_HOLIDAY
    number = await _resolved(chat, db, sessions, services, clock, officers["a1"])
    [asked] = [j for j in await db.outbox("wechat_text") if "问题解决了吗" in j.payload]
    # The resolution tells the resident of the late path and its end.
    assert "回复“评价”" in asked.payload and "10月13日 10:00" in asked.payload

    clock.now = datetime(2026, 10, 9, 1, 0, tzinfo=UTC)   # 9 days on, the dialog long gone
    assert (await db.dialog("o-late")).expires_at < clock.now
    # Past 7 days but inside the late window: not closed by the sweep, a 否 could reopen it.
    assert await _sweep(sessions, services, clock.now) == (0, 0)
    assert (await reload(sessions, number)).status == "resolved"

    assert "请回复“评价”" in await chat.say("o-late", "我的工单")
    reply = await chat.say("o-late", "评价")
    assert texts.text("late_rating_intro", number=number, ends="10月13日 10:00") in reply
    assert "问题解决了吗" in reply
    assert "满意度" in await chat.say("o-late", "1")
    assert (await reload(sessions, number)).status == "closed"
    await chat.say("o-late", "4")
    await chat.say("o-late", "无")
    assert number in await chat.say("o-late", "无")
    stored = await _verdict(sessions, number)
    assert (stored.solved, stored.satisfaction) == (True, 4)
    events = [e for e in await db.events(await reload(sessions, number)) if e.type == "verdict"]
    late = [e for e in events if json.loads(e.data).get("late")]
    assert len(late) == 4 and all(e.text.endswith(texts.text("verdict_event_late"))
                                  for e in late)


async def test_after_five_working_days_rating_has_closed(chat, db, sessions, services, clock,
                                                         officers):
    clock.now = EVE_OF_HOLIDAY
    number = await _resolved(chat, db, sessions, services, clock, officers["a1"])
    # 10-13 09:30: the make-up Saturday counted, half an hour is left.
    clock.now = datetime(2026, 10, 13, 1, 30, tzinfo=UTC)
    assert "问题解决了吗" in await chat.say("o-late", "评价")
    cancelled = await chat.say("o-late", "取消")
    assert cancelled == texts.text("verdict_cancelled_late", ends="10月13日 10:00")

    clock.now = datetime(2026, 10, 13, 2, 30, tzinfo=UTC)    # 10:30: closed
    reply = await chat.say("o-late", f"评价 {number}")
    assert texts.text("late_rating_closed", number=number, ends="10月13日 10:00") in reply
    assert "问题解决了吗" not in reply and await db.dialog("o-late") is None
    assert (await _verdict(sessions, number)).satisfaction is None
    # The window over, the 7-day time-out closes the ticket.
    assert await _sweep(sessions, services, clock.now) == (0, 1)


async def test_a_rated_ticket_is_said_so_and_the_newest_unrated_one_is_picked(
        chat, db, sessions, services, clock, officers):
    rated = await _resolved(chat, db, sessions, services, clock, officers["a1"])
    await chat.say("o-late", "1")
    await chat.say("o-late", "4")
    await chat.say("o-late", "取消")
    clock.advance(days=1)
    already = texts.text("late_rating_already", number=rated, score="满意")
    assert already in await chat.say("o-late", "评价")
    assert already in await chat.say("o-late", f"我要评价{rated}")

    clock.advance(hours=1)
    newer = await _resolved(chat, db, sessions, services, clock, officers["a1"])
    await chat.say("o-late", "取消")
    clock.advance(days=4)
    reply = await chat.say("o-late", "评价")
    assert newer in reply and "问题解决了吗" in reply
    assert (await _verdict(sessions, rated)).satisfaction == 4


async def test_another_residents_number_reveals_nothing(chat, db, sessions, services, clock,
                                                        officers):
    number = await _resolved(chat, db, sessions, services, clock, officers["a1"], "o-owner")
    clock.advance(days=4)
    before = len(await db.events(await reload(sessions, number)))
    theirs = await chat.say("o-other", f"评价 {number}")
    unknown = await chat.say("o-other", "评价 DCF20261125-9999")
    # Word for word what a number that does not exist gets (the day's first reply ends with
    # the 110 line).
    assert theirs.removesuffix(f"\n{texts.LINE_110}") == unknown == texts.text("status_not_found")
    assert texts.text("late_rating_none") in await chat.say("o-other", "评价")
    assert await db.dialog("o-other") is None
    assert len(await db.events(await reload(sessions, number))) == before
    assert (await _verdict(sessions, number)).satisfaction is None


async def test_a_late_bad_score_opens_the_followup_and_counts(chat, db, sessions, services,
                                                              clock, officers):
    clock.now = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)   # Friday 16:00
    number = await _resolved(chat, db, sessions, services, clock, officers["a1"])
    clock.now = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)    # next Thursday 10:00
    assert "问题解决了吗" in await chat.say("o-late", f"评价 {number}")
    await chat.say("o-late", "1")
    await chat.say("o-late", "2")
    ticket = await reload(sessions, number)
    async with sessions() as session:
        row = await workflow_store.followup(session, ticket.id)
        tz = services.settings.tz
        figures = await kpi_for_week(session, IsoWeek.containing(clock.now, tz), tz,
                                     now=clock.now + timedelta(minutes=1))
    assert (row.satisfaction, row.rated_officer, row.officer) == (2, "a1", "a2")
    assert row.callback_due == datetime(2026, 12, 4, 2, 0, tzinfo=UTC)   # 1 working day
    [notice] = [j for j in await db.outbox("wecom_app") if j.recipient == "wx-a2"]
    assert number in notice.payload and "满意度2" in notice.payload
    assert any(e.type == "rating_followup" for e in await db.events(ticket))
    unit = figures.units[ticket.unit]
    assert (unit.rated, unit.satisfied, unit.steps.followups) == (1, 0, 1)


async def test_inside_the_first_dialog_the_open_question_is_asked_again(
        chat, db, sessions, services, clock, officers):
    number = await _resolved(chat, db, sessions, services, clock, officers["a1"])
    await chat.say("o-late", "1")
    reply = await chat.say("o-late", "评价")
    assert "满意度" in reply and "问题解决了吗" not in reply
    await chat.say("o-late", "5")
    events = [e for e in await db.events(await reload(sessions, number)) if e.type == "verdict"]
    assert len(events) == 2 and not any(json.loads(e.data).get("late") for e in events)
