"""Assertions on what the classifier makes of one message, with its reasons on failure."""

from __future__ import annotations

import pytest

from handlers.classifier.alarm import Alarm
from handlers.classifier.classifier import IntentClassifier, Prediction
from handlers.classifier.model import LABELS, LinearModel


def raised(classifier: IntentClassifier, text: str) -> Prediction:
    """The prediction for `text`, which must be an emergency."""
    prediction = classifier.classify(text)
    assert prediction.intent == "emergency", prediction.reasons
    return prediction


def quiet(classifier: IntentClassifier, text: str) -> Prediction:
    """The prediction for `text`, which must not be an emergency."""
    prediction = classifier.classify(text)
    assert prediction.intent != "emergency", prediction.reasons
    return prediction


def judged(classifier: IntentClassifier, text: str, emergency: bool) -> Prediction:
    """The prediction for `text`, which must be an emergency exactly when `emergency` says."""
    return (raised if emergency else quiet)(classifier, text)


def rigged(label: str, alarm: float = 0.5) -> IntentClassifier:
    """A classifier whose model always says `label` (emergency second, a few per cent: enough
    for the alarm to be asked) and whose alarm always says `alarm`."""
    intercepts = [10.0 if name == label else 7.0 if name == "emergency" else 0.0
                  for name in LABELS]
    return IntentClassifier(LinearModel({}, intercepts), alarm=Alarm.constant(alarm))


def probes(families: dict[str, list[str]], wrong: dict[str, str]) -> list[object]:
    """Every probe of `families` as a test parameter, those in `wrong` marked a strict xfail
    with the reason they are still wrong (a strict xfail that passes fails the suite)."""
    return [pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=wrong[text]))
            if text in wrong else text for family in families.values() for text in family]

