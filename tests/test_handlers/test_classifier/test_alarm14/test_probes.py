"""Stop 32's probes (`probes`): every danger told now pages the duty officers, every look-alike
stays quiet. On main 3f04bf9, 8 of the 61 dangers were missed and 12 of the 64 look-alikes
raised; the strict xfails are those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised
from tests.test_handlers.test_classifier.test_alarm14.probes import QUIET, RAISE

_STILL_MISSED = {
    # The gate's detention cue has no "controlled by" (被…控制 is also a fire or an illness
    # brought under control) and the alarm reads it at 0.15: left for a cue of its own.
    "我被传销的人控制好几天了，手机被收了，这是偷偷发的": "held, told as controlled",
    # A game played in the room silences the cry heard outside it (救命's hyperbole words,
    # 游戏, are read across the whole message, not the cry's clause).
    "孩子在打游戏，门外有人喊救命还在砸我们家的门": "a pastime beside a real cry",
    "儿子在玩手机游戏，我听见楼梯间有个女的喊救命，声音越来越小": "a pastime beside a real cry",
}


def _marked(texts: dict[str, list[str]], wrong: dict[str, str]) -> list[object]:
    return [pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=wrong[text]))
            if text in wrong else text for family in texts.values() for text in family]


@pytest.mark.parametrize("text", _marked(RAISE, _STILL_MISSED))
def test_a_danger_told_now_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", _marked(QUIET, {}))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
