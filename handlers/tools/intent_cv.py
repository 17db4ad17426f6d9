"""Cross-validation of the whole intent classifier on the training parts only (issue 14).

Every threshold, feature and weight of the intent side is chosen here, never on the frozen
evaluation split: the training corpus (`intents_corpus.tsv` and `corpus_*_train.jsonl`) is
cut into stratified folds, the intent model and the alarm are trained on all folds but one
and the held-out fold is classified. Reported like `make eval`: accuracy, macro-F1, acted
wrongly and menu, overall, by part and by register.

Run as `python -m handlers.tools.intent_cv [--folds 5] [--json]` (a minute or two).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.classifier.classifier import IntentClassifier, Prediction
from handlers.classifier.corpus import Example, alarm_examples, pairs, training_examples
from handlers.tools.corpus_eval import Figures, figures

FOLDS = 5
SEED = 20261203


@dataclass(frozen=True)
class Held:
    """One training line classified by a classifier that never saw it."""

    example: Example
    prediction: Prediction


def folds_of(examples: Sequence[Example], folds: int = FOLDS, seed: int = SEED) -> list[int]:
    """A fold index per example, stratified by label and part."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    fold_of = [0] * len(examples)
    seen: dict[tuple[str, str], int] = {}
    for i in order:
        key = (examples[i].label, examples[i].part)
        fold_of[i] = seen.get(key, 0) % folds
        seen[key] = seen.get(key, 0) + 1
    return fold_of


def cross_validate(examples: Sequence[Example], folds: int = FOLDS) -> list[Held]:
    """Each example classified by the classifier trained on the other folds."""
    fold_of = folds_of(examples, folds)
    held: list[Held | None] = [None] * len(examples)
    for fold in range(folds):
        train = [examples[i] for i in range(len(examples)) if fold_of[i] != fold]
        classifier = IntentClassifier.train(pairs(train), alarm_corpus=pairs(alarm_examples(train)))
        for i in range(len(examples)):
            if fold_of[i] == fold:
                held[i] = Held(examples[i], classifier.classify(examples[i].text))
    return [h for h in held if h is not None]


def report(held: Sequence[Held]) -> list[Figures]:
    """Figures overall, by part and by register."""
    groups: dict[str, list[Held]] = {"all": list(held)}
    for h in held:
        groups.setdefault(f"part:{h.example.part}", []).append(h)
        groups.setdefault(f"register:{h.example.register}", []).append(h)
    return [figures(name, [h.example.label for h in rows], [h.prediction for h in rows])
            for name, rows in groups.items()]


def render(rows: Sequence[Figures]) -> str:
    """One line a subset (emergencies recalled where the subset has any: they must not fall)."""
    return "\n".join(f"{r.name:<22}{r.size:>5}  accuracy {r.accuracy:.3f}  macro-F1 "
                     f"{r.macro_f1:.3f}  acted wrongly {r.acted_wrongly:.1%}  menu {r.menu:.1%}"
                     + _recalled(r) for r in rows)


def _recalled(row: Figures) -> str:
    """Emergencies recalled out of those held, or nothing when the subset holds none."""
    emergency = row.per_label["emergency"]
    held = round(emergency["support"])
    return f"  emergencies {round(emergency['recall'] * held)}/{held}" if held else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Print the cross-validated figures."""
    parser = argparse.ArgumentParser(prog="python -m handlers.tools.intent_cv",
                                     description=__doc__)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = report(cross_validate(training_examples(), args.folds))
    if args.json:
        print(json.dumps([vars(r) for r in rows], ensure_ascii=False))
    else:
        print(f"== {args.folds}-fold CV on the training parts")
        print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
