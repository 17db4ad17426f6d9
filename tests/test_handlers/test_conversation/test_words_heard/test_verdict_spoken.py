"""问题解决了吗 and the rating's optional steps answered as residents speak: particles
where 了 is written (解决啦, 解决咧, 好咯), 妥了 / 搞定 / 没事了, a rhetorical "解决个啥", an
emoji alone."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.test_handlers.test_conversation.test_verdict import _resolved_ticket, _verdict

ASKS_SATISFACTION = texts.text("verdict_ask_satisfaction")[:8]
ASKS_COMMENT = texts.text("verdict_ask_comment")[:8]


async def _at(chat, db, sessions, services, clock, *answers, openid="o-sp"):
    ticket, _ = await _resolved_ticket(chat, db, sessions, services, clock, openid)
    for answer in answers:
        await chat.say(openid, answer)
    return ticket


@pytest.mark.parametrize("said", ["解决啦", "解决咧", "解决嘞", "已经解决喽", "弄好了呗",
                                  "处理好啦", "好咯", "好啦好啦", "OK啦", "妥了", "办妥了",
                                  "妥妥的", "搞定啦",
                                  "完事了", "行了", "没事了", "没事啦", "可以啦"])
async def test_solved_said_in_speech_closes(chat, db, sessions, services, clock, said):
    await _at(chat, db, sessions, services, clock)
    assert (await chat.say("o-sp", said)).startswith(ASKS_SATISFACTION)
    assert (await db.ticket("o-sp")).status == "closed"


@pytest.mark.parametrize("said", ["解决个啥啊", "还没弄好呢", "没解决呀"])
async def test_unsolved_said_in_speech_reopens_with_the_words(chat, db, sessions, services,
                                                              clock, said):
    ticket = await _at(chat, db, sessions, services, clock)
    await chat.say("o-sp", said)
    assert (await db.ticket("o-sp")).status == "reopened"
    assert (await _verdict(sessions, ticket)).comment == said


@pytest.mark.parametrize(("said", "scores"), [
    ("👍", (5, 5, 5)), ("[强]", (5, 5, 5)), ("😊", (4, 4, 4)), ("👎", (1, 1, 1)),
    ("🙏", (None, None, None)),
])
async def test_an_emoji_alone_answers_the_sub_scores(chat, db, sessions, services, clock,
                                                    said, scores):
    ticket = await _at(chat, db, sessions, services, clock, "1", "5")
    assert (await chat.say("o-sp", said)).startswith(ASKS_COMMENT)
    stored = await _verdict(sessions, ticket)
    assert (stored.attitude, stored.speed, stored.result) == scores


@pytest.mark.parametrize("said", ["👍", "🙏", "🙏🙏🙏", "[强]"])
async def test_an_emoji_alone_is_the_comment(chat, db, sessions, services, clock, said):
    ticket = await _at(chat, db, sessions, services, clock, "1", "5", "5 5 5")
    thanks = await chat.say("o-sp", said)
    assert ticket.number in thanks and texts.text("dialog_aside_courtesy") not in thanks
    assert (await _verdict(sessions, ticket)).comment == said


async def test_an_emoji_where_a_place_is_asked_is_still_no_answer(chat, db, sessions,
                                                                  services, clock):
    await chat.say("o-sp", "楼上天天半夜蹦迪，吵死了")
    asked = await chat.say("o-sp", "👍")
    assert texts.text("dialog_aside_courtesy") in asked
