"""Issue 14 (the walk-through): a resident who reported in English is asked the rating in
English on every question, and may answer 问题解决了吗 in English words: an objection reopens the
ticket with the resident's reason for the officer."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.conversation import verdict
from handlers.tickets.lifecycle import Lifecycle
from storage.tickets import store as ticket_store
from tests.test_handlers.test_dialogs.test_english import english_lines

REPORT = "My upstairs neighbour plays loud music every night after midnight"


async def _resolved(chat, db, sessions, services, clock, openid, said=REPORT):
    await chat.say(openid, said)
    await chat.say(openid, "cancel")
    ticket = await db.ticket(openid)
    async with sessions() as session, session.begin():
        ticket = await ticket_store.get_by_number(session, ticket.number)
        await Lifecycle().move(session, ticket, "resolved", by="supervisor", actor="officer1",
                               at=clock.now)
        asked = await verdict.ask(session, services, ticket, "已上门调解。", clock.now)
    return ticket, asked.text


async def test_every_rating_question_carries_one_english_line(chat, db, sessions, services,
                                                              clock):
    _, pushed = await _resolved(chat, db, sessions, services, clock, "v-e")
    assert english_lines(pushed) == ["Officers have resolved your ticket: is your problem "
                                     "solved? Reply 1 for yes, 2 for no, or tell us why not. "
                                     "(Reply “back” for the previous question, “cancel” to "
                                     "stop.)"]
    for answer, asked in (("yes", "How satisfied"), ("4", "rate the officers' manner"),
                          ("no", "Any other opinion")):
        reply = await chat.say("v-e", answer)
        [line] = english_lines(reply)
        assert asked in line, reply


async def test_a_ticket_reported_in_chinese_is_rated_in_chinese(chat, db, sessions, services,
                                                                clock):
    _, pushed = await _resolved(chat, db, sessions, services, clock, "v-c",
                                said="楼上天天半夜蹦迪，吵死了")
    assert english_lines(pushed) == []


@pytest.mark.parametrize("objection", [
    "no, it is still noisy every night",
    "Nope. nothing changed",
    "why is it closed?? nobody came",
    "It's not solved, they play music again",
    "the officer never came",
    "didnt solve anything",
    "still the same problem bro",
    "不行 still noisy",
])
async def test_an_objection_in_english_reopens_with_its_reason(chat, db, sessions, services,
                                                               clock, objection):
    await _resolved(chat, db, sessions, services, clock, "v-n")
    reply = await chat.say("v-n", objection)
    assert "How satisfied" in reply and texts.text("choice_unknown") not in reply
    reopened = await db.ticket("v-n")
    assert reopened.status == "reopened"
    events = await db.events(reopened)
    assert any(e.type == "verdict" and objection in e.text for e in events)


@pytest.mark.parametrize("satisfied", [
    "yes", "Yes, solved, thank you", "yeah it's fixed", "ok now, the noise stopped",
    "No more noise, thanks!", "no problems anymore", "all good", "Thanks, quiet now",
])
async def test_a_yes_in_english_closes(chat, db, sessions, services, clock, satisfied):
    await _resolved(chat, db, sessions, services, clock, "v-y")
    assert "How satisfied" in await chat.say("v-y", satisfied)
    closed = await db.ticket("v-y")
    assert closed.status == "closed"
    # A bare yes or a thank-you is no reason to keep for the officer.
    assert not any(e.type == "status" and "reason" in (e.data or "")
                   for e in await db.events(closed))


async def test_a_bare_english_no_reopens_without_a_reason(chat, db, sessions, services, clock):
    await _resolved(chat, db, sessions, services, clock, "v-b")
    await chat.say("v-b", "No.")
    events = await db.events(await db.ticket("v-b"))
    assert any(e.type == "verdict" and e.text == texts.text("verdict_event_unsolved")
               for e in events)


async def test_english_words_that_answer_nothing_are_asked_again(chat, db, sessions, services,
                                                                 clock):
    await _resolved(chat, db, sessions, services, clock, "v-u")
    assert texts.text("verdict_solved_unclear") in await chat.say("v-u", "hmm whatever")
    assert (await db.ticket("v-u")).status == "resolved"
