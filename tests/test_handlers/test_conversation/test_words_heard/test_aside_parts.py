"""A question of several parts asked inside a dialog or read as chatter (issue 14.5): the parts
the knowledge base answers are answered, the others said, and kept for an officer."""

from __future__ import annotations

from sqlalchemy import select

from handlers import texts
from storage.tickets.models import Ticket
from tests.test_handlers.test_conversation.test_supplements import THEFT
from tests.test_handlers.test_conversation.test_verdict import _resolved_ticket

TWO_PARTS = "身份证丢了怎么补办？另外居住证怎么办"
LEFT_LEAD = texts.text("consult_parts_left", parts="", number="", due="")[:4]


async def _tickets(sessions, openid: str) -> list[Ticket]:
    async with sessions() as session:
        return list(await session.scalars(
            select(Ticket).where(Ticket.openid == openid).order_by(Ticket.id)))


async def test_a_part_left_over_inside_the_rating_goes_to_an_officer(chat, db, sessions,
                                                                     services, clock):
    rated, _ = await _resolved_ticket(chat, db, sessions, services, clock, "o-a")
    await chat.say("o-a", "1")
    reply = await chat.say("o-a", TWO_PARTS)
    assert "补领" in reply                                   # the part the FAQ knows
    assert reply.count(LEFT_LEAD) == 1 and "居住证" in reply.split(LEFT_LEAD)[1]
    assert texts.text("verdict_ask_satisfaction") in reply   # and the step again
    rated_again, consult = await _tickets(sessions, "o-a")
    assert rated_again.number == rated.number
    assert consult.kind == "consult" and consult.number in reply
    assert "居住证" in consult.summary


async def test_a_part_left_over_in_a_report_is_kept_on_that_report(chat, db, sessions):
    await chat.say("o-r", THEFT)
    await chat.say("o-r", "车是雅迪的，蓝色，值三千多")
    reply = await chat.say("o-r", TWO_PARTS)
    [report] = await _tickets(sessions, "o-r")
    assert "补领" in reply
    assert texts.text("dialog_aside_parts_left", parts="")[:4] in reply and "居住证" in reply
    assert texts.text("dialog_aside_question_recorded", number=report.number) in reply
    assert texts.text("ask_phone") in reply
    assert any(TWO_PARTS in (event.text or "") for event in await db.events(report))


async def test_chatter_beside_a_question_is_said_not_sent_to_an_officer(chat, sessions,
                                                                         services):
    said = next(t for t in ("你们几点下班呀，明天下雨吗", "今天天气怎么样，你们几点下班")
                if services.classifier.classify(t).intent == "other"
                and services.classifier.classify(t).confident)
    reply = await chat.say("o-t", said)
    assert "08:30" in reply and texts.text("aside_parts_chatter", parts="")[2:8] in reply
    assert await _tickets(sessions, "o-t") == []
