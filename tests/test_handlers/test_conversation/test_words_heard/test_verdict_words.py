"""The rating answered in words (issue 14.5): 满意度 and the sub-scores said as residents say
them, words that give no score kept as the comment, objections reopening only at 问题解决了吗."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.test_handlers.test_conversation.test_verdict import _resolved_ticket, _verdict

ASKS_DETAILS = texts.text("verdict_ask_details")[:12]
ASKS_COMMENT = texts.text("verdict_ask_comment")[:8]
ASKS_SATISFACTION = texts.text("verdict_ask_satisfaction")[:8]


async def _at(chat, db, sessions, services, clock, *answers, openid="o-w"):
    ticket, _ = await _resolved_ticket(chat, db, sessions, services, clock, openid)
    for answer in answers:
        await chat.say(openid, answer)
    return ticket


@pytest.mark.parametrize(("said", "score"), [
    ("五星", 5), ("5分", 5), ("满意满意", 5), ("得劲", 5), ("给个满分", 5), ("very satisfied", 5),
    ("中", 4), ("😊", 4), ("挺满意的", 4), ("4星吧", 4),
    ("还行吧", 3), ("一般般", 3), ("马马虎虎", 3), ("so-so", 3),
    ("不咋地", 2), ("不满意", 2), ("太差了", 1), ("差评！", 1), ("😡", 1),
])
async def test_satisfaction_said_in_words_is_stored(chat, db, sessions, services, clock,
                                                     said, score):
    ticket = await _at(chat, db, sessions, services, clock, "1")
    reply = await chat.say("o-w", said)
    assert reply.startswith(ASKS_DETAILS)
    assert (await _verdict(sessions, ticket)).satisfaction == score


@pytest.mark.parametrize("said", ["差评会怎样", "可以不评吗", "满意度是什么意思"])
async def test_a_question_about_the_rating_is_no_score(chat, db, sessions, services, clock,
                                                       said):
    ticket = await _at(chat, db, sessions, services, clock, "1")
    reply = await chat.say("o-w", said)
    assert ASKS_SATISFACTION in reply and ASKS_DETAILS not in reply
    assert (await _verdict(sessions, ticket)).satisfaction is None


async def test_sub_scores_in_a_sentence_are_read_and_the_words_kept(chat, db, sessions,
                                                                    services, clock):
    ticket = await _at(chat, db, sessions, services, clock, "1", "4")
    reply = await chat.say("o-w", "民警态度很好，就是来得慢了点")
    assert reply.startswith(ASKS_COMMENT)
    stored = await _verdict(sessions, ticket)
    assert stored.attitude == 5 and stored.speed is not None and stored.speed < 5
    assert stored.result is None
    assert stored.comment == "民警态度很好，就是来得慢了点"
    thanks = await chat.say("o-w", "希望晚上也来巡逻")
    assert ticket.number in thanks
    stored = await _verdict(sessions, ticket)
    assert "来得慢了点" in stored.comment and "晚上也来巡逻" in stored.comment


@pytest.mark.parametrize(("said", "scores"), [
    ("态度5分，速度3分", (5, 3, None)),
    ("attitude 5 speed 4 result 5", (5, 4, 5)),
    ("服务态度5 办理速度4 处理结果5", (5, 4, 5)),
    ("五 四 五", (5, 4, 5)),
    ("都是5分", (5, 5, 5)),
    ("态度满分 速度一般 结果满意", (5, 3, 4)),
    ("速度太慢了，态度还行", (3, 2, None)),
])
async def test_sub_scores_said_in_words(chat, db, sessions, services, clock, said, scores):
    ticket = await _at(chat, db, sessions, services, clock, "1", "4")
    assert (await chat.say("o-w", said)).startswith(ASKS_COMMENT)
    stored = await _verdict(sessions, ticket)
    assert (stored.attitude, stored.speed, stored.result) == scores


@pytest.mark.parametrize("said", ["整体还中", "the officer was kind", "还可以吧，挺辛苦的"])
async def test_words_with_no_scores_are_kept_never_refused(chat, db, sessions, services,
                                                           clock, said):
    ticket = await _at(chat, db, sessions, services, clock, "1", "4")
    assert (await chat.say("o-w", said)).startswith(ASKS_COMMENT)
    assert (await _verdict(sessions, ticket)).comment == said


async def test_mistyped_digits_are_asked_again(chat, db, sessions, services, clock):
    ticket = await _at(chat, db, sessions, services, clock, "1", "4")
    assert texts.text("verdict_details_invalid") in await chat.say("o-w", "5 5")
    assert (await _verdict(sessions, ticket)).comment is None


@pytest.mark.parametrize("said", ["中", "得劲", "还行吧", "👍", "没毛病", "嗯嗯好了"])
async def test_an_appraisal_alone_says_solved(chat, db, sessions, services, clock, said):
    await _at(chat, db, sessions, services, clock)
    assert (await chat.say("o-w", said)).startswith(ASKS_SATISFACTION)
    assert (await db.ticket("o-w")).status == "closed"


async def test_a_poor_appraisal_reopens_with_it_kept(chat, db, sessions, services, clock):
    ticket = await _at(chat, db, sessions, services, clock)
    await chat.say("o-w", "不咋地")
    assert (await db.ticket("o-w")).status == "reopened"
    assert (await _verdict(sessions, ticket)).comment == "不咋地"


async def test_an_objection_after_yes_is_a_score_not_a_reopening(chat, db, sessions,
                                                                 services, clock):
    ticket = await _at(chat, db, sessions, services, clock, "1")
    await chat.say("o-w", "太差了，来得太慢")
    stored = await _verdict(sessions, ticket)
    assert stored.satisfaction is not None and stored.satisfaction <= 2     # a 差评
    assert (await db.ticket("o-w")).status == "closed"   # only a supervisor reopens (§5)


async def test_a_question_at_the_sub_scores_is_answered_and_asked_again(chat, db, sessions,
                                                                         services, clock):
    ticket = await _at(chat, db, sessions, services, clock, "1", "4")
    reply = await chat.say("o-w", "你们派出所几点下班？")
    assert "08:30" in reply and ASKS_DETAILS in reply
    assert (await _verdict(sessions, ticket)).comment is None


async def test_words_with_no_score_are_kept_and_not_asked_a_third_time(chat, db, sessions,
                                                                       services, clock):
    ticket = await _at(chat, db, sessions, services, clock, "1")
    first = await chat.say("o-w", "这个嘛，说来话长")
    assert texts.text("verdict_satisfaction_unclear") in first
    second = await chat.say("o-w", "民警来了以后帮我们把事情说开了")
    assert second.startswith(ASKS_DETAILS)
    stored = await _verdict(sessions, ticket)
    assert stored.satisfaction is None
    assert "说来话长" in stored.comment and "说开了" in stored.comment
