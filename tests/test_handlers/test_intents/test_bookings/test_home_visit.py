"""Bookings as residents type them: a visit at home asks where to come, and an answer typed
ahead of its question is kept."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.conversations import APPOINTMENT, asks

VISIT = {**APPOINTMENT, "address": "民警上门的地址"}


@pytest.mark.parametrize("first", [
    "我想请社区民警上门帮我家老人办身份证，老人瘫痪在床",
    "老人行动不便，民警能到我家来给他办户口的事吗，想约个时间",
    "预约上门办理居住证",
])
async def test_a_visit_for_some_business_is_booked_as_a_visit(chat, first):
    reply = await chat.say("o-v", first)
    assert reply.startswith(texts.text("service_preselected", service="社区民警上门服务"))
    assert asks(reply, VISIT) == "time"


async def test_a_visit_asks_the_address_and_goes_to_its_station(chat, db):
    await chat.say("o-v", "我想请社区民警上门帮我家老人办身份证")
    reply = await chat.say("o-v", "下周一上午")
    assert asks(reply, VISIT) == "address"
    reply = await chat.say("o-v", "3")            # a slip: no place an officer can go to
    assert asks(reply, VISIT) == "address"
    await chat.say("o-v", "湖西街道幸福小区5号楼2单元")
    await chat.say("o-v", "王芳")
    confirm = await chat.say("o-v", "13712345678")
    assert "地点：湖西街道幸福小区5号楼2单元（上门服务，湖西派出所）" in confirm
    await chat.say("o-v", "1")
    ticket = await db.ticket("o-v")
    assert (ticket.kind, ticket.unit) == ("appointment", "湖西派出所")
    assert ticket.place and "幸福小区5号楼2单元" in ticket.place
    assert "上门地址：湖西街道幸福小区5号楼2单元" in ticket.summary


async def test_back_from_the_name_returns_to_the_address(chat):
    await chat.say("o-v", "预约上门服务")
    await chat.say("o-v", "下周一上午")
    reply = await chat.say("o-v", "柳园小区3号楼")
    assert asks(reply, VISIT) == "name"
    assert asks(await chat.say("o-v", "返回"), VISIT) == "address"


async def test_a_booking_at_a_window_asks_no_address(chat):
    await chat.say("o-w", "我想预约办身份证")
    await chat.say("o-w", "1")
    reply = await chat.say("o-w", "下周一上午")
    assert asks(reply, VISIT) == "name"


async def test_a_visit_chosen_from_the_list_asks_the_address_and_another_does_not(chat):
    await chat.say("o-l", "我要预约")
    await chat.say("o-l", "7")
    reply = await chat.say("o-l", "下周一上午")
    assert asks(reply, VISIT) == "address"
    # Chosen again as a window's business: no address.
    await chat.say("o-l", "重新开始")
    await chat.say("o-l", "2")
    await chat.say("o-l", "1")
    reply = await chat.say("o-l", "下周一上午")
    assert asks(reply, VISIT) == "name"


async def test_a_time_typed_at_the_service_question_is_kept(chat, db):
    await chat.say("o-t", "我要预约")
    reply = await chat.say("o-t", "下周二下午")
    assert reply.startswith(texts.text("dialog_kept_ahead", value="12月1日（周二）下午"))
    assert asks(reply, VISIT) == "service"
    await chat.say("o-t", "2")
    reply = await chat.say("o-t", "1")
    assert asks(reply, VISIT) == "name"         # the time is not asked again
    await chat.say("o-t", "张三")
    confirm = await chat.say("o-t", "13812345678")
    assert "业务：身份证办理" in confirm and "时间：12月1日（周二）下午" in confirm


async def test_a_time_that_cannot_be_booked_is_not_kept_ahead(chat):
    await chat.say("o-t", "我要预约")
    reply = await chat.say("o-t", "这周日上午")      # closed on Sundays: asked again later
    assert asks(reply, VISIT) == "service"
    assert not reply.startswith(texts.text("dialog_kept_ahead", value="")[:3])
    await chat.say("o-t", "2")
    assert asks(await chat.say("o-t", "1"), VISIT) == "time"


async def test_a_house_number_is_no_day(chat):
    await chat.say("o-h", "我想预约办身份证")
    await chat.say("o-h", "1")
    reply = await chat.say("o-h", "柳园小区3号楼2单元")
    assert asks(reply, VISIT) == "time"
    assert texts.text("time_invalid") in reply


async def test_a_time_typed_at_the_station_question_is_kept(chat):
    await chat.say("o-s", "我想预约办居住证")
    reply = await chat.say("o-s", "下周二下午")
    assert reply.startswith(texts.text("dialog_kept_ahead", value="12月1日（周二）下午"))
    assert asks(await chat.say("o-s", "2"), VISIT) == "name"


async def test_a_safety_talk_asks_where_it_is_held_and_goes_to_its_station(chat, db):
    await chat.say("o-k", "我们学校想预约安全宣讲")
    await chat.say("o-k", "下周三下午")
    reply = await chat.say("o-k", "湖西街道实验小学")
    assert asks(reply, VISIT) == "name"
    await chat.say("o-k", "李老师")
    confirm = await chat.say("o-k", "13712345678")
    assert "地点：湖西街道实验小学（宣讲地点，湖西派出所）" in confirm
    await chat.say("o-k", "1")
    ticket = await db.ticket("o-k")
    assert ticket.unit == "湖西派出所"
    assert ticket.summary.startswith("预约安全宣讲（防诈骗、消防、交通等），")

