"""The emergency set: recall by kind and false alarms by register, on a dev and a frozen test part.

`handlers/data/emergency_test.jsonl` was frozen before any rule was tuned: its SHA-256 is
recorded below and any edit fails `make eval`. `emergency_dev.jsonl` is the part rules are
tuned on. Each line is `{"label": "emergency"|"negative", "kind", "register", "text"}`; a
negative's `kind` is its category (long_letter, idiom, hypothetical, past, news, …).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from handlers.intents import EMERGENCY_KINDS, IntentClassifier
from handlers.intents_text import normalize

DEV, TEST = "emergency_dev.jsonl", "emergency_test.jsonl"
FROZEN = {TEST: "daf96f64f5f2dbb25169d2bdc8a4a7a8377c6c4fa51bbfba44265b93820b988e"}
# Done-when figures (issue 11): every kind recalled on dev, ≥ 0.99 on test; false alarms.
RECALL_TARGET = {DEV: 1.0, TEST: 0.99}
FALSE_ALARM_TARGET = {"all": 0.005, "letter": 0.005, "chat": 0.002}
NEAR_DUPLICATE = 0.7          # character 3-gram Jaccard at or above this
NEAR_DUPLICATE_TARGET = 0.02
# Registers grouped for the false-alarm targets: long letters, and everyday messages (every
# other register: chat, dialect, voice, typos, pinyin, English, hotline…).
LETTERS = ("letter", "formal")
GROUPS = ("letter", "chat")


@dataclass(frozen=True)
class Item:
    """One labelled message of the emergency set."""

    label: str
    kind: str | None        # emergencies: the §4 kind; negatives: their category
    register: str
    text: str


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


def read_items(name: str) -> list[Item]:
    """The items of a packaged part; raises ValueError naming a bad line."""
    raw = resources.files("handlers").joinpath("data", name).read_text(encoding="utf-8")
    return parse_items(raw.splitlines(), name)


def parse_items(lines: Iterable[str], name: str = "<lines>") -> list[Item]:
    """Items from JSON lines."""
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            label, text = row["label"], row["text"]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{name}:{number}: {error}") from error
        kind = row.get("kind")
        if label not in ("emergency", "negative") or (label == "emergency"
                                                      and kind not in EMERGENCY_KINDS):
            raise ValueError(f"{name}:{number}: bad label or kind")
        items.append(Item(label, kind if kind is None else str(kind),
                          str(row.get("register", "")), text))
    return items


def digest(name: str) -> str:
    """SHA-256 of a packaged part's bytes."""
    data = resources.files("handlers").joinpath("data", name).read_bytes()
    return hashlib.sha256(data).hexdigest()


def frozen_ok(name: str = TEST) -> bool:
    """True when the frozen part is byte for byte what was frozen."""
    return digest(name) == FROZEN[name]


def evaluate(classifier: IntentClassifier, items: Sequence[Item], name: str) -> Report:
    """Recall by kind and false alarms by register for one part."""
    hits: Counter[str] = Counter()
    support: Counter[str] = Counter()
    agree = 0
    alarms: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    report = Report(name, 0, 0, {}, {}, 0.0, {}, {})
    for item in items:
        prediction = classifier.classify(item.text)
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
