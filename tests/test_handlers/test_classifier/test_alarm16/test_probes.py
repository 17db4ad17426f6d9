"""alarm16's probes (`probes`): every danger told now pages the duty officers, every look-alike
stays quiet. On main 5fd9829, 12 of the 99 dangers were missed and 6 of the 78 look-alikes
raised; the strict xfails are those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm16.probes import QUIET, RAISE

_STILL_MISSED: dict[str, str] = {}
_STILL_RAISED = {
    # Found a moment later (还好他就在旁边): 还好 + where he is is no outcome the gate knows
    # (false15's family: outcomes).
    "在游乐场一转身孩子就不见了，吓死我了，还好他就在旁边买冰淇淋": "relief 还好… not an outcome",
    # The alarm's own raise on dementia in an English question (p 0.63).
    "An old man with dementia lives next door, is there a programme that checks on such people":
        "alarm's own raise, an English question about dementia",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_told_now_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
