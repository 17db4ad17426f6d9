"""A resident cancels their own booking (§5): asked once with the booking named, cancelled only
on yes, the officer who owns it told; a booking still being filled in is simply abandoned."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents.bookings import cancel as cancel_booking
from tests.conversations import appointment_at
from tests.workbench import UNIT_A, add_officer


async def _booked(chat, db, openid: str = "o-1") -> str:
    await appointment_at(chat, openid, 5)
    await chat.say(openid, "1")
    return (await db.tickets(openid))[-1].number


@pytest.mark.parametrize("said", ["我想取消预约", "取消我的预约", "预约那天去不了了",
                                  "把预约撤销了吧", "那个身份证的预约不办了"])
async def test_one_booking_is_named_then_cancelled_on_yes(chat, db, said):
    number = await _booked(chat, db)
    reply = await chat.say("o-1", said)
    assert number in reply and "1. 确认取消" in reply and "2. 保留预约" in reply
    assert (await db.ticket("o-1")).status == "new"          # nothing happens before the yes
    assert (await chat.say("o-1", "1")).startswith(
        texts.text("cancel_booking_done", number=number))
    ticket = await db.ticket("o-1")
    assert ticket.status == "cancelled"
    [moved] = [e for e in await db.events(ticket) if e.type == "status"]
    assert (moved.actor, moved.text) == ("resident", texts.text("cancel_booking_event"))


async def test_keeping_the_booking_changes_nothing(chat, db):
    await _booked(chat, db)
    await chat.say("o-1", "我想取消预约")
    assert (await chat.say("o-1", "算了")).startswith(texts.text("cancel_booking_kept"))
    assert (await db.ticket("o-1")).status == "new"


async def test_with_several_bookings_the_resident_picks_one(chat, db):
    first = await _booked(chat, db)
    second = await _booked(chat, db)
    reply = await chat.say("o-1", "取消预约")
    assert f"1. {second}" in reply and f"2. {first}" in reply and "3. 都保留" in reply
    await chat.say("o-1", "2")
    statuses = {t.number: t.status for t in await db.tickets("o-1")}
    assert statuses == {first: "cancelled", second: "new"}


async def test_a_booking_named_by_number_is_the_one_asked_about(chat, db):
    first = await _booked(chat, db)
    second = await _booked(chat, db)
    reply = await chat.say("o-1", f"取消预约{first.lower()}")
    assert first in reply and second not in reply
    await chat.say("o-1", "确认")
    statuses = {t.number: t.status for t in await db.tickets("o-1")}
    assert statuses == {first: "cancelled", second: "new"}


async def test_nothing_to_cancel_says_so(chat, db):
    assert (await chat.say("o-1", "我想取消预约")).startswith(
        texts.text("cancel_booking_none"))
    await chat.say("o-1", "楼上天天半夜蹦迪，吵死了")       # a complaint is no booking
    await chat.say("o-1", "取消")
    assert (await chat.say("o-1", "取消预约")).startswith(texts.text("cancel_booking_none"))
    assert (await db.ticket("o-1")).status == "new"


async def test_another_residents_booking_is_not_theirs_to_cancel(chat, db):
    number = await _booked(chat, db, "o-1")
    assert (await chat.say("o-2", f"取消预约{number}")).startswith(
        texts.text("cancel_booking_none"))
    assert (await db.ticket("o-1")).status == "new"


async def test_a_booking_being_filled_in_is_abandoned(chat, db):
    await appointment_at(chat, "o-1", 3)
    assert (await chat.say("o-1", "我不去了，取消预约吧")).startswith(
        texts.text("dialog_cancelled"))
    assert await db.tickets("o-1") == [] and await db.dialog("o-1") is None


async def test_the_officer_who_owns_it_is_told(chat, db, sessions, services, clock):
    officer = await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    number = await _booked(chat, db)
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, officer, number, "assign",
                                               {"officer": "a1"})
    await chat.say("o-1", "我想取消预约")
    await chat.say("o-1", "1")
    told = [j for j in await db.outbox("wecom_app") if j.recipient == "wx-a1"]
    assert any(texts.text("booking_cancelled_alert", number=number) in j.payload for j in told)


@pytest.mark.parametrize("said", ["办身份证需要预约吗", "预约了可以改时间吗",
                                  "我想预约下周二办居住证", "为什么我的预约被取消了",
                                  "上个月预约办护照，到了窗口说系统取消了预约，白跑一趟，"
                                  "希望你们改进一下工作方式，别让群众来回跑"])
def test_questions_and_reports_are_no_cancellation(said):
    assert not cancel_booking.asks(said)


async def test_a_cancelled_booking_reads_so_once_in_my_tickets(chat, db):
    number = await _booked(chat, db)
    await chat.say("o-1", "我想取消预约")
    await chat.say("o-1", "1")
    [line] = [line for line in (await chat.say("o-1", "我的工单")).split("\n") if number in line]
    assert line.count("已撤销") == 1 and texts.NEXT_STEP["cancelled"] in line
