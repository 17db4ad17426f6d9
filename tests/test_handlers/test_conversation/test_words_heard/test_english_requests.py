"""Issue 14 (item 1, English): a resident writing in English who asks for a booking, a
report, praise or a suggestion in so many words is taken at their word, typos and all; a
question about the booking is answered, and chatter that uses the same words books nothing."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents.appointment import label
from tests.conversations import APPOINTMENT, COMPLAINT, asks


# Walked through `jingmin chat` on main: the quick menu, a complaint, the FAQ answer, the menu.
@pytest.mark.parametrize("said", [
    "Can i booking time for residense permit?",
    "My ID card is lost, I want to reserve a slot",
    "Could I schedule a visit to apply for a residence permit?",
    "Can we set up a meeting with our neighbourhood police officer?",
])
async def test_an_english_booking_request_starts_the_booking(chat, db, said):
    reply = await chat.say("en-b", said)
    assert asks(reply, APPOINTMENT) in ("service", "unit", "time"), reply
    assert (await db.dialog("en-b")).dialog == "appointment"
    assert all(t.kind != "complaint" for t in await db.tickets())


@pytest.mark.parametrize("said", [
    "Could an officer come to my home?",
    "can someone come to my house to help register my elderly mother, she cant walk",
])
async def test_asking_an_officer_to_come_home_books_the_visit(chat, db, said):
    reply = await chat.say("en-v", said)
    assert texts.text("service_preselected", service=label("home_visit")) in reply
    assert asks(reply, APPOINTMENT) == "time"


async def test_a_complaint_about_the_station_in_english_opens_the_complaint(chat, db):
    reply = await chat.say("en-c", "I wish to lodge a complaint against the police station for "
                                   "slow response")
    assert asks(reply, COMPLAINT) is not None
    assert (await db.dialog("en-c")).dialog.startswith("complaint")


async def test_asking_whether_a_booking_is_needed_gets_no_booking(chat, db):
    reply = await chat.say("en-q", "Do I need to book an appointment to register my "
                                   "temporary residence?")
    assert texts.text("quick_menu") not in reply      # answered, not "which did you mean?"
    saved = await db.dialog("en-q")
    assert saved is None or saved.dialog != "appointment"


# On main and with the reading alone: a booking dialog and a complaint ticket.
@pytest.mark.parametrize("said", [
    "I need to book a flight to Shanghai",
    "he reported to his boss at 9am as usual",
    "I have to reschedule my dentist appointment again",
])
async def test_english_chatter_with_request_words_books_and_files_nothing(chat, db, said):
    await chat.say("en-o", said)
    saved = await db.dialog("en-o")
    assert saved is None or saved.dialog not in ("appointment", "complaint")
    assert await db.tickets() == []


# Walked through on main: the first two got the "which did you mean?" menu and no ticket, the
# third a P3 complaint (CONTRACT §5: an officer's conduct or a slow response is P2).
@pytest.mark.parametrize("said", [
    "the officer at the window was rude to me",
    "police ignored my report",
    "i called 110 three times and nobody came for 2 hours, terrible service",
    "the 民警 was so rude to me at the window",
])
async def test_an_english_complaint_about_an_officers_conduct_is_p2(chat, db, said):
    reply = await chat.say("en-p", said)
    ticket = await db.ticket("en-p")
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")
    assert ticket.number in reply


async def test_someone_elses_rudeness_in_english_is_an_ordinary_complaint(chat, db):
    await chat.say("en-n", "my neighbour is rude and plays loud music every night")
    ticket = await db.ticket("en-n")
    assert (ticket.kind, ticket.priority) == ("complaint", "P3")


# On main "why not…?" got the menu; the reading first made it a question (a consult ticket).
async def test_a_change_proposed_as_a_question_in_english_is_a_suggestion(chat, db):
    await chat.say("en-s", "why not let foreigners book the residence permit online? would "
                           "save everyone time")
    saved = await db.dialog("en-s")
    tickets = await db.tickets()
    assert (saved is not None and saved.dialog.startswith("feedback")) or \
        [t.kind for t in tickets] == ["feedback"], (saved, tickets)
