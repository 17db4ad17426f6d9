"""The English request reader (`reading.english_asks`): what it decides and what it leaves
to the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.classifier.reading.english_asks import asked
from handlers.classifier.text import normalize


@pytest.mark.parametrize(("text", "intent"), [
    ("Can i booking time for residense permit?", "appointment"),
    ("want make apointment for hukou transfer", "appointment"),
    ("Could an officer come to my home?", "appointment"),
    ("i want report somebody selling drug in the park", "complaint"),
    ("complain: cars on the sidewalk every day", "complaint"),
    ("I want to praise officer Wang", "feedback"),
    ("My suggestion is to open the window on Saturdays too", "feedback"),
    ("What is the status of my ticket?", "status"),
    ("Do I need to book an appointment to register my temporary residence?", "consult"),
    ("I'd like to know the opening hours of the exit-entry office", "consult"),
    ("is the exit entry office open during national day holiday?", "consult"),
])
def test_an_english_request_said_in_so_many_words_is_read(text, intent):
    assert asked(normalize(text))[0] == intent


@pytest.mark.parametrize("text", [
    "I need to book a flight to Shanghai",
    "I booked a slot for my residence permit, is it confirmed?",
    "my son got his report card today",
    "he reported to his boss at 9am as usual",
    "I have a suggestion for dinner: dumplings",
    "my appointment with the dentist is at 3pm",
    "How do I report a lost passport?",
    "I want to make an appointment",      # no service named: the model reads it
    "I'm bored, tell me a joke",
    "I suggest we order pizza tonight",
    "can you tell me when my residence permit will be ready",
])
def test_words_of_a_request_that_ask_for_none_decide_nothing(text):
    assert asked(normalize(text)) is None


# Written for this branch before the change, apart from every data file: English and mixed
# messages of every intent, several levels of English, typos, 16 emergencies and 20-odd
# look-alikes of requests (label, tab, text). On english18's base: 88 of 106 right, 8 acted on
# wrongly; on english20's base (6f3683a) 92 of 112 right, 8 acted on wrongly.
PROBES = [tuple(line.split("\t")) for line in
          (Path(__file__).parent / "english_probes18.tsv").read_text(encoding="utf-8")
          .splitlines()]
# Still wrong: two complaints told without a request word get the "which did you mean?" menu.
# (The chatter english18 fixed with training lines is read by `reading.english_aside` since
# english20.)
STILL_WRONG = {
    "There is a restaurant dumping oil in the street drain every night, please deal with it",
    "the station was closed on tuesday afternoon when the sign says open, i waited for nothing",
}


@pytest.mark.parametrize(("intent", "text"), [
    pytest.param(intent, text, id=text[:40],
                 marks=[pytest.mark.xfail(strict=True)] if text in STILL_WRONG else [])
    for intent, text in PROBES])
def test_an_english_or_mixed_message_never_seen_is_read_as_meant(classifier, intent, text):
    prediction = classifier.classify(text)
    assert prediction.intent == intent, prediction.reasons
    if intent != "other":
        assert prediction.acts, prediction.reasons
