"""Cross-validation of the whole intent classifier on the training parts only (issue 14).

Every threshold, feature and weight of the intent side is chosen here, never on the frozen
evaluation split: the training corpus (`intents_corpus.tsv` and `corpus_*_train.jsonl`) is
cut into folds, the intent model and the alarm are trained on all folds but one and the
held-out fold is classified. Reported like `make eval`: accuracy, macro-F1, acted wrongly and
menu, overall, by part and by register.

A line's fold is a hash of its normalised text (issue 14, stop 32): lines that differ only in
spelling, width or punctuation share a fold, and adding lines to the corpus moves no old line,
so `--base REV` scores a corpus change on the lines both corpora hold, on the same folds.

Run as `python -m handlers.tools.intent_cv [--folds 5] [--base REV|FILE] [--json]`
(a minute or two); `--conflicts` lists near-identical lines labelled differently instead.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handlers.classifier.classifier import IntentClassifier, Prediction
from handlers.classifier.corpus import (
    SHORT_CORPUS,
    TRAIN,
    Example,
    alarm_examples,
    evaluation_examples,
    pairs,
    training_examples,
)
from handlers.classifier.text import normalize
from handlers.tools.corpus_eval import Figures, figures
from handlers.tools.emergency_set import NEAR_DUPLICATE, trigrams

FOLDS = 5
_REPO = Path(__file__).resolve().parents[2]      # the checkout a git revision is read from
# Whatever is not a letter, digit or character: punctuation, spaces, emoji.
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Held:
    """One training line classified by a classifier that never saw it."""

    example: Example
    prediction: Prediction


def fold_key(text: str) -> str:
    """The normalised text a fold is drawn from: one spelling, no punctuation or spaces."""
    return _NOT_WORD.sub("", normalize(text))


def fold_of(text: str, folds: int = FOLDS) -> int:
    """The fold of one line: a stable hash of its normalised text (the same on every run)."""
    digest = hashlib.sha256(fold_key(text).encode()).digest()
    return int.from_bytes(digest[:8], "big") % folds


def folds_of(examples: Sequence[Example], folds: int = FOLDS) -> list[int]:
    """A fold index per example; a line keeps its fold whatever else the corpus holds."""
    return [fold_of(example.text, folds) for example in examples]


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


@dataclass(frozen=True)
class Conflict:
    """Two near-identical lines with different labels: one of them is read wrongly."""

    where: str          # "train/eval" or "train/train"
    similarity: float   # character 3-gram Jaccard (1.0: the same normalised text)
    first: Example
    second: Example


def conflicts(train: Sequence[Example], evaluation: Sequence[Example] = (),
              threshold: float = NEAR_DUPLICATE) -> list[Conflict]:
    """Near-duplicate pairs (make eval's measure) labelled differently: training lines among
    themselves, then a training line against a line of the frozen evaluation split."""
    grams = [trigrams(example.text) for example in train]
    index: dict[str, list[int]] = {}
    for j, line in enumerate(grams):
        for gram in line:
            index.setdefault(gram, []).append(j)
    found = []
    for where, lines in (("train/train", train), ("train/eval", evaluation)):
        for i, example in enumerate(lines):
            mine = trigrams(example.text)
            shared = Counter(j for gram in mine for j in index.get(gram, ()))
            for j, n in sorted(shared.items()):
                similarity = n / (len(mine) + len(grams[j]) - n)
                if (similarity >= threshold and train[j].label != example.label
                        and (where == "train/eval" or j < i)):
                    found.append(Conflict(where, round(similarity, 3), train[j], example))
    return found


def render_conflicts(found: Sequence[Conflict], threshold: float = NEAR_DUPLICATE) -> str:
    """One line a conflicting pair: where, similarity, then each line's part, label and text."""
    def side(example: Example) -> str:
        return f"{example.part}:{example.label} {example.text[:60]!r}"
    lines = [f"{c.where}  {c.similarity:.2f}  {side(c.first)}  <>  {side(c.second)}"
             for c in found]
    return "\n".join([*lines, f"{len(found)} near-identical pairs labelled differently "
                                f"(3-gram Jaccard >= {threshold})"])


def base_keys(base: str) -> set[str]:
    """Fold keys of the training lines of `base`: a file of lines (JSON with a "text", or
    label<TAB>text, or the bare text), or a git revision whose training files are read."""
    if Path(base).is_file():
        return {fold_key(text) for text in _texts(Path(base).read_text(encoding="utf-8"))}
    keys: set[str] = set()
    for name in (SHORT_CORPUS, *TRAIN):
        shown = subprocess.run(["git", "show", f"{base}:handlers/data/{name}"], check=False,
                               capture_output=True, text=True, encoding="utf-8", cwd=_REPO)
        if shown.returncode == 0:
            keys |= {fold_key(text) for text in _texts(shown.stdout)}
    if not keys:
        raise ValueError(f"{base}: neither a file nor a git revision holding the training parts")
    return keys


def on_base(held: Sequence[Held], keys: set[str]) -> list[Held]:
    """The held lines the base also holds (by fold key: the same line, however spelt)."""
    return [h for h in held if fold_key(h.example.text) in keys]


def _texts(raw: str) -> list[str]:
    """The texts of lines written as JSON, as label<TAB>text, or bare."""
    texts = []
    for line in filter(str.strip, raw.splitlines()):
        try:
            row = json.loads(line)
        except ValueError:
            row = None
        texts.append(str(row.get("text", "")) if isinstance(row, dict)
                     else line.partition("\t")[2] or line)
    return texts


def main(argv: Sequence[str] | None = None) -> int:
    """Print the cross-validated figures (or the label conflicts)."""
    parser = argparse.ArgumentParser(prog="python -m handlers.tools.intent_cv",
                                     description=__doc__)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--base", metavar="REV|FILE",
                        help="score only the lines this git revision or file also holds")
    parser.add_argument("--conflicts", action="store_true",
                        help="list near-identical lines labelled differently, then stop")
    parser.add_argument("--threshold", type=float, default=NEAR_DUPLICATE,
                        help="3-gram Jaccard from which two lines are near-identical")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.conflicts:
        found = conflicts(training_examples(), evaluation_examples(), args.threshold)
        print(json.dumps([vars(c) for c in found], ensure_ascii=False) if args.json
              else render_conflicts(found, args.threshold))
        return 0
    try:
        keep = base_keys(args.base) if args.base else None
    except ValueError as error:
        parser.error(str(error))
    held = cross_validate(training_examples(), args.folds)
    if keep is not None:
        held = on_base(held, keep)
    rows = report(held)
    if args.json:
        print(json.dumps([vars(r) for r in rows], ensure_ascii=False))
    else:
        scope = f", the lines {args.base} also holds" if args.base else ""
        print(f"== {args.folds}-fold CV on the training parts{scope}")
        print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
