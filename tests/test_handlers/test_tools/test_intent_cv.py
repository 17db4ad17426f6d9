"""Cross-validation of the intent side: folds a supervisor can trust to hold nothing back."""

from __future__ import annotations

from collections import Counter

from handlers.classifier.classifier import IntentClassifier, Prediction
from handlers.classifier.corpus import Example
from handlers.tools import intent_cv


def _examples() -> list[Example]:
    return [Example(label, "chat", f"{label} {part} {i}", part)
            for part in ("short", "everyday") for label in ("complaint", "consult", "other")
            for i in range(10)]


def test_folds_are_stratified_by_label_and_part_and_repeatable():
    examples = _examples()
    folds = intent_cv.folds_of(examples, folds=5)
    assert folds == intent_cv.folds_of(examples, folds=5)
    for fold in range(5):
        held = Counter((e.label, e.part) for e, f in zip(examples, folds, strict=True)
                       if f == fold)
        assert set(held.values()) == {2} and len(held) == 6


def test_every_line_is_classified_by_a_classifier_that_never_saw_it(monkeypatch):
    examples = _examples()
    trained_on: list[set[str]] = []

    class Remembering:
        def __init__(self, seen: set[str]) -> None:
            self.seen = seen

        def classify(self, text: str) -> Prediction:
            assert text not in self.seen
            return Prediction(text.split()[0], 0.9, ("model:test",))

    def train(pairs, alarm_corpus=None):
        trained_on.append({text for _, text in pairs})
        return Remembering(trained_on[-1])

    monkeypatch.setattr(IntentClassifier, "train", staticmethod(train))
    held = intent_cv.cross_validate(examples, folds=3)
    assert len(trained_on) == 3 and [h.example for h in held] == examples
    [whole, *_] = intent_cv.report(held)
    assert (whole.name, whole.accuracy, whole.acted_wrongly) == ("all", 1.0, 0.0)


def test_a_subset_line_counts_the_emergencies_recalled():
    said = [Prediction(label, 0.9, ("model:test",)) for label in
            ("emergency", "complaint", "emergency", "consult")]
    gold = ["emergency", "emergency", "emergency", "consult"]
    with_emergencies = intent_cv.figures("some", gold, said)
    without = intent_cv.figures("none", gold[3:], said[3:])
    lines = intent_cv.render([with_emergencies, without]).splitlines()
    assert lines[0].endswith("emergencies 2/3") and "emergencies" not in lines[1]


def test_the_alarm_never_learns_from_the_intent_models_own_lines(monkeypatch):
    # Everyday chat written for the intent model (part "intent") must not move the alarm's
    # bar: the emergency figures are the emergency issue's.
    examples = [*_examples(), *(Example("other", "offtopic", f"other intent {i}", "intent")
                                for i in range(10))]
    seen: list[tuple[set[str], set[str]]] = []

    def train(pairs, alarm_corpus=None):
        seen.append(({text for _, text in pairs}, {text for _, text in alarm_corpus}))
        return type("Fixed", (), {"classify": staticmethod(
            lambda text: Prediction("other", 0.9, ("model:test",)))})()

    monkeypatch.setattr(IntentClassifier, "train", staticmethod(train))
    intent_cv.cross_validate(examples, folds=3)
    for intent_pairs, alarm_pairs in seen:
        assert any(" intent " in text for text in intent_pairs)
        assert not any(" intent " in text for text in alarm_pairs)
        assert alarm_pairs == {t for t in intent_pairs if " intent " not in t}
