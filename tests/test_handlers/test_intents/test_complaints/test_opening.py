"""Complaints and tips: the ticket opened with the first message and what that message is told
(the details asked after it: test_details)."""

from __future__ import annotations

import json

import pytest

from handlers import texts
from tests.conversations import COMPLAINT, DAY, NOISE, asks, classified, orm_tickets_built

PHONE, MASKED = "13812345678", "138****5678"


async def test_the_first_message_opens_the_ticket_then_details_are_asked(chat, db, services):
    reply = await chat.say("o-1", NOISE)
    ticket = await db.ticket("o-1")
    assert ticket.number == f"DCF{DAY}-0001" and ticket.number in reply
    assert services.local_time(ticket.first_response_due) in reply
    assert (ticket.kind, ticket.priority, ticket.status) == ("complaint", "P3", "new")
    assert asks(reply, COMPLAINT) == "where"
    assert asks(await chat.say("o-1", "柳园小区3号楼"), COMPLAINT) == "when"
    assert asks(await chat.say("o-1", "每天晚上10点以后"), COMPLAINT) == "phone"
    reply = await chat.say("o-1", PHONE)
    assert asks(reply, COMPLAINT) == "photos" and PHONE not in reply
    assert (await chat.say("o-1", "楼上是302室")).startswith(
        texts.text("complaint_done", number=ticket.number))
    ticket = await db.ticket("o-1")
    assert ticket.contact_phone == PHONE
    timeline = await db.events(ticket)
    answers = [(e.actor, e.text) for e in timeline if e.type == "message_in"]
    assert answers == [("resident", "地点：柳园小区3号楼"), ("resident", "时间：每天晚上10点以后"),
                       ("resident", f"联系电话：{MASKED}"), ("resident", "补充：楼上是302室")]
    assert [e.type for e in timeline][:2] == ["created", "auto_reply"]


@pytest.mark.parametrize("said", ["楼上邻居每天晚上很吵",
                                  "小区门口天天有人占道摆摊，早上七点到九点最严重",
                                  "昨天下午3点我的电动车在超市门口被偷了"])
async def test_a_report_that_says_when_is_not_asked_when(chat, db, said):
    assert asks(await chat.say("o-1", said), COMPLAINT) == "where"
    assert asks(await chat.say("o-1", "柳园小区3号楼"), COMPLAINT) == "phone"


@pytest.mark.parametrize("said", ["我在这个小区住了三年了，楼下的垃圾一直没人清",
                                  "有一点小事想反映，楼道灯坏了"])
async def test_a_duration_or_a_small_word_is_no_time_told(chat, said):
    await chat.say("o-1", said)
    assert asks(await chat.say("o-1", "柳园小区3号楼"), COMPLAINT) == "when"


async def test_from_the_menu_the_description_comes_first(chat, db):
    assert texts.text("complaint_start") in await chat.click("o-1", "COMPLAINT")
    assert await db.tickets() == []
    reply = await chat.say("o-1", "湖西街道有人在小区里赌博")
    ticket = await db.ticket("o-1")
    assert ticket.number in reply and ticket.unit == "湖西派出所"
    assert asks(reply, COMPLAINT) == "when"          # the place was in the description


@pytest.mark.parametrize("said", ["我要投诉", "我想举报一下！", "你好，我要反映个问题"])
async def test_a_bare_request_asks_what_happened_before_opening_anything(chat, db, said):
    assert texts.text("complaint_start") in await chat.say("o-1", said)
    assert await db.tickets() == []
    reply = await chat.say("o-1", "小区门口天天有人占道摆摊")
    ticket = await db.ticket("o-1")
    assert ticket.number in reply and "摆摊" in ticket.summary


async def test_from_the_menu_past_wording_keeps_its_priority(chat, db):
    await chat.click("o-1", "COMPLAINT")
    await chat.say("o-1", "上个月有人在小区打架")
    ticket = await db.ticket("o-1")
    assert ticket.priority == "P2"
    assert "downgraded_emergency" in json.loads(ticket.intent_reasons)


async def test_a_complaint_about_an_officer_is_p2(chat, db):
    await chat.say("o-1", "派出所民警态度很差")
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")


async def test_media_and_location_attach_to_the_ticket_being_detailed(chat, db):
    await chat.say("o-1", NOISE)
    number = (await db.ticket("o-1")).number
    assert (await chat.image("o-1", "media-photo")).startswith(
        texts.text("attached_photo", number=number))
    assert (await chat.voice("o-1")).startswith(texts.text("voice_unrecognized"))
    assert (await chat.location("o-1", 36.453, 115.956, "湖西街道某小区")).startswith(
        texts.text("location_attached", place="湖西街道某小区", number=number))
    ticket = await db.ticket("o-1")
    assert (ticket.latitude, ticket.longitude) == (36.453, 115.956)
    assert ticket.location_label == "湖西街道某小区"
    events = await db.events(ticket)
    attached = [(e.actor, e.text, json.loads(e.data).get("media_id"))
                for e in events if e.type == "message_in"]
    assert attached == [("resident", "[照片]", "media-photo"), ("resident", "[语音]", "voice-1")]
    [located] = [e for e in events if e.type == "location"]
    assert (located.actor, located.text) == ("resident", "群众位置：湖西街道某小区")
    # The details dialog is still open at its first question.
    assert asks(await chat.say("o-1", "柳园小区"), COMPLAINT) == "when"


async def test_media_after_the_details_are_done_is_not_attached(chat, db):
    await chat.say("o-1", "小区门口有人乱停车，我电话13812345678，在柳园小区")
    await chat.say("o-1", "无")
    await chat.say("o-1", "无")
    assert await db.dialog("o-1") is None
    assert await chat.image("o-1") == texts.text("media_received")
    assert not [e for e in await db.events(await db.ticket("o-1")) if e.text == "[照片]"]


async def test_an_anonymous_tip_keeps_no_phone(chat, db, services):
    text = classified(services, "complaint", "我要匿名举报有人在小区赌博，我电话13812345678",
                      "匿名举报小区里有人聚众赌博，电话13812345678")
    reply = await chat.say("o-1", text)
    ticket = await db.ticket("o-1")
    assert ticket.anonymous and ticket.contact_phone is None
    assert "匿名" in reply and ticket.number in reply
    assert PHONE not in reply and MASKED not in reply
    assert asks(reply, COMPLAINT) == "where"
    assert asks(await chat.say("o-1", "柳园小区"), COMPLAINT) == "when"
    assert asks(await chat.say("o-1", "每天晚上"), COMPLAINT) == "photos"   # no phone asked


async def test_a_phone_in_the_text_is_kept_and_never_shown_in_full(chat, db):
    replies = [await chat.say("o-1", "小区门口有人乱停车，我电话13812345678")]
    ticket = await db.ticket("o-1")
    assert ticket.contact_phone == PHONE
    replies.append(await chat.say("o-1", "柳园小区"))
    assert asks(replies[-1], COMPLAINT) == "when"
    replies.append(await chat.say("o-1", "今天下午"))
    assert asks(replies[-1], COMPLAINT) == "photos"       # the phone is known
    replies.append(await chat.say("o-1", "我的工单"))
    replies.append(await chat.say("o-1", ticket.number))
    assert all(PHONE not in reply for reply in replies)


async def test_a_downgraded_emergency_is_a_p2_complaint(chat, db):
    reply = await chat.say("o-1", "上个月有人在小区打架")
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")
    assert "downgraded_emergency" in json.loads(ticket.intent_reasons)
    assert not reply.startswith("请立即拨打110") and ticket.number in reply
    assert await db.outbox("wecom_robot") == []


@pytest.mark.parametrize("said", ["我刚刚被骗了，转了5000块钱给对方",
                                  "半小时前扫码付了2000买演唱会门票，卖家把我拉黑了",
                                  "刚才网上买东西，转了钱给卖家，对方不回消息了"])
async def test_money_just_sent_to_a_swindler_is_told_to_be_stopped_at_once(chat, db, said):
    reply = await chat.say("o-1", said)
    ticket = await db.ticket("o-1")
    # The stop-payment line comes before the ticket's number: minutes decide whether it works.
    assert reply.index("96110") < reply.index(ticket.number) and "紧急止付" in reply
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")
    reasons = json.loads(ticket.intent_reasons)
    # The classifier's reason decided it, and the officers read which words told it.
    assert "downgraded_emergency" in reasons
    assert any(reason.startswith("fraud:paid_just_now:") for reason in reasons)


@pytest.mark.parametrize("said", ["上个月在网上被骗了两千块，想报案",
                                  "刚才有人冒充我领导让我转账，我没转，想举报这个号码",
                                  "网上买的东西有问题，对方不给退款"])
async def test_an_old_swindle_or_a_payment_refused_gets_no_stop_payment_line(chat, db, said):
    reply = await chat.say("o-1", said)
    assert (await db.ticket("o-1")).number in reply and "96110" not in reply


@pytest.mark.parametrize("said", ["刚才有人抢了我的包", "我刚才在路上被人抢了包，人已经跑了",
                                  "将才有人抢了俺的包",
                                  "刚刚被人打了一顿，打人的已经走了"])
async def test_a_crime_done_minutes_ago_is_a_report_told_to_call_110_at_once(chat, db, said):
    reply = await chat.say("o-1", said)
    assert reply.startswith(texts.text("complaint_just_happened"))
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")
    assert asks(reply, COMPLAINT) == "where"


@pytest.mark.parametrize("said", ["接到冒充公检法的电话，转了五千", "网上买东西被骗了800块"])
async def test_money_lost_to_a_swindle_is_told_what_to_keep_and_how_to_stop_it(chat, db, said):
    reply = await chat.say("o-1", said)
    assert reply.startswith(texts.text("complaint_fraud_paid"))
    assert (await db.ticket("o-1")).kind == "complaint"


@pytest.mark.parametrize("said", [NOISE, "楼下的车库被人撬了，丢了一辆自行车，是昨天晚上的事，"
                                         "我住东关街道阳光花园"])
async def test_opening_a_complaint_builds_no_orm_ticket(chat, db, said):
    # The opener's unit of work is Core writes only (storage.tickets.store.open_plain): an
    # ORM object's constructor and the session's bookkeeping cost more than its INSERT.
    with orm_tickets_built() as built:
        reply = await chat.say("o-1", said)
    assert built == [] and (await db.ticket("o-1")).number in reply
