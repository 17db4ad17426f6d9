"""Moving a booking: the wish goes on the booking for its officer; a bare weekday is the coming
one."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.conversations import APPOINTMENT, asks
from tests.workbench import UNIT_A, add_officer


async def _booked(chat, db, openid: str) -> str:
    for answer in ("我想预约办身份证", "1", "下周一上午", "张三", "13812345678", "1"):
        await chat.say(openid, answer)
    return (await db.ticket(openid)).number


@pytest.mark.parametrize("said", [
    "我预约的时间能改到周三下午吗", "预约想改个时间", "那天有事，能不能推迟到下周五", "我想改期",
])
async def test_a_wish_to_move_a_booking_goes_on_it_for_its_officer(chat, db, sessions, said):
    await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")
    number = await _booked(chat, db, "o-r")
    reply = await chat.say("o-r", said)
    assert reply.startswith(texts.text("reschedule_recorded", number=number))
    assert asks(reply, APPOINTMENT) is None and await db.dialog("o-r") is None
    [booking] = await db.tickets("o-r")                 # no second booking
    assert [e.text for e in await db.events(booking) if e.type == "message_in"][-1] == said
    told = [j.payload for j in await db.outbox("wecom_app") if "预约改期" in j.payload]
    assert told and number in told[0]


@pytest.mark.parametrize("said", ["邻居吵架派出所调解了好几天都没结果", "改天我再来问问办证的事"])
async def test_words_that_only_look_like_moving_a_booking_are_read_as_they_are(chat, db, said):
    await _booked(chat, db, "o-x")
    reply = await chat.say("o-x", said)
    assert not reply.startswith(texts.text("reschedule_recorded", number="")[:10])


async def test_without_a_booking_a_wish_for_another_time_is_a_booking(chat):
    reply = await chat.say("o-n", "预约的时间想改一下")
    assert asks(reply, APPOINTMENT) == "service"


async def test_a_weekday_named_bare_is_the_coming_one(chat):
    # The tests' clock is a Wednesday: 周一 is next Monday, not the one just past.
    await chat.say("o-w", "我想预约办身份证")
    await chat.say("o-w", "1")
    reply = await chat.say("o-w", "周一上午")
    assert "已经过去" not in reply and asks(reply, APPOINTMENT) == "name"
    await chat.say("o-w", "张三")
    assert "时间：11月30日（周一）上午" in await chat.say("o-w", "13812345678")
