"""Assertions on what the classifier makes of one message, with its reasons on failure."""

from __future__ import annotations

from handlers.classifier.classifier import IntentClassifier, Prediction


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
