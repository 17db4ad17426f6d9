"""A status question with another question beside it: the tickets shown and the other
question answered, neither dropped; the status question itself never sent to an officer."""

from __future__ import annotations

import pytest

from handlers import texts

LIST_HEAD = texts.text("status_list_head")


async def _with_a_ticket(chat, db, openid):
    await chat.say(openid, "楼上天天半夜蹦迪，吵死了")
    await chat.say(openid, "取消")
    return await db.ticket(openid)


@pytest.mark.parametrize(("said", "answer"), [
    ("我的投诉处理到哪了？另外办居住证要带什么", "住所证明"),
    ("我那个单子怎么样了，还有身份证丢了怎么补办", "补领"),
    ("查一下我的工单进度，顺便问下派出所几点下班", "08:30"),
    ("我的投诉有结果了吗？另外护照怎么办", "出入境"),
])
async def test_the_status_and_the_other_question_are_both_answered(chat, db, said, answer):
    ticket = await _with_a_ticket(chat, db, "o-sb")
    reply = await chat.say("o-sb", said)
    assert answer in reply
    assert LIST_HEAD in reply and ticket.number in reply
    assert [t.number for t in await db.tickets("o-sb")] == [ticket.number]   # nothing passed on
    # The list's numbers still open its tickets.
    assert texts.KIND_LABELS[ticket.kind] in await chat.say("o-sb", "1")


async def test_a_question_nothing_answers_goes_to_an_officer_beside_the_list(chat, db):
    ticket = await _with_a_ticket(chat, db, "o-sb")
    reply = await chat.say("o-sb", "我的投诉处理到哪了？另外我家孩子的学籍能迁到这边的学校吗")
    assert LIST_HEAD in reply and ticket.number in reply
    consult = [t for t in await db.tickets("o-sb") if t.kind == "consult"]
    assert len(consult) == 1 and consult[0].number in reply
    assert reply.index(consult[0].number) < reply.index(LIST_HEAD)   # the list comes last


async def test_a_remark_beside_the_status_question_is_not_a_question(chat, db):
    ticket = await _with_a_ticket(chat, db, "o-sb")
    reply = await chat.say("o-sb", "我的投诉处理到哪了，都一个星期了")
    assert LIST_HEAD in reply and ticket.number in reply
    assert len(await db.tickets("o-sb")) == 1


@pytest.mark.parametrize("said", ["刚才那个单子", "我的投诉呢", "那个单子呢？", "我刚才反映的事情"])
async def test_a_ticket_pointed_at_is_shown(chat, db, said):
    ticket = await _with_a_ticket(chat, db, "o-pt")
    reply = await chat.say("o-pt", said)
    assert LIST_HEAD in reply and ticket.number in reply


@pytest.mark.parametrize("said", ["我要投诉", "预约"])
async def test_a_request_is_not_a_ticket_pointed_at(chat, db, said):
    await _with_a_ticket(chat, db, "o-pt")
    assert LIST_HEAD not in await chat.say("o-pt", said)
