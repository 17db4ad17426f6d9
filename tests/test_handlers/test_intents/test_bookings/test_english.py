"""Issue 14 (the walk-through): a resident who books in English names the service in English
words, in the first message or at "which service?", and is not asked for it again."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents import appointment
from handlers.intents.bookings import english
from tests.conversations import APPOINTMENT, asks

# Residents' own words, of several levels of English and with typos, and the service booked.
FIRST_MESSAGES = [
    ("I need to renew my residence permit, can I book a time?", "residence_permit"),
    ("appointment for ID card", "id_card"),
    ("hi, i want make apointment to get new id card pls", "id_card"),
    ("book household registration appointment", "hukou"),
    ("need appointment: hukou transfer for my baby", "hukou"),
    ("I'd like to make an appointment to get a certificate of no criminal record",
     "certificate"),
    ("I want to book a slot to apply my pasport", "exit_entry"),
    ("I want to book an officer to come to my home, grandma needs her identity card done",
     "home_visit"),
    ("预约 ID-card renewal please", "id_card"),
]


@pytest.mark.parametrize(("said", "service"), FIRST_MESSAGES)
async def test_a_service_named_in_english_is_booked_without_asking_it(chat, db, said,
                                                                      service):
    reply = await chat.say("e-b", said)
    assert texts.text("service_preselected", service=appointment.label(service)) in reply
    assert asks(reply, APPOINTMENT) != "service", reply


@pytest.mark.parametrize("answer", ["ID card", "the residense permit one please",
                                    "Passport", "居住证的"])
async def test_the_service_question_takes_the_service_in_words(chat, db, answer):
    first = await chat.say("e-s", "I want to make an appointment")
    assert asks(first, APPOINTMENT) == "service"
    reply = await chat.say("e-s", answer)
    assert asks(reply, APPOINTMENT) == "unit", reply


async def test_two_services_named_are_asked_which(chat, db):
    reply = await chat.say("e-2", "appointment for passport or maybe residence permit")
    assert asks(reply, APPOINTMENT) == "service"
    again = await chat.say("e-2", "something else")
    assert texts.text("choice_unknown") in again and asks(again, APPOINTMENT) == "service"


def test_short_words_are_not_read_loosely():
    # "via" is not a visa, "ids" not an ID card, "certain" not a certificate.
    assert english.services("I came via the east gate, the ids were checked, certain") == set()
    assert english.services("居住证怎么办") == set()
    assert english.services("RESIDENCE-PERMIT") == {"residence_permit"}
