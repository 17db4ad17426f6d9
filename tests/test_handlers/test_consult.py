"""Consultations: the FAQ answers at once; anything else becomes a consult ticket."""

from __future__ import annotations

from handlers import texts
from tests.test_handlers.conftest import classified


async def test_a_faq_question_is_answered_at_once_without_a_ticket(chat, db, services):
    question = "身份证丢了怎么补办"
    match = services.faq.match(question)
    assert match is not None and match.confident
    reply = await chat.say("o-1", question)
    assert reply.startswith(match.entry.answer)
    assert await db.tickets() == [] and await db.dialog("o-1") is None


async def test_an_unmatched_question_opens_a_consult_ticket(chat, db, services):
    question = classified(services, "consult", "请问派出所可以帮忙修自行车吗",
                          "请问你们那边可以办理游泳证吗", "请问无人机飞行需要去哪里报备")
    match = services.faq.match(question)
    assert match is None or not match.confident
    reply = await chat.say("o-1", question)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("consult", "P4")
    assert reply.startswith(texts.text(
        "consult_opened", number=ticket.number,
        due=services.local_time(ticket.first_response_due)))


async def test_the_guide_lists_the_topics(chat, services):
    reply = await chat.click("o-1", "GUIDE")
    for number, topic in enumerate(services.faq.topics(), start=1):
        assert f"{number}. {topic}" in reply
