"""A question answered with a question: "这个还要说地址吗？" where the place is asked is told why
it is asked and asked again, never kept as the ticket's place (nor passed on as a question)."""

from __future__ import annotations

import pytest

from handlers import texts

WHY = texts.text("place_why")


@pytest.mark.parametrize("said", ["这个还要说地址吗？", "你问这个干嘛", "为什么要告诉你地点",
                                  "必须说吗"])
async def test_a_question_back_at_the_place_is_told_why(chat, db, said):
    await chat.say("o-ab", "我要投诉，楼上天天半夜蹦迪")
    reply = await chat.say("o-ab", said)
    assert reply.startswith(WHY) and texts.text("ask_where") in reply
    ticket = await db.ticket("o-ab")
    assert ticket.place is None
    assert not [e for e in await db.events(ticket) if said in (e.text or "")]
    await chat.say("o-ab", "柳园小区3号楼")
    assert (await db.ticket("o-ab")).place == "柳园小区3号楼"


async def test_a_place_with_a_question_beside_it_is_the_place(chat, db):
    await chat.say("o-ab", "我要投诉，楼上天天半夜蹦迪")
    reply = await chat.say("o-ab", "柳园小区门口，要说几号楼吗？")
    assert WHY not in reply
    assert (await db.ticket("o-ab")).place == "柳园小区门口，要说几号楼吗？"
