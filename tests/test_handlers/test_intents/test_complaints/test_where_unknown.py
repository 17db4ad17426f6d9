"""Issue 14 (the walk-through): at the complaint's required "where" step, "无", "没有" or
"不知道" is not a place. Asked once more with what helps; said again, the ticket keeps no
place and officers read that the resident could not say."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.conversations import COMPLAINT, asks

REPORT = "楼下烧烤摊天天半夜还在营业，油烟呛得开不了窗"


@pytest.mark.parametrize("said", ["无", "没有", "不知道", "我也不清楚", "忘了", "说不上来",
                                  "不记得了。", "俺也不晓得"])
async def test_no_place_is_asked_once_more_and_never_kept_as_the_place(chat, db, said):
    opened = await chat.say("p-1", REPORT)
    assert asks(opened, COMPLAINT) == "where"
    again = await chat.say("p-1", said)
    assert again.startswith(texts.text("place_unknown"))
    assert asks(again, COMPLAINT) == "where"
    moved_on = await chat.say("p-1", said)
    assert asks(moved_on, COMPLAINT) != "where"
    ticket = await db.ticket("p-1")
    assert ticket.place in (None, "")
    said_events = [e.text for e in await db.events(ticket) if e.type == "message_in"]
    assert said_events == ["地点：" + texts.text("place_not_told")]


async def test_a_place_given_when_asked_again_is_kept(chat, db):
    await chat.say("p-2", REPORT)
    await chat.say("p-2", "不知道")
    reply = await chat.say("p-2", "就在柳园小区北门那条街上")
    assert asks(reply, COMPLAINT) != "where"
    assert (await db.ticket("p-2")).place == "就在柳园小区北门那条街上"


async def test_a_place_that_only_starts_like_a_no_is_a_place(chat, db):
    await chat.say("p-3", REPORT)
    reply = await chat.say("p-3", "没有路灯的那个路口，古楼街道")
    assert asks(reply, COMPLAINT) != "where"
    assert (await db.ticket("p-3")).place == "没有路灯的那个路口，古楼街道"


async def test_not_knowing_which_street_a_named_landmark_is_in_keeps_the_landmark(chat, db):
    # The question invites 不清楚: the place the report named stays the place.
    opened = await chat.say("p-4", "实验小学门口每天放学都有人乱停车，堵得走不动")
    assert "您说的“实验小学门口”在哪个街道或小区" in opened
    await chat.say("p-4", "不清楚")
    assert "实验小学" in (await db.ticket("p-4")).place
