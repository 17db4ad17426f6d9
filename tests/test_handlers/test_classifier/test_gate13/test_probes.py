"""Stop 31's probes (`probes`): every danger told now raises with its kind, every look-alike
stays quiet. The few still wrong are the alarm's own raises, which the gate does not decide."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised
from tests.test_handlers.test_classifier.test_gate13.probes import QUIET, RAISE

# Raised by the alarm alone (no cue of the gate's in them): `opinion`'s to settle.
_ALARM_ALONE = frozenset({
    "太阳沉下去了，河边风景很好",
    "今晚就从楼上搬下去，新房子在一楼",
    "行李都准备好了，今晚就出发",
})


# Raised, but someone left in the water is told as "other" (`left_behind`), not medical.
_KIND_LEFT = frozenset({"救上来一个，还有一个孩子在水里"})


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param(text, kind, marks=pytest.mark.xfail(strict=True, reason="told as other"))
    if text in _KIND_LEFT else (text, kind) for text, kind in RAISE])
def test_a_danger_told_now_raises_with_its_kind(classifier, text, kind):
    prediction = raised(classifier, text)
    assert kind is None or kind in prediction.emergency_kinds, prediction


@pytest.mark.parametrize("text", [
    pytest.param(text, marks=pytest.mark.xfail(strict=True, reason="the alarm's own raise"))
    if text in _ALARM_ALONE else text for text in QUIET])
def test_a_look_alike_stays_quiet(classifier, text):
    quiet(classifier, text)
