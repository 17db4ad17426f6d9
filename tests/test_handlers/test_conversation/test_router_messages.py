"""The router's precedence (CONTRACT §4) outside dialogs, through the real classifier: the
110 line, menu keys and events, media, ticket numbers, and end to end through /wechat."""

from __future__ import annotations

import itertools
import re
import time

import pytest
from wechatpy import parse_message

from handlers import texts
from handlers.core.types import Inbound
from tests.conversations import (
    COMPLAINT,
    DAY,
    EMERGENCY,
    NOISE,
    asks,
)
from tests.helpers import APP_ID, inbound_rows, outbox_rows
from tests.pushes import event_xml, open_reply, safe_push, text_xml

# --- the 110 line, menu keys and events -------------------------------------------------------

async def test_the_110_line_follows_the_contract(chat):
    # Chat.send checks §4 on every reply of every test (at most once, last, never beside
    # another 110, never twice in a row); here where it must appear.
    assert (await chat.send("o-1", "event", event="subscribe")).endswith(texts.LINE_110)
    replies = [await chat.say("o-1", "你好"), await chat.say("o-1", "我要预约"),
               await chat.say("o-1", "9"), await chat.say("o-1", "取消")]
    assert not any(texts.LINE_110 in reply for reply in replies)   # not the day's first
    emergency = await chat.say("o-2", EMERGENCY)
    assert "110" in emergency and texts.LINE_110 not in emergency
    assert (await chat.image("o-3")).endswith(texts.LINE_110)     # the day's first reply
    assert texts.LINE_110 not in await chat.click("o-3", "GUIDE")   # not twice in a row


@pytest.mark.parametrize(("key", "expected"), [
    ("COMPLAINT", texts.text("complaint_start")),
    ("FEEDBACK", texts.text("feedback_start")),
    ("EMERGENCY_INFO", "0635-8888110"),
    ("APPOINTMENT", texts.text("ask_service")),
    ("GUIDE", texts.text("faq_guide_header")),
    ("MY_TICKETS", texts.text("status_none")),
])
async def test_menu_clicks(chat, db, key, expected):
    reply = await chat.click("o-1", key)
    assert expected in reply
    assert await db.tickets() == []


async def test_menu_keys_typed_as_text_act_like_clicks(chat, db):
    assert texts.text("complaint_start") in await chat.say("o-1", "COMPLAINT")
    info = await chat.say("o-2", "EMERGENCY_INFO")
    assert info.startswith(texts.text("emergency_info", phone="0635-8888110"))
    # Information, not an incident: no ticket and no alert.
    assert await db.tickets() == [] and await db.outbox("wecom_robot") == []


async def test_subscribe_greets_and_unsubscribe_is_silent(chat, db):
    assert await chat.send("o-1", "event", event="subscribe") == texts.text("welcome")
    assert await chat.send("o-2", "event", event="subscribe_scan") == texts.text("welcome")
    assert await chat.send("o-1", "event", event="unsubscribe") == ""
    assert await chat.send("o-1", "event", event="view", event_key="https://x") == ""
    assert await db.tickets() == []


async def test_unknown_message_types_get_no_reply(chat, db):
    message = Inbound(channel="wechat", dedupe_key="u-1", openid="o-1", msg_type="miniprogram",
                      known_type=False)
    assert (await chat.router.dispatch(message)).empty
    assert await db.tickets() == [] and await db.dialog("o-1") is None


async def test_empty_text_and_media_outside_a_dialog(chat, db):
    assert await chat.say("o-1", "  ") == texts.text("help")
    # The help carried the 110 line: the next reply does not (§4).
    assert await chat.image("o-1") == texts.text("media_received").removesuffix(
        f"\n{texts.LINE_110}")
    assert texts.text("voice_unrecognized") in await chat.voice("o-1")
    assert texts.text("location_received") in await chat.location("o-1", 36.45, 115.98)
    assert await db.tickets() == []


async def test_recognised_voice_is_handled_as_text(chat, db):
    reply = await chat.voice("o-1", recognition="上个月有人在小区打架")
    [ticket] = await db.tickets("o-1")
    assert ticket.number == f"DCF{DAY}-0001" and ticket.number in reply


# --- tickets (§5) -----------------------------------------------------------------------------

async def test_ticket_numbers_are_consecutive_and_timelines_complete(chat, db):
    await chat.say("o-1", EMERGENCY)
    await chat.say("o-2", NOISE)
    await chat.say("o-2", "湖西街道")
    await chat.say("o-3", "表扬湖西派出所的民警")
    for answer in ("我要预约", "1", "1", "明天上午", "张三", "13812345678", "1"):
        await chat.say("o-4", answer)
    tickets = await db.tickets()
    assert [t.number for t in tickets] == [f"DCF{DAY}-{n:04d}" for n in range(1, 5)]
    assert [t.kind for t in tickets] == ["emergency", "complaint", "feedback", "appointment"]
    events = await db.all_events()
    assert {e.actor for e in events} == {"system", "resident"}
    assert not {e.actor for e in events} & {"o-1", "o-2", "o-3", "o-4"}
    by_ticket = {t.id: {e.type for e in events if e.ticket_id == t.id} for t in tickets}
    assert by_ticket[tickets[0].id] == {"created", "alert", "auto_reply"}
    assert by_ticket[tickets[1].id] == {"created", "auto_reply", "message_in", "routed"}
    assert all({"created", "auto_reply"} <= types for types in by_ticket.values())


# --- end to end through /wechat -----------------------------------------------------------------

def image_xml(openid: str, media_id: str) -> str:
    """A photo as WeChat pushes it."""
    return ("<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[image]]></MsgType>"
            f"<PicUrl><![CDATA[http://mmbiz/x]]></PicUrl><MediaId><![CDATA[{media_id}]]></MediaId>"
            f"<MsgId>{next(_msg_ids)}</MsgId></xml>")


_msg_ids = itertools.count(int(time.time() * 1000) + 10_000_000)


async def push(client, xml: str) -> str:
    """Post `xml` to /wechat as WeChat would (safe mode); the passive reply's text."""
    params, body = safe_push(xml, APP_ID)
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200
    raw = await response.text()
    return "" if raw == "success" else parse_message(open_reply(raw, APP_ID, params)).content


async def test_end_to_end_a_complaint_links_its_messages(client, sessions, db):
    reply = await push(client, text_xml("o-e2e", NOISE))
    assert re.search(r"DCF\d{8}-0001", reply) and reply.endswith(texts.LINE_110)
    assert asks(reply, COMPLAINT) == "where"
    assert "照片已补充" in await push(client, image_xml("o-e2e", "media-e2e"))
    assert asks(await push(client, text_xml("o-e2e", "湖西街道幸福小区")), COMPLAINT) == "when"
    ticket = await db.ticket("o-e2e")
    assert ticket.unit == "湖西派出所"
    rows = await inbound_rows(sessions, "o-e2e")
    assert [r.ticket_id for r in rows] == [ticket.id] * 3
    # §4: the day's first reply carries the 110 line, the next ones do not.
    assert [texts.LINE_110 in r.reply for r in rows] == [True, False, False]


async def test_end_to_end_emergency_menu_and_events(client, sessions, db):
    base = int(time.time())
    assert await push(client, event_xml("o-e2e", "subscribe", create_time=base)) == \
        texts.text("welcome")
    first = await push(client, text_xml("o-e2e", EMERGENCY))
    again = await push(client, text_xml("o-e2e", "他们还在打架，有人受伤了"))
    assert first.startswith("请立即拨打110") and again.startswith("请立即拨打110")
    ticket = await db.ticket("o-e2e")
    assert ticket.number in first and ticket.number in again
    [alert] = await outbox_rows(sessions, "robot")
    assert alert.kind == "wecom_robot" and alert.priority == 0
    mine = await push(client, event_xml("o-e2e", "CLICK", "MY_TICKETS", create_time=base + 1))
    assert ticket.number in mine and "紧急警情" in mine
    assert await push(client, event_xml("o-e2e", "unsubscribe", create_time=base + 2)) == ""
    rows = await inbound_rows(sessions, "o-e2e")
    assert [r.ticket_id for r in rows] == [None, ticket.id, ticket.id, None, None]


@pytest.mark.parametrize(("said", "number"), [
    ("楼道里有人打架怎么办", "110"),      # a fight now, or a question: unclear from the words
    ("有人砸我车怎么办", "110"),
])
async def test_a_danger_left_unclear_is_told_the_numbers_before_anything_else(chat, said,
                                                                              number):
    reply = await chat.say("o-1", said)
    # Raised, or at least told whom to call first: never a bare menu.
    first = reply.splitlines()[0]
    assert number in first and ("拨打" in first or "请立即" in first)


async def test_a_plea_over_a_fire_now_raises_and_a_question_about_one_is_answered(chat, db):
    reply = await chat.say("o-1", "家里着火了怎么办")
    assert "119" in reply and "110" in reply
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
    [alert] = await db.outbox("wecom_robot")
    # The same words asked ahead of any fire: a consultation, no alert.
    asked = await chat.say("o-2", "如果家里着火了怎么办")
    consult = await db.ticket("o-2")
    assert (consult.kind, consult.priority) != ("emergency", "P1")
    assert consult.kind == "consult" and consult.number in asked
    assert [job.id for job in await db.outbox("wecom_robot")] == [alert.id]


async def test_a_medical_plea_now_gets_the_120_answer_and_a_p1_ticket(chat, db):
    reply = await chat.say("o-1", "孩子发高烧抽搐怎么办")
    assert "120" in reply.splitlines()[0]
    assert texts.text("emergency_advice_medical") in reply
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
    [alert] = await db.outbox("wecom_robot")
    # The same fit asked about ahead of it: a consultation, no alert.
    await chat.say("o-2", "如果孩子抽搐怎么办")
    consult = await db.ticket("o-2")
    assert (consult.kind, consult.priority) != ("emergency", "P1")
    assert [job.id for job in await db.outbox("wecom_robot")] == [alert.id]
