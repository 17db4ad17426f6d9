"""The emergency set: recall by kind and false alarms by register, on a dev and a frozen test part.

`handlers/data/emergency_test.jsonl` was frozen before any rule was tuned: its SHA-256 is
recorded below and any edit fails `make eval`. `emergency_dev.jsonl` is the part rules are
tuned on. Each line is `{"label": "emergency"|"negative", "kind", "register", "text"}`; a
negative's `kind` is its category (long_letter, idiom, hypothetical, past, news, …).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from handlers.classifier.alarm import Alarm
from handlers.classifier.classifier import IntentClassifier, Prediction
from handlers.classifier.lexicon import EMERGENCY_KINDS
from handlers.classifier.model import Item, LinearModel, parse_items, read_items
from handlers.classifier.text import normalize

__all__ = ["EMERGENCY_KINDS", "Item", "evaluate", "near_duplicates", "parse_items", "read_items",
           "reports"]

DEV, TEST = "emergency_dev.jsonl", "emergency_test.jsonl"
# A second development part and a second frozen test part, from a fresh writer.
DEV2, TEST2 = "emergency_dev2.jsonl", "emergency_test2.jsonl"
# A third development part from yet another writer (weak kinds, everyday hard negatives).
DEV3 = "emergency_dev3.jsonl"
# A fourth, by a new author (plainly told fraud, missing persons, self-harm; near-twin
# negatives: a late parent reached, a window cleaner on a ledge).
DEV4 = "emergency_dev4.jsonl"
# A fifth, by another new author (emergencies told plainly, everyday messages of every length);
# scored once before anything learned from it (0.920 / 2.25 %), then trained on like dev4.
DEV5 = "emergency_dev5.jsonl"
# A sixth, by another new author (everyday messages of every length, near-twins of the
# emergencies); scored once before anything learned from it (0.978 / 1.46 %), then trained on.
DEV6 = "emergency_dev6.jsonl"
# A seventh (the old city, high-rise compounds, elderly people alone, live-stream scams):
# evaluated only, in no training and not in the CV pool, a never-seen estimate.
DEV7 = "emergency_dev7.jsonl"
# Lines the classifier's engineer wrote into the development part (by category, none a
# near-duplicate of a test item); evaluated with it.
DEV_OWN = "emergency_dev_own.jsonl"
# The never-seen set nobody tunes on, run once on the merged result (`blind_set` reports it).
BLIND = "emergency_blind.jsonl"
FROZEN = {TEST: "daf96f64f5f2dbb25169d2bdc8a4a7a8377c6c4fa51bbfba44265b93820b988e",
          TEST2: "8c62f071c915b23d01458f06f7952716d0ae1b239b129fee15ee06ce25b99724",
          BLIND: "9c2e30bc4d6d0c573d3567e8e475439b5a39ccb55f8ca4cb73b61ff5c7fbcf4c"}
# Lines of a frozen part found mislabelled after it was frozen: left in the file (its hash
# stays), left out of its figures, and said so in the report.
EXCLUDED = {TEST2: (81, 89, 173, 176, 367, 474, 679, 687, 804)}
FOLDS, SEED = 5, 20261203
CV = "development parts (dev, own lines, dev2 ... dev6), 5-fold CV of the alarm"
# The honest estimate of a new writer: each writer's development part (dev with the own lines,
# dev2, ...) scored by an alarm trained on the other writers' parts only.
LOWO = "development parts, leave-one-writer-out (each scored by an alarm trained without it)"
# Done-when figures (issue 11): every kind recalled on dev, ≥ 0.99 on test; false alarms.
RECALL_TARGET = {DEV: 1.0, DEV2: 1.0, DEV3: 1.0, DEV4: 1.0, DEV5: 1.0, DEV6: 1.0, TEST: 0.99,
                 TEST2: 0.99}
FALSE_ALARM_TARGET = {"all": 0.005, "letter": 0.005, "chat": 0.002}
NEAR_DUPLICATE = 0.7          # character 3-gram Jaccard at or above this
NEAR_DUPLICATE_TARGET = 0.02
# Registers grouped for the false-alarm targets: long letters, and everyday messages (every
# other register: chat, dialect, voice, typos, pinyin, English, hotline…).
LETTERS = ("letter", "formal")
GROUPS = ("letter", "chat")


@dataclass
class Report:
    """Figures for one part."""

    name: str
    emergencies: int
    negatives: int
    recall: dict[str, float]                  # by kind, and "all"
    support: dict[str, int]
    kind_agreement: float                     # the gold kind among the predicted kinds
    false_alarms: dict[str, float]            # by register, by group and "all"
    negatives_by: dict[str, int]
    missed: list[tuple[str, str]] = field(default_factory=list)        # (kind, text)
    alarms: list[tuple[str, str]] = field(default_factory=list)        # (register, text)


def digest(name: str) -> str:
    """SHA-256 of a packaged part's bytes."""
    data = resources.files("handlers").joinpath("data", name).read_bytes()
    return hashlib.sha256(data).hexdigest()


def frozen_ok(name: str = TEST) -> bool:
    """True when the frozen part is byte for byte what was frozen."""
    return digest(name) == FROZEN[name]


def evaluate(classifier: IntentClassifier, items: Sequence[Item], name: str) -> Report:
    """Recall by kind and false alarms by category and register for one part."""
    return scored(items, [classifier.classify(item.text) for item in items], name)


def scored(items: Sequence[Item], predictions: Sequence[Prediction], name: str) -> Report:
    """The figures of one part from the predictions made for its items."""
    hits: Counter[str] = Counter()
    support: Counter[str] = Counter()
    agree = 0
    alarms: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    report = Report(name, 0, 0, {}, {}, 0.0, {}, {})
    for item, prediction in zip(items, predictions, strict=True):
        raised = prediction.intent == "emergency"
        if item.label == "emergency":
            kind = item.kind or "other"
            support[kind] += 1
            hits[kind] += raised
            agree += raised and kind in prediction.emergency_kinds
            if not raised:
                report.missed.append((kind, item.text))
            continue
        for key in _groups(item):
            negatives[key] += 1
            alarms[key] += raised
        if raised:
            report.alarms.append((item.register, item.text))
    report.emergencies, report.negatives = sum(support.values()), negatives["all"]
    report.support = {**dict(support), "all": report.emergencies}
    report.recall = {kind: hits[kind] / support[kind] for kind in EMERGENCY_KINDS
                     if support[kind]}
    report.recall["all"] = sum(hits.values()) / report.emergencies if report.emergencies else 1.0
    report.kind_agreement = agree / report.emergencies if report.emergencies else 1.0
    report.false_alarms = {key: alarms[key] / n for key, n in negatives.items()}
    report.negatives_by = dict(negatives)
    return report


def _groups(item: Item) -> list[str]:
    letter = item.register in LETTERS or item.kind == "long_letter"
    keys = ["all", f"register:{item.register}", "letter" if letter else "chat"]
    return [*keys, f"category:{item.kind}"] if item.kind else keys


def missed_targets(report: Report) -> list[str]:
    """Names of the done-when targets a part misses."""
    missed = [f"recall:{kind}" for kind, value in report.recall.items()
              if value < RECALL_TARGET.get(report.name, 1.0)]
    missed += [f"false_alarms:{group}" for group, target in FALSE_ALARM_TARGET.items()
               if report.false_alarms.get(group, 0.0) > target]
    return missed


def trigrams(text: str) -> frozenset[str]:
    """Character 3-grams of the normalised text without spaces (the text itself if shorter)."""
    norm = "".join(normalize(text).split())
    return frozenset(norm[i:i + 3] for i in range(len(norm) - 2)) or frozenset((norm,))


def near_duplicates(part: Sequence[str], other: Sequence[str],
                    threshold: float = NEAR_DUPLICATE) -> list[int]:
    """Indices of `part` whose 3-gram Jaccard with some text of `other` reaches `threshold`."""
    other_grams = [trigrams(text) for text in other]
    index: dict[str, list[int]] = {}
    for j, grams in enumerate(other_grams):
        for gram in grams:
            index.setdefault(gram, []).append(j)
    found = []
    for i, text in enumerate(part):
        grams = trigrams(text)
        shared = Counter(j for gram in grams for j in index.get(gram, ()))
        if any(n / (len(grams) + len(other_grams[j]) - n) >= threshold
               for j, n in shared.items()):
            found.append(i)
    return found


def render(report: Report, show_errors: bool) -> str:
    """A plain-text report of one part."""
    recall = "  ".join(f"{kind} {value:.3f} ({report.support[kind]})"
                       for kind, value in report.recall.items())
    groups = "  ".join(f"{key} {report.false_alarms[key]:.2%} ({report.negatives_by[key]})"
                       for key in ("all", *GROUPS) if key in report.false_alarms)
    registers, categories = ("  ".join(
        f"{key.partition(':')[2]} {value:.2%} ({report.negatives_by[key]})"
        for key, value in sorted(report.false_alarms.items()) if key.startswith(prefix))
        for prefix in ("register:", "category:"))
    lines = [f"== emergency set, {report.name} ({report.emergencies} emergencies, "
             f"{report.negatives} hard negatives)",
             f"recall by kind: {recall}",
             f"kind named among the kinds told: {report.kind_agreement:.3f}",
             f"false alarms: {groups}",
             f"  by category: {categories}",
             f"  by register: {registers}"]
    if show_errors:
        lines += [f"  missed {kind}: {text}" for kind, text in report.missed]
        lines += [f"  false alarm ({register}): {text}" for register, text in report.alarms]
    return "\n".join(lines)


def dev_items() -> list[Item]:
    """The development part: the helper's lines and the engineer's own."""
    return read_items(DEV) + read_items(DEV_OWN)


def cross_validated(corpus: Sequence[tuple[str, str]], items: Sequence[Item],
                    intent_model: LinearModel, folds: int = FOLDS) -> Report:
    """The development part scored by alarms that never saw the fold they score.

    The gate's rules were written looking at the whole development part, so this is honest
    about the alarm only; the frozen test part is honest about both.
    """
    order = list(range(len(items)))
    random.Random(SEED).shuffle(order)
    fold_of = {i: position % folds for position, i in enumerate(order)}
    predictions: list[Prediction | None] = [None] * len(items)
    for fold in range(folds):
        training = [(items[i].label, items[i].text) for i in order if fold_of[i] != fold]
        classifier = IntentClassifier(intent_model, alarm=Alarm.train(corpus, training))
        for i in order:
            if fold_of[i] == fold:
                predictions[i] = classifier.classify(items[i].text)
    return scored(items, [p for p in predictions if p is not None], CV)


def writers_left_out(corpus: Sequence[tuple[str, str]], writers: Sequence[Sequence[Item]],
                     intent_model: LinearModel) -> Report:
    """Every writer's part scored by an alarm trained on the other writers' parts."""
    items: list[Item] = []
    predictions: list[Prediction] = []
    for held, part in enumerate(writers):
        training = [(item.label, item.text) for other, lines in enumerate(writers)
                    if other != held for item in lines]
        classifier = IntentClassifier(intent_model, alarm=Alarm.train(corpus, training))
        items += part
        predictions += [classifier.classify(item.text) for item in part]
    return scored(items, predictions, LOWO)


def part_items(name: str) -> list[Item]:
    """A part's items, its excluded lines left out."""
    if name not in EXCLUDED:
        return read_items(name)
    raw = resources.files("handlers").joinpath("data", name).read_text(encoding="utf-8")
    kept = ["" if number in EXCLUDED[name] else line
            for number, line in enumerate(raw.splitlines(), 1)]
    return parse_items(kept, name)


def reports(classifier: IntentClassifier, corpus: Sequence[tuple[str, str]], show_errors: bool,
            show_test_errors: bool, cross_validate: bool = False,
            ) -> tuple[list[str], dict, list[str]]:
    """The emergency set's text, figures and missed targets (the frozen parts checked first).

    `cross_validate` adds the development part scored by alarms that never saw its folds."""
    writers = (dev_items(), *(read_items(name) for name in (DEV2, DEV3, DEV4, DEV5, DEV6)))
    pooled, dev7 = [item for part in writers for item in part], read_items(DEV7)
    tests = {name: part_items(name) for name in (TEST, TEST2)}
    missed = [f"frozen:{name} was edited" for name in FROZEN if not frozen_ok(name)]
    texts, figures = [], {}
    parts = [*((name, lambda items=items, name=name: evaluate(classifier, items, name),
                show_errors, True) for name, items in zip((DEV, DEV2, DEV3, DEV4, DEV5, DEV6),
                                                          writers, strict=True)),
             (DEV7, lambda: evaluate(classifier, dev7, DEV7), show_errors, False),
             *((name, lambda items=items, name=name: evaluate(classifier, items, name),
                show_test_errors, True) for name, items in tests.items())]
    if cross_validate:
        model = classifier.intent_model
        parts.insert(1, (CV, lambda: cross_validated(corpus, pooled, model), show_errors, False))
        parts.insert(2, (LOWO, lambda: writers_left_out(corpus, writers, model), show_errors,
                         False))
    for name, run, errors, targeted in parts:
        report = run()
        if targeted:
            missed += [f"{name}:{target}" for target in missed_targets(report)]
        text = render(report, errors)
        if name == DEV7:
            text += ("\n  not yet trained on: evaluated only (not in the CV pool, not in any "
                     "training), so a never-seen estimate; not a target yet")
        if name in EXCLUDED:
            text += (f"\n  lines {', '.join(map(str, EXCLUDED[name]))} left out: found "
                     "mislabelled after the part was frozen")
        texts.append(text)
        figures[name] = {k: v for k, v in vars(report).items()
                         if errors or k not in ("missed", "alarms")}
    developed = [i.text for i in pooled + dev7]
    tested = [i.text for items in tests.values() for i in items]
    dup_dev, dup_test = near_duplicates(developed, tested), near_duplicates(tested, developed)
    total = len(developed) + len(tested)
    share = (len(dup_dev) + len(dup_test)) / max(1, total)
    figures["near_duplicate_share"] = share
    texts.append(f"near-duplicates across the parts (3-gram Jaccard >= {NEAR_DUPLICATE}): "
                 f"{len(dup_dev)} development and {len(dup_test)} test items of {total}, "
                 f"share {share:.2%} (target <= {NEAR_DUPLICATE_TARGET:.0%})")
    if share > NEAR_DUPLICATE_TARGET:
        missed.append("near_duplicate_share")
    return texts, figures, missed
