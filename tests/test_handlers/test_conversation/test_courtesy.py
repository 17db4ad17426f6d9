"""Answering like a person (issue 14.5): digits answer the newest numbered prompt, small talk
gets one line, the 110 line follows contract §4."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.core.unithours import hours_label
from tests.conversations import APPOINTMENT, asks, unconfident

EMERGENCY = "小区门口正在打架，有人拿刀"


async def test_a_digit_answers_the_quick_menu(chat, services):
    text = unconfident(services, "关于那个事情", "我有个事", "嗯，那个")
    menu = await chat.say("o-1", text)
    assert texts.text("quick_menu") in menu
    assert asks(await chat.say("o-1", "2"), APPOINTMENT) == "service"


async def test_a_digit_answers_the_menu_the_resident_asked_for(chat):
    menu = await chat.say("o-1", "菜单")
    assert "1. " + texts.text("menu_complaint") in menu
    assert asks(await chat.say("o-1", "2"), APPOINTMENT) == "service"


async def test_a_stray_digit_brings_the_numbered_menu_which_then_takes_it(chat):
    reply = await chat.say("o-1", "3")
    assert texts.text("menu_digit_unknown") in reply and "5. " in reply
    assert texts.text("menu_consult_chosen") in await chat.say("o-1", "3")


@pytest.mark.parametrize(("said", "key"), [
    ("你好", "courtesy_greeting"), ("警官您好", "courtesy_greeting"),
    ("在吗？", "courtesy_greeting"),
    ("谢谢", "courtesy_thanks"), ("好的，谢谢警官", "courtesy_thanks"),
    ("👍", "courtesy_emoji"), ("[微笑]", "courtesy_emoji"),
])
async def test_small_talk_gets_one_short_line(chat, said, key):
    reply = await chat.say("o-1", said)
    assert reply.startswith(texts.text(key))
    assert "1. " not in reply and len(reply.splitlines()) <= 2


async def test_a_greeting_after_a_pause_brings_the_menu(chat, clock):
    await chat.say("o-1", "谢谢")
    clock.advance(hours=8)
    reply = await chat.say("o-1", "你好")
    assert texts.text("courtesy_greeting_back") in reply and "1. " in reply


async def test_chatter_gets_one_line_not_the_menu(chat, services):
    said = next(t for t in ("狗", "哈哈哈", "今天天气不错") if
                services.classifier.classify(t).intent == "other"
                and services.classifier.classify(t).confident)
    reply = await chat.say("o-1", said)
    assert reply.startswith(texts.text("courtesy_other")) and "1. " not in reply


# --- the 110 line (CONTRACT §4) ---------------------------------------------------------------

async def test_the_110_line_closes_the_welcome_and_the_days_first_reply_only(chat, clock):
    welcome = await chat.send("o-1", "event", event="subscribe")
    assert welcome.endswith(texts.LINE_110)
    assert texts.LINE_110 not in await chat.say("o-1", "谢谢")     # not twice in a row
    assert texts.LINE_110 not in await chat.say("o-1", "你好")     # not the first of the day
    assert (await chat.say("o-1", "菜单")).endswith(texts.LINE_110)   # the menu carries it
    assert texts.LINE_110 not in await chat.say("o-1", "👍")
    clock.advance(days=1)
    assert (await chat.say("o-1", "谢谢")).endswith(texts.LINE_110)   # a new day's first


async def test_the_110_line_never_follows_a_reply_that_names_110(chat):
    reply = await chat.say("o-1", EMERGENCY)
    assert reply.startswith("请立即拨打110") and texts.LINE_110 not in reply


async def test_the_menu_asked_twice_carries_the_line_once(chat):
    assert (await chat.say("o-1", "菜单")).endswith(texts.LINE_110)
    assert texts.LINE_110 not in await chat.say("o-1", "帮助")


async def test_a_digit_answers_the_ticket_list(chat, db):
    await chat.say("o-1", "楼上天天半夜蹦迪，吵死了")
    await chat.say("o-1", "取消")
    await chat.say("o-1", "建议户籍窗口中午也开放")
    await chat.say("o-1", "取消")
    [older, newer] = await db.tickets("o-1")
    listed = await chat.click("o-1", "MY_TICKETS")
    assert f"1. {newer.number}" in listed and f"2. {older.number}" in listed
    detail = await chat.say("o-1", "2")
    assert f"工单{older.number}" in detail and "状态" in detail


# --- questions about the service, and questions read as chatter ------------------------------

@pytest.mark.parametrize("said", ["你们这个公众号能干什么", "这个平台是干嘛的？",
                                  "你们都能办哪些业务"])
async def test_asking_what_the_service_does_brings_the_menu_not_a_ticket(chat, said):
    reply = await chat.say("o-1", said)
    assert "1. " + texts.text("menu_complaint") in reply and "工单" not in reply


async def test_an_angry_what_are_you_for_is_not_taken_for_the_menu(chat):
    assert "1. " + texts.text("menu_complaint") not in await chat.say("o-1", "你们是干什么吃的")


async def test_a_question_read_as_chatter_is_answered_with_the_configured_hours(chat, services):
    said = next(t for t in ("你们几点下班", "你们几点上班", "你们中午休息吗") if
                services.classifier.classify(t).intent == "other"
                and services.classifier.classify(t).confident)
    reply = await chat.say("o-1", said)
    assert hours_label(services.settings.units[0].hours) in reply
    assert not reply.startswith(texts.text("courtesy_other"))


async def test_the_knowledge_bases_hours_give_way_to_the_configured_ones(chat, services):
    reply = await chat.say("o-1", "户籍窗口几点上班？")
    assert hours_label(services.settings.units[0].hours) in reply
    assert "13:30—17:30" not in reply     # the entry's generic hours, not this branch's
