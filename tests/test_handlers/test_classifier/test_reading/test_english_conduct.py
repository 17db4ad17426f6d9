"""English complaints about the police's conduct (`reading.english_conduct`, CONTRACT §5: P2),
English thanks and suggestions, status questions with a ticket number, and chatter with
request words."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.classifier.reading.english_conduct import blamed
from handlers.classifier.text import normalize


@pytest.mark.parametrize("text", [
    "the officer at the window was rude to me",
    "police ignored my report",
    "Officers arrived 3 hours after I called about the break-in, way too slow",
    "nobody at the station helped me, they just sent me from one desk to another",
    "I'm writing to complain about officer Zhang's attitude, he was extremely disrespectful",
])
def test_the_police_named_then_what_they_did_blames_them(text):
    assert blamed(normalize(text)) is not None


# Written after the reading, to try it: none is the police's conduct.
@pytest.mark.parametrize("text", [
    "my neighbour is rude and plays loud music every night",
    "I called the police because my neighbour ignored my messages about the leak",
    "the cops in that movie were so rude lol",
    "what should I do if an officer is rude to me?",
    "the officer at the window was so patient and polite, thanks",
    "the window at the bank was closed and the clerk ignored me",
    "the driver was rude and drove off with my luggage, i called 110",
])
def test_someone_elses_conduct_a_story_or_a_question_blames_nobody(text):
    assert blamed(normalize(text)) is None


# Written for english20 before the change (label[:priority], tab, text). On main 31 of 58
# right, 16 acted on wrongly (no English conduct complaint was P2); now 57 of 58, 1.
PROBES = [tuple(line.split("\t")) for line in
          (Path(__file__).parent / "english_probes20.tsv").read_text(encoding="utf-8")
          .splitlines()]
# A waiter's neglect the model reads as a complaint.
STILL_WRONG = {"the waiter ignored us for 20 minutes lol"}


@pytest.mark.parametrize(("label", "text"), [
    pytest.param(label, text, id=text[:40],
                 marks=[pytest.mark.xfail(strict=True)] if text in STILL_WRONG else [])
    for label, text in PROBES])
def test_an_english_complaint_thanks_or_follow_up_is_read_as_meant(classifier, label, text):
    intent, _, priority = label.partition(":")
    prediction = classifier.classify(text)
    assert prediction.intent == intent, prediction.reasons
    if priority:
        assert prediction.priority == priority, prediction.reasons
    if intent != "other":
        assert prediction.acts, prediction.reasons
