"""Cross-validation of the intent side: folds a supervisor can trust to hold nothing back."""

from __future__ import annotations

from collections import Counter

import pytest

from handlers.classifier.classifier import IntentClassifier, Prediction
from handlers.classifier.corpus import Example
from handlers.tools import intent_cv


def _examples() -> list[Example]:
    return [Example(label, "chat", f"{label} {part} {i}", part)
            for part in ("short", "everyday") for label in ("complaint", "consult", "other")
            for i in range(10)]


def test_a_lines_fold_is_its_own_whatever_else_the_corpus_holds():
    # Adding lines must not move old ones: two corpora are then compared on the same folds.
    examples = _examples()
    folds = intent_cv.folds_of(examples, folds=5)
    added = [Example("consult", "chat", f"新加的一句话 {i}", "intent") for i in range(40)]
    grown = intent_cv.folds_of([*added[:20], *examples, *added[20:]], folds=5)
    assert grown[20:20 + len(examples)] == folds
    assert folds == intent_cv.folds_of(list(reversed(examples)), folds=5)[::-1]


def test_lines_that_differ_only_in_spelling_share_a_fold():
    variants = ["手机被偷了怎么办", "手機被偷了怎麼辦？", "手机被偷了，怎么办!",
                " 手机 被偷了 怎么办 "]
    assert len({intent_cv.fold_of(text, 5) for text in variants}) == 1
    assert {intent_cv.fold_of(f"我的电动车第{i}次被偷了", 5) for i in range(30)} == set(range(5))


def test_folds_hold_about_a_fold_share_each():
    examples = [Example("complaint", "chat", f"楼上第{i}户半夜装修太吵", "short")
                for i in range(500)]
    sizes = Counter(intent_cv.folds_of(examples, folds=5))
    assert sorted(sizes) == [0, 1, 2, 3, 4] and all(70 <= n <= 130 for n in sizes.values())


def test_the_base_is_read_from_json_tab_separated_or_bare_lines(tmp_path):
    base = tmp_path / "old.txt"
    base.write_text('{"label": "complaint", "text": "手机被偷了怎么办"}\n'
                    "consult\t身份证要带什么\n\n护照在哪办\n", encoding="utf-8")
    keys = intent_cv.base_keys(str(base))
    held = [intent_cv.Held(Example("complaint", "chat", text), Prediction("complaint", 0.9, ()))
            for text in ("手機被偷了怎麼辦", "身份证要带什么？", "护照在哪办", "新写的一句")]
    assert [h.example.text for h in intent_cv.on_base(held, keys)] == [
        "手機被偷了怎麼辦", "身份证要带什么？", "护照在哪办"]


def test_a_base_that_is_neither_file_nor_revision_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        intent_cv.main(["--base", str(tmp_path / "no-such-base")])
    assert stopped.value.code == 2
    assert "neither a file nor a git revision" in capsys.readouterr().err


def test_near_identical_lines_labelled_differently_are_listed():
    train = [Example("complaint", "chat", "有人冒用我身份证办卡，我要怎么处理", "everyday"),
             Example("consult", "chat", "有人冒用我身份证办卡，我该怎么处理", "registers"),
             Example("consult", "chat", "有人冒用我身份证办卡，我该怎么处理呢", "registers"),
             Example("other", "offtopic", "今天天气真好", "short")]
    evaluation = [Example("status", "chat", "今天天气真好啊", "everyday"),
                  Example("other", "chat", "今天天气真好呀", "everyday")]
    found = intent_cv.conflicts(train, evaluation, threshold=0.6)
    assert [(c.where, c.first.label, c.second.label) for c in found] == [
        ("train/train", "complaint", "consult"), ("train/train", "complaint", "consult"),
        ("train/eval", "other", "status")]
    assert intent_cv.render_conflicts(found, 0.6).splitlines()[-1].startswith("3 near-identical")


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
