"""Short English messages: a danger told in the present raises; one over, imagined, dreamt,
filmed or joked about does not."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


@pytest.mark.parametrize("text", [
    "someone is breaking into my house right now",
    "help, a man with a knife is chasing me",
    "my neighbour's house is on fire",
    "a man is hitting a woman outside my building",
    "my friend is bleeding a lot and not waking up",
    "there is a fight outside the bar, someone has a knife",
    "there was a crash and the driver is trapped inside",
    "I can hear someone screaming for help next door",
])
def test_an_english_danger_told_in_the_present_is_an_emergency(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "someone broke into my car yesterday, how do I report it",
    "last week a man followed me home, what should I do",
    "what should I do if someone breaks into my house",
    "what if someone is following me on my way home",
    "in the movie a guy gets stabbed, so scary",
    "I had a dream someone was chasing me with a knife",
    "in my dream my house was on fire",
    "this traffic is killing me",
    "haha my sister will kill me when she sees this",
    "there was a fight outside the bar but it's over now",
    "I was robbed last month, any update on my case?",
])
def test_an_english_danger_over_imagined_or_joked_about_is_no_emergency(classifier, text):
    quiet(classifier, text)
