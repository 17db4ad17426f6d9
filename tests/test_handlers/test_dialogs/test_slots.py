"""Slots that check what they get (issue 14.4): a number quoted in a report, booking times
on the calendar and the unit's hours, names, and questions asked in the middle of a step."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from handlers import texts
from handlers.dialogs import slots
from tests.conversations import APPOINTMENT, COMPLAINT, appointment_at, asks

SWINDLER, SWINDLER_MASKED, OWN = "17012345678", "170****5678", "13912345678"
TIP = f"冒充客服的号码是{SWINDLER}，我没给钱"
HOURS = ["mon-fri 08:30-12:00", "mon-fri 14:00-17:30", "sat 09:00-12:00"]


@pytest.fixture
def config(config):
    """古楼派出所 (where bookings go) opens on Saturday mornings too."""
    units = tuple(dataclasses.replace(u, hours=tuple(HOURS)) if u.name == "古楼派出所" else u
                  for u in config.units)
    return dataclasses.replace(config, units=units)


async def _tip_at_phone_question(chat, db) -> str:
    reply = await chat.say("o-1", TIP)
    assert SWINDLER not in reply
    assert asks(reply, COMPLAINT) == "where"
    assert asks(await chat.say("o-1", "柳园小区"), COMPLAINT) == "when"
    reply = await chat.say("o-1", "昨天下午")
    assert "这是您本人的联系电话吗" in reply and SWINDLER_MASKED in reply
    assert SWINDLER not in reply
    return reply


async def test_a_swindlers_number_in_a_tip_is_asked_about_never_kept(chat, db):
    await _tip_at_phone_question(chat, db)
    assert (await db.ticket("o-1")).contact_phone is None
    reply = await chat.say("o-1", "2")
    assert asks(reply, COMPLAINT) == "phone"
    assert (await db.ticket("o-1")).contact_phone is None
    assert asks(await chat.say("o-1", OWN), COMPLAINT) == "photos"
    ticket = await db.ticket("o-1")
    assert ticket.contact_phone == OWN
    # The officer reads what the resident said about the quoted number.
    events = [e.text for e in await db.events(ticket)]
    assert any("不是本人电话" in text and SWINDLER_MASKED in text for text in events)


async def test_a_quoted_number_the_resident_owns_becomes_the_contact(chat, db):
    await _tip_at_phone_question(chat, db)
    assert asks(await chat.say("o-1", "是的"), COMPLAINT) == "photos"
    assert (await db.ticket("o-1")).contact_phone == SWINDLER


async def test_the_phone_question_takes_another_number_and_refuses_nonsense(chat, db):
    await _tip_at_phone_question(chat, db)
    reply = await chat.say("o-1", "随便")
    assert texts.text("phone_owner_unclear") in reply and "这是您本人的联系电话吗" in reply
    assert asks(await chat.say("o-1", f"不是，我的是{OWN}"), COMPLAINT) == "photos"
    assert (await db.ticket("o-1")).contact_phone == OWN


async def test_a_number_the_resident_calls_theirs_is_not_asked_about(chat, db):
    await chat.say("o-1", f"小区门口有人乱停车，我电话{OWN}，在柳园小区")
    reply = await chat.say("o-1", "每天早上")
    assert asks(reply, COMPLAINT) == "photos" and "本人的联系电话" not in reply
    assert (await db.ticket("o-1")).contact_phone == OWN


@pytest.mark.parametrize("said", ["网上买的手机是假的，卖家电话13912345678，不给退款",
                                  "房东手机13912345678，押金一直不退"])
def test_the_other_partys_number_named_by_their_role_is_not_the_residents(said):
    assert slots.quoted_mobile(said) == ("13912345678", False)


# --- booking times -------------------------------------------------------------------------

async def test_a_time_that_is_no_time_is_refused_with_an_example(chat, db):
    await appointment_at(chat, "o-1", 2)
    reply = await chat.say("o-1", "要预约")
    assert texts.text("time_invalid") in reply and "例如" in reply
    assert asks(reply, APPOINTMENT) == "time"
    assert asks(await chat.say("o-1", "下周二上午"), APPOINTMENT) == "name"


async def test_the_booking_time_is_read_into_a_day_and_a_part_of_it(chat, db):
    await appointment_at(chat, "o-1", 2)
    await chat.say("o-1", "下周二上午")          # now is Wednesday 2026-11-25
    await chat.say("o-1", "张三")
    reply = await chat.say("o-1", "13812345678")
    assert "时间：12月1日（周二）上午" in reply
    await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert "希望时间：12月1日（周二）上午" in ticket.summary


@pytest.mark.parametrize(("said", "why", "shown"), [
    ("周日上午", "不办公", "11月30日（周一）08:30-12:00、14:00-17:30"),
    ("周六下午", "不在办公时间内", "09:00-12:00"),
    ("明天晚上8点", "不在办公时间内", "08:30-12:00、14:00-17:30"),
    ("昨天上午", "已经过去了", "11月24日（周二）上午"),
    ("2027年5月6日上午", "只能预约60天以内", "下周一上午"),
])
async def test_times_the_unit_cannot_take_are_refused_with_why(chat, said, why, shown):
    await appointment_at(chat, "o-1", 2)
    reply = await chat.say("o-1", said)
    assert why in reply and shown in reply and asks(reply, APPOINTMENT) == "time", reply


async def test_a_saturday_morning_is_bookable_where_the_unit_opens(chat):
    await appointment_at(chat, "o-1", 2)
    assert asks(await chat.say("o-1", "周六上午10点"), APPOINTMENT) == "name"


async def test_a_make_up_saturday_keeps_the_weekday_hours(chat, services):
    # Officers enter 2026-11-28 as a make-up working day (调休): weekday hours, afternoon too.
    services.calendar.set_overrides({date(2026, 11, 28): "workday"})
    await appointment_at(chat, "o-1", 2)
    assert asks(await chat.say("o-1", "周六下午3点"), APPOINTMENT) == "name"


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("not_a_name", ["下周二上午", "要预约", "13812345678", "不知道"])
async def test_what_is_not_a_name_is_refused(chat, not_a_name):
    await appointment_at(chat, "o-1", 3)
    reply = await chat.say("o-1", not_a_name)
    assert texts.text("name_invalid") in reply and asks(reply, APPOINTMENT) == "name"


@pytest.mark.parametrize(("said", "kept"), [("我叫李明", "李明"), ("欧阳娜娜", "欧阳娜娜"),
                                            ("阿依古丽·买买提", "阿依古丽·买买提")])
async def test_names_are_taken_as_people_write_them(chat, said, kept):
    await appointment_at(chat, "o-1", 3)
    await chat.say("o-1", said)
    reply = await chat.say("o-1", "13812345678")
    assert f"姓名：{kept}" in reply


# --- a question in the middle of a step ------------------------------------------------------

async def test_a_question_inside_the_booking_is_answered_then_the_step_asked_again(chat):
    await appointment_at(chat, "o-1", 3)
    reply = await chat.say("o-1", "古楼派出所几点上班？")
    assert "办公时间：周一至周五 08:30-12:00" in reply
    assert asks(reply, APPOINTMENT) == "name"
    assert asks(await chat.say("o-1", "张三"), APPOINTMENT) == "phone"


async def test_a_greeting_inside_the_booking_keeps_the_step(chat):
    await appointment_at(chat, "o-1", 4)
    reply = await chat.say("o-1", "你好")
    assert asks(reply, APPOINTMENT) == "phone"
    assert texts.text("dialog_aside_courtesy") in reply


@pytest.mark.parametrize(("said", "when"), [
    ("楼下烧烤摊每天晚上吵到凌晨两点", "每天晚上，凌晨两点"),
    ("上周三晚上十点多楼上又砸东西", "上周三晚上十点多"),
    ("小区门口天天有人占道摆摊，早上七点到九点最严重", "天天，早上七点到九点"),
    ("楼上邻居总是很吵", None),                      # how often, but no time said
    ("我在这个小区住了三年了，楼下的垃圾一直没人清", None),   # a duration
    ("有一点小事想反映，3号楼楼道灯坏了", None),           # 一点 of "a little", a building
])
def test_when_a_report_says_it_happens(said, when):
    assert slots.told_when(said) == when
