"""English words that frame a cue the way 如果, 梦见, 昨天, 已经散了 and 正在 do in Chinese."""

from __future__ import annotations

import pytest

from handlers.classifier.gate import EMERGENCY, MENTION, PAST_EVENT, EmergencyGate
from handlers.classifier.text import normalize


@pytest.fixture(scope="module")
def gate() -> EmergencyGate:
    return EmergencyGate()


@pytest.mark.parametrize("text", [
    "suppose someone is following me, who do I call",
    "in my nightmare the whole block was on fire",
    "last episode a guy got stabbed in the park",
    "haha my sister is going to kill me",
])
def test_a_case_imagined_dreamt_screened_or_joked_is_a_mention(gate, text):
    assert gate.assess(normalize(text), letter=False).verdict == MENTION


@pytest.mark.parametrize("text", [
    "there was a fight outside the bar but it's over now",
    "there was a fire in the kitchen earlier but everyone is fine",
    "someone attacked the shop owner, the police have already been here and it's all over",
])
def test_a_danger_told_as_over_is_a_past_event(gate, text):
    assert gate.assess(normalize(text), letter=False).verdict == PAST_EVENT


@pytest.mark.parametrize("text", [
    "my neighbour's house is on fire",
    "there was a crash and the driver is trapped inside",
    "a man is attacking people with a knife at the station",
])
def test_a_danger_told_in_the_present_is_told_now(gate, text):
    assessment = gate.assess(normalize(text), letter=False)
    assert assessment.verdict == EMERGENCY
    assert any(reason.startswith("frame:now:") for reason in assessment.reasons())
