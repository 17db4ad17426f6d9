"""Appointments: service, time, 姓名, 手机号, 确认 -> an appointment ticket."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.conversations import APPOINTMENT, DAY, appointment_at, asks, orm_tickets_built

PHONE, MASKED = "13812345678", "138****5678"


async def test_the_full_dialog_opens_an_appointment_ticket(chat, db):
    reply = await appointment_at(chat, "o-1", 5)
    assert "业务：户籍办理" in reply and "时间：11月26日（周四）上午" in reply
    assert "姓名：张三" in reply
    assert f"手机号：{MASKED}" in reply and PHONE not in reply
    assert "1. 确认提交" in reply and "2. 重新填写" in reply
    assert await db.tickets() == []
    done = await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert done.startswith(texts.text("appointment_done", number=f"DCF{DAY}-0001"))
    assert (ticket.kind, ticket.priority, ticket.contact_phone) == ("appointment", "P3", PHONE)
    assert ticket.summary == ("预约户籍办理（迁入迁出、出生落户等），"
                              "希望时间：11月26日（周四）上午，姓名：张三")
    assert await db.dialog("o-1") is None
    assert [e.type for e in await db.events(ticket)] == ["created", "auto_reply"]


async def test_confirming_a_booking_builds_no_orm_ticket(chat, db):
    # The opener's unit of work is Core writes only (storage.tickets.store.open_plain), as
    # a complaint's: the booking is stored and its number told all the same.
    await appointment_at(chat, "o-plain", 5)
    with orm_tickets_built() as built:
        done = await chat.say("o-plain", "1")
    ticket = await db.ticket("o-plain")
    assert built == [] and done.startswith(texts.text("appointment_done",
                                                      number=ticket.number))
    assert (ticket.kind, ticket.contact_phone) == ("appointment", PHONE)
    assert [e.type for e in await db.events(ticket)] == ["created", "auto_reply"]


async def test_confirm_by_word(chat, db):
    await appointment_at(chat, "o-1", 5)
    await chat.say("o-1", "确认")
    assert (await db.ticket("o-1")).kind == "appointment"


async def test_a_service_named_in_the_first_message_is_preselected(chat, db):
    reply = await chat.say("o-1", "我想预约办身份证")
    assert reply.startswith(texts.text("service_preselected", service="身份证办理"))
    assert asks(reply, APPOINTMENT) == "unit"
    assert asks(await chat.say("o-1", "2"), APPOINTMENT) == "time"
    await chat.say("o-1", "下周一上午")
    await chat.say("o-1", "李四")
    confirm = await chat.say("o-1", PHONE)
    assert "业务：身份证办理" in confirm and f"手机号：{MASKED}" in confirm
    assert "地点：新区派出所" in confirm
    await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert ticket.summary.startswith("预约身份证办理，希望时间：11月30日（周一）上午")
    assert (ticket.unit, ticket.flagged_unassigned) == ("新区派出所", False)


async def test_two_services_named_means_asking(chat):
    reply = await chat.say("o-1", "我想预约办身份证和居住证")
    assert asks(reply, APPOINTMENT) == "service"


async def test_rewrite_starts_again(chat, db):
    await appointment_at(chat, "o-1", 5)
    reply = await chat.say("o-1", "2")
    assert asks(reply, APPOINTMENT) == "service"
    assert await db.tickets() == []
    await chat.say("o-1", "3")
    await chat.say("o-1", "1")
    await chat.say("o-1", "周五下午")
    await chat.say("o-1", "王五")
    confirm = await chat.say("o-1", "13912345678")
    assert "居住证办理" in confirm and "11月27日（周五）下午" in confirm \
        and "139****5678" in confirm
    await chat.say("o-1", "1")
    assert (await db.ticket("o-1")).contact_phone == "13912345678"


async def test_rewrite_keeps_a_preselected_service(chat, db):
    await chat.say("o-1", "我想预约办身份证")
    for answer in ("1", "明天上午", "张三", PHONE):
        await chat.say("o-1", answer)
    # The station was chosen, not named: it is asked again.
    assert asks(await chat.say("o-1", "重新填写"), APPOINTMENT) == "unit"


async def test_the_appointment_menu(chat, db):
    reply = await chat.click("o-1", "APPOINTMENT")
    assert asks(reply, APPOINTMENT) == "service" and "1. 户籍办理" in reply
    assert "8. 安全宣讲（防诈骗、消防、交通等）" in reply


async def test_a_time_and_station_named_in_the_first_message_are_not_asked_again(chat, db):
    reply = await chat.say("o-1", "你好，我想预约下周二上午去古楼派出所办身份证")
    assert reply.startswith(texts.text("service_preselected", service="身份证办理"))
    assert asks(reply, APPOINTMENT) == "name"
    await chat.say("o-1", "李四")
    confirm = await chat.say("o-1", PHONE)
    assert "地点：古楼派出所" in confirm and "时间：12月1日（周二）上午" in confirm
    await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert (ticket.unit, ticket.flagged_unassigned) == ("古楼派出所", False)
    assert ticket.summary.startswith("预约身份证办理，希望时间：12月1日（周二）上午")


async def test_a_day_the_stations_are_closed_is_asked_again_with_the_reason(chat):
    reply = await chat.say("o-1", "想预约这周日去办居住证")
    assert "11月29日（周日）不办公" in reply
    assert asks(reply, APPOINTMENT) == "unit"
    assert asks(await chat.say("o-1", "1"), APPOINTMENT) == "time"


async def test_a_building_number_is_not_a_day_and_an_area_names_the_station(chat, db):
    reply = await chat.say("o-1", "我住柳园小区3号楼，想预约社区民警上门服务")
    assert "不办公" not in reply and "已经过去" not in reply
    assert asks(reply, APPOINTMENT) == "time"
    for answer in ("明天上午", "张三", PHONE):
        confirm = await chat.say("o-1", answer)
    assert "地点：柳园小区3号楼（上门服务，古楼派出所）" in confirm
    await chat.say("o-1", "1")
    assert (await db.ticket("o-1")).unit == "古楼派出所"


async def test_a_booking_at_any_station_says_the_officers_will_arrange_it(chat, db):
    await chat.say("o-1", "我要预约")
    await chat.say("o-1", "2")
    reply = await chat.say("o-1", "都可以")
    assert asks(reply, APPOINTMENT) == "time"
    for answer in ("下周一上午", "李四"):
        await chat.say("o-1", answer)
    confirm = await chat.say("o-1", PHONE)
    assert "地点：" + texts.text("unit_to_be_arranged") in confirm
    await chat.say("o-1", "1")
    assert (await db.ticket("o-1")).flagged_unassigned       # for a dispatcher to place


@pytest.mark.parametrize(("answer", "unit"), [
    ("3", "湖西派出所"), ("古楼", "古楼派出所"), ("新区所", "新区派出所"),
    ("东城街道那边", "新区派出所"),
])
async def test_the_station_question_takes_a_number_or_a_name(chat, db, answer, unit):
    await chat.say("o-1", "我想预约办居住证")
    reply = await chat.say("o-1", answer)
    assert asks(reply, APPOINTMENT) == "time"
    for said in ("下周一上午", "李四"):
        await chat.say("o-1", said)
    assert f"地点：{unit}" in await chat.say("o-1", PHONE)
    await chat.say("o-1", "1")
    assert (await db.ticket("o-1")).unit == unit


async def test_a_station_nobody_knows_is_asked_again(chat):
    await chat.say("o-1", "我想预约办居住证")
    reply = await chat.say("o-1", "火星派出所")
    assert texts.text("unit_unknown") in reply and asks(reply, APPOINTMENT) == "unit"
    assert texts.text("choice_out_of_range") in await chat.say("o-1", "9")


@pytest.mark.parametrize(("said", "unit"), [
    ("我想预约去古楼所办身份证", "古楼派出所"),
    ("预约到湖西所办居住证", "湖西派出所"),
    ("想预约新区所办护照", "新区派出所"),
])
async def test_a_station_named_by_its_short_name_is_the_bookings(chat, said, unit):
    reply = await chat.say("o-1", said)
    assert asks(reply, APPOINTMENT) == "time"
    for answer in ("下周一上午", "李四"):
        await chat.say("o-1", answer)
    assert f"地点：{unit}" in await chat.say("o-1", PHONE)


@pytest.mark.parametrize(("said", "area", "unit"), [
    ("我想预约去柳园派出所办身份证", "柳园", "古楼派出所"),
    ("预约去东城街道派出所办居住证", "东城街道", "新区派出所"),
    ("想预约湖西街道派出所办户口", "湖西街道", "湖西派出所"),
])
async def test_a_station_called_by_an_area_is_told_as_the_areas_unit(chat, said, area, unit):
    reply = await chat.say("o-1", said)
    assert texts.text("station_of_area", area=area, unit=unit) in reply
    assert asks(reply, APPOINTMENT) == "time"
    for answer in ("下周一上午", "李四"):
        await chat.say("o-1", answer)
    assert f"地点：{unit}" in await chat.say("o-1", PHONE)


async def test_a_forum_place_is_not_asked_a_time_the_station_tells(chat, db):
    reply = await chat.say("o-1", "你们那个警民恳谈会什么时候开，我想报名参加")
    assert reply.startswith(texts.text("forum_preselected"))
    assert asks(reply, APPOINTMENT) == "name"
    await chat.say("o-1", "李四")
    confirm = await chat.say("o-1", PHONE)
    assert f"时间：{texts.text('forum_time_by_officer')}" in confirm
    await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert ticket.summary == "预约报名警民恳谈会，希望时间：由社区民警通知，姓名：李四"


async def test_a_forum_chosen_from_the_list_skips_the_time_and_back_asks_it_again(chat):
    await chat.say("o-1", "我要预约")
    assert asks(await chat.say("o-1", "6"), APPOINTMENT) == "name"
    assert asks(await chat.say("o-1", "返回"), APPOINTMENT) == "service"
    assert asks(await chat.say("o-1", "2"), APPOINTMENT) == "unit"


@pytest.mark.parametrize("wish", [
    "我想见见我们社区的民警",
    "想约见一下片警，有些事当面说",
    "我想找社区民警聊聊小区停车的事",
])
async def test_a_wish_to_meet_the_community_officer_books_their_visit(chat, db, wish):
    # "我想见见我们社区的民警" got the "which did you mean?" menu.
    reply = await chat.say("o-1", wish)
    assert asks(reply, APPOINTMENT) == "time"
    assert "社区民警上门服务" in reply
    assert texts.text("quick_menu") not in reply


async def test_asking_for_the_officer_is_no_booking(chat, db):
    # A question or a bare "找民警" names no wish to meet: nothing is booked.
    for said in ("我想找警官问个事", "社区民警的电话是多少"):
        reply = await chat.say("o-ask", said)
        assert asks(reply, APPOINTMENT) is None, said
