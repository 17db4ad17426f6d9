"""English chatter with request words (`reading.english_aside`): other, unless it names
anything of the police's or a matter for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.classifier.reading.english_aside import aside
from handlers.classifier.text import normalize


@pytest.mark.parametrize("text", [
    "I booked a table for two at the hotpot place tonight",
    "my son got his report card today, straight As",
    "he reported to his boss at 9am as usual",
    "I complained to my wife about the cold soup lol",
    "thanks for the gift, mum",
])
def test_request_words_for_someone_elses_business_are_an_aside(text):
    assert aside(normalize(text)) is not None


@pytest.mark.parametrize("text", [
    "I want to book an appointment at the police station for my residence permit",
    "I booked a hotel room online but it was a scam, they took my money",
    "someone at the gym stole my phone from the locker",
    "I booked a table and the waiter is bleeding on the floor",
    "the karaoke bar next door is loud every night",
    # A training line the first version took for chatter (a seat, like a cinema's): the
    # branch's own meeting.
    "Can I reserve a seat at the next community meeting?",
])
def test_anything_of_the_polices_or_a_matter_for_them_is_never_an_aside(text):
    assert aside(normalize(text)) is None


# Written after the reading, to try it (label, tab, text): on main 18 of 28 right, 4 acted on
# wrongly; now 25 of 28, 2.
PROBES = [tuple(line.split("\t")) for line in
          (Path(__file__).parent / "english_probes20_after.tsv").read_text(encoding="utf-8")
          .splitlines()]
# "a nice restaurant" is not among the things suggested; "killing" keeps the sales report from
# being chatter (a danger word); the gym's classes are not a booking word's object.
STILL_WRONG = {
    "can't believe the gym wants me to book classes a week ahead",
    "the sales report is killing me this week",
    "she suggested a nice restaurant near the river",
}


@pytest.mark.parametrize(("intent", "text"), [
    pytest.param(intent, text, id=text[:40],
                 marks=[pytest.mark.xfail(strict=True)] if text in STILL_WRONG else [])
    for intent, text in PROBES])
def test_english_chatter_and_requests_written_later_are_read_as_meant(classifier, intent, text):
    prediction = classifier.classify(text)
    assert prediction.intent == intent, prediction.reasons
