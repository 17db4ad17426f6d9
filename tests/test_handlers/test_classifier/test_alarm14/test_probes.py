"""Stop 32's probes (`probes`): every danger told now pages the duty officers, every look-alike
stays quiet. On main 3f04bf9, 8 of the 61 dangers were missed and 12 of the 64 look-alikes
raised; the strict xfails are those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised
from tests.test_handlers.test_classifier.test_alarm14.probes import (
    QUIET,
    QUIET_LATER,
    RAISE,
    RAISE_LATER,
)

_STILL_MISSED = {
    # Held for days with no agent or by "control": a detention cue for them (被关在…好几天,
    # 被传销的人控制) is overruled by the alarm (p 0.12, 0.15, under its 0.2 bar for plain
    # wording); counting detention among the threats (bar 0.1) raised worries and quarantines
    # (我担心孩子被人关起来, 被关在家里三天了，疫情隔离): tried and dropped.
    "我被传销的人控制好几天了，手机被收了，这是偷偷发的": "held, told as controlled",
    "他被关在家里好几天了": "held for days, no agent named",
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


@pytest.mark.parametrize("text", _marked({"later": RAISE_LATER}, _STILL_MISSED))
def test_a_danger_written_after_the_fixes_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", QUIET_LATER)
def test_a_look_alike_written_after_the_fixes_pages_no_one(classifier, text):
    quiet(classifier, text)
