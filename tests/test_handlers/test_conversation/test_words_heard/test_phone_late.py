"""A resident who refused the phone question and sends their number at the next one: the
number is the ticket's contact (officers can call back), not a detail of the matter."""

from __future__ import annotations

from handlers import texts
from tests.test_handlers.test_conversation.test_supplements import THEFT, _said_by_resident


async def test_a_number_sent_after_refusing_the_phone_becomes_the_contact(chat, db):
    await chat.say("o-late", THEFT)
    assert texts.text("ask_photos") in await chat.say("o-late", "无")
    number = (await db.ticket("o-late")).number
    reply = await chat.say("o-late", "13912345678")
    assert reply.startswith(texts.text("complaint_done", number=number))
    assert (await db.ticket("o-late")).contact_phone == "13912345678"
    assert "补充：139****5678" not in await _said_by_resident(db, "o-late")


async def test_a_second_number_at_the_photos_question_stays_a_detail(chat, db):
    # The contact was given: another number (a swindler's, a neighbour's) is about the matter.
    await chat.say("o-two", THEFT)
    await chat.say("o-two", "13812345678")
    await chat.say("o-two", "13912345678")
    assert (await db.ticket("o-two")).contact_phone == "13812345678"
