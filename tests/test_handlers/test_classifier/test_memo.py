"""The classifier's memo of short texts: the same prediction, bounded, long texts not kept."""

from __future__ import annotations

import pytest

from handlers.classifier import classifier as module
from handlers.classifier.classifier import IntentClassifier


@pytest.fixture(scope="module")
def loaded() -> IntentClassifier:
    return IntentClassifier.load()


@pytest.mark.parametrize("text", ["无", "救命！有人在楼下砍人", "我想预约办身份证", "你好"])
def test_a_repeated_text_gets_the_prediction_a_fresh_classifier_gives(
        loaded: IntentClassifier, text: str) -> None:
    first = loaded.classify(text)
    again = loaded.classify(text)
    fresh = IntentClassifier(loaded.intent_model, alarm=loaded._alarm).classify(text)
    assert again == first == fresh


def test_the_memo_forgets_the_oldest_text_and_keeps_no_long_text(
        loaded: IntentClassifier, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "MEMO_SIZE", 3)
    classifier = IntentClassifier(loaded.intent_model, alarm=loaded._alarm)
    for text in ("一", "二", "三", "四"):
        classifier.classify(text)
    assert list(classifier._memo) == ["二", "三", "四"]
    letter = "我家楼下的路灯坏了很久了，" * 20
    assert classifier.classify(letter).intent == loaded.classify(letter).intent
    assert letter not in classifier._memo
