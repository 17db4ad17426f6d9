"""A resident taking back a report while its questions are asked: the wish goes to its
officer and the questions end; before anything is filed, nothing is."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.test_handlers.test_conversation.test_supplements import _said_by_resident
from tests.workbench import UNIT_A, add_officer


@pytest.fixture
async def officer(sessions):
    return await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")


@pytest.mark.parametrize(("step_answers", "wish"), [
    ((), "算了算了，邻居之间的事，我不想投诉了"),                 # at 地点
    (("柳园小区东门",), "想了想还是帮我撤了吧，不麻烦你们了"),     # at the phone
])
async def test_taking_back_a_report_while_its_questions_are_asked_ends_them(
        chat, db, officer, step_answers, wish):
    # The wish was kept as the place, or "recorded" while the phone was asked again.
    await chat.say("o-stop", "小区门口天天有人占道卖菜，早上堵得车都出不去")
    for answer in step_answers:
        await chat.say("o-stop", answer)
    ticket = await db.ticket("o-stop")
    reply = await chat.say("o-stop", wish)
    assert reply.startswith(texts.text("withdraw_recorded", number=ticket.number))
    assert texts.text("ask_phone") not in reply and "地点" not in reply
    ticket = await db.ticket("o-stop")
    assert ticket.status == "new" and wish not in (ticket.place or "")
    assert wish in await _said_by_resident(db, "o-stop")
    assert any("申请撤销" in j.payload for j in await db.outbox())
    # Nothing is asked any more: the next message is read on its own.
    assert "工单" in await chat.say("o-stop", "我的工单")


async def test_taking_back_a_complaint_before_telling_it_files_nothing(chat, db):
    await chat.click("o-none", "COMPLAINT")
    reply = await chat.say("o-none", "算了，不投诉了")
    assert await db.tickets("o-none") == [] and "工单" not in reply
