"""Stop 32's probes (`probes`): every danger told now pages the duty officers, every look-alike
stays quiet. On main 3f04bf9, 8 of the 61 dangers were missed and 12 of the 64 look-alikes
raised; the strict xfails are those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm14.probes import (
    QUIET,
    QUIET_LATER,
    RAISE,
    RAISE_LATER,
)

# Held for days with no agent or by "control" (被关在…好几天, 被传销的人控制): read since stop 33
# by the `held` cue, whose length of holding told till now is a "now" the alarm may not overrule.
_STILL_MISSED: dict[str, str] = {}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_told_now_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, {}))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", probes({"later": RAISE_LATER}, _STILL_MISSED))
def test_a_danger_written_after_the_fixes_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", QUIET_LATER)
def test_a_look_alike_written_after_the_fixes_pages_no_one(classifier, text):
    quiet(classifier, text)
