"""The sixty probes of stop 31 (intent14, `probes14`), written before any change: every
intent in every register is understood and acted on, as main already did (a guard for the
changes that cut wrong acts: none may cost a message a resident writes plainly)."""

from __future__ import annotations

import pytest

from tests.test_handlers.test_classifier.test_decide.probes14 import PROBES


@pytest.mark.parametrize(("label", "register", "text"), PROBES)
def test_each_probe_is_understood_and_acted_on(classifier, label, register, text):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.acts) == (label, True), (register, prediction.reasons)
