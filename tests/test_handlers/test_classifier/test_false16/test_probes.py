"""false16's probes (`probes`): the writer's whereabouts or errand, a film, play, game or
composition, a joke, prices falling, a pet or a thing fallen in, relief after a scare page no
one; the same shapes told with a danger going on now page the duty officers. On main 6c5debb,
10 of the 71 look-alikes raised and 2 of the 44 dangers were missed; the strict xfails are
those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_false16.probes import QUIET, RAISE

_STILL_RAISED = {
    "小鸭子掉进排水沟了，我们几个人正在想办法捞":
        "the gate reads the duckling's fall as an animal's, but the alarm is sure (0.89) and "
        "raises over that veto; 我们几个人 counts as someone named",
}
_STILL_MISSED = {
    "剧本杀店里有人突然倒地抽搐，口吐白沫":
        "剧本 is a word of hearsay (a script), here the name of a shop; no cue for 抽搐",
    "还好孩子找到了，可是我老公还被困在电梯里，没有信号":
        "还好 reads the message as over and the alarm overrules the trapped cue (0.15)",
}


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_everyday_talk_in_the_shapes_of_danger_pages_no_one(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_the_same_shapes_with_a_danger_going_on_page_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"
