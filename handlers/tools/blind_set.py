"""The never-seen emergency set: issue 11's done-when on messages nobody tuned on.

`handlers/data/emergency_blind.jsonl` was written for the project by someone who never read
the other parts, and frozen (its SHA-256 in `emergency_set.FROZEN`) before anyone evaluated
on it. It is meant to be run once, on the merged classifier: `make eval` prints its figures
but never its texts, so nobody tunes on it; `python -m handlers.tools.blind_set --errors`
lists the misses and false alarms for whoever judges that one run.

`emergency_blind2.jsonl` is a second such set by another hand, frozen the same way (its
SHA-256 is kept here: `emergency_set` belongs to the gate). Its lines also say whether a
message is `hard` (danger words or urgency, yet no emergency now), so everyday false alarms are
told for hard and plain messages apart.

`emergency_dev8.jsonl` (dev8) is a third, by a writer who never read the classifier, its
training data or the other sets' lines; frozen the same way, same targets, no `hard` flag.
`emergency_blind3.jsonl` (eblind3) is a fourth of the same kind, by yet another such writer;
`emergency_blind4.jsonl` (eblind4) a fifth, by a writer who read none of the others either.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources

from handlers.classifier.classifier import IntentClassifier
from handlers.classifier.model import data_text, json_rows, read_tsv
from handlers.tools import emergency_set
from handlers.tools.emergency_set import (
    BLIND,
    LETTERS,
    Item,
    Report,
    near_duplicates,
    parse_items,
    read_items,
)

NAME = "never seen (blind)"
# Issue 11's done-when on messages never seen by the project: every emergency of every kind
# recalled; long letters and everyday messages with at most these false-alarm rates.
RECALL_TARGET = 1.0
FALSE_ALARM_TARGET = {"letter": 0.005, "chat": 0.002}
# The set is independent of every other data file: near-duplicates of any of them at most.
NEAR_DUPLICATE_TARGET = emergency_set.NEAR_DUPLICATE_TARGET

# The second never-seen set, frozen on 2026-12-03 (commit fa45f03) before anyone evaluated on
# it; same targets as the first.
BLIND2 = "emergency_blind2.jsonl"
NAME2 = "never seen (blind2)"
# The third, frozen on 2026-12-05 before anyone evaluated on it.
DEV8 = "emergency_dev8.jsonl"
NAME3 = "never seen (dev8)"
# The fourth, frozen on 2026-12-05 (commit 768f5b1) before anyone evaluated on it.
BLIND3 = "emergency_blind3.jsonl"
NAME4 = "never seen (eblind3)"
# The fifth, frozen on 2026-12-05 (commit 2859738) before anyone evaluated on it.
BLIND4 = "emergency_blind4.jsonl"
NAME5 = "never seen (eblind4)"
FROZEN = {BLIND2: "3d1a4f0e793347f4b0767fe85cb36e4a05f868ea588e03ad66bbc4bf3ae3f2d0",
          DEV8: "b7b6b2c16a2f415b6320484b1a83921680051ecc3a8b0c04ea503132970a2479",
          BLIND3: "ea5b9d38bb99827d027ee64053be8ad6f424d544664389827718d46a06107068",
          BLIND4: "9c8110d26bf4199c1b627dacbb99978e6b4ebed152ab58d12a3c6d420ef74f32"}
# The sets `section` reports beside the first: their report name and missed-target prefix.
LATER = {DEV8: (NAME3, "dev8"), BLIND3: (NAME4, "eblind3"), BLIND4: (NAME5, "eblind4")}
FIELDS = frozenset(("label", "kind", "register", "hard", "text"))
REGISTERS = frozenset(("chat", "dialect", "typo", "pinyin", "traditional", "english", "mixed",
                       "voice", "hotline", *LETTERS))
LETTER_LENGTH = (200, 800)     # characters of a long letter, line breaks left out


def other_texts(own: str = BLIND) -> dict[str, list[str]]:
    """The texts of every labelled data file but `own` (JSON lines and TSV), by file name."""
    texts = {}
    entries = resources.files("handlers").joinpath("data").iterdir()
    for name in sorted(entry.name for entry in entries):
        if name == own:
            continue
        if name.endswith(".jsonl"):
            lines = data_text(name).splitlines()
            texts[name] = [text for _, _, _, text in json_rows(lines, name)]
        elif name.endswith(".tsv"):
            texts[name] = [text for _, text in read_tsv(name)]
    return texts


def duplicate_shares(texts: Sequence[str], others: dict[str, list[str]]) -> dict[str, float]:
    """Share of `texts` near-duplicating some line of each other file, and of any of them."""
    near: set[int] = set()
    shares = {}
    for name, other in others.items():
        found = near_duplicates(texts, other)
        near.update(found)
        shares[name] = len(found) / max(1, len(texts))
    shares["any"] = len(near) / max(1, len(texts))
    return shares


def missed_targets(report: Report, shares: dict[str, float], prefix: str = "blind",
                   ) -> list[str]:
    """The done-when targets a blind set misses, named for `make eval`'s list."""
    missed = [f"recall:{kind}" for kind, value in report.recall.items()
              if value < RECALL_TARGET]
    missed += [f"false_alarms:{group}" for group, target in FALSE_ALARM_TARGET.items()
               if report.false_alarms.get(group, 0.0) > target]
    if shares["any"] > NEAR_DUPLICATE_TARGET:
        missed.append("near_duplicates")
    return [f"{prefix}:{name}" for name in missed]


def render(report: Report, shares: dict[str, float], missed: Sequence[str],
           show_errors: bool = False) -> str:
    """The blind section: emergency_set's figures, the targets, the near-duplicate shares."""
    letters, chat = (report.false_alarms.get(group, 0.0) for group in ("letter", "chat"))
    lines = [emergency_set.render(report, show_errors),
             f"  targets: recall {RECALL_TARGET:.2f} every kind (all {report.recall['all']:.3f}),"
             f" letters {letters:.2%} (<= {FALSE_ALARM_TARGET['letter']:.1%}), everyday "
             f"{chat:.2%} (<= {FALSE_ALARM_TARGET['chat']:.1%}): "
             + ("met" if not missed else "MISSED " + ", ".join(missed)),
             f"  near-duplicates against every other data file (3-gram Jaccard >= "
             f"{emergency_set.NEAR_DUPLICATE}): any {shares['any']:.2%} "
             f"(target <= {NEAR_DUPLICATE_TARGET:.0%}); "
             + "  ".join(f"{name} {share:.2%}" for name, share in shares.items()
                         if name != "any")]
    return "\n".join(lines)


def parse_blind2(lines: Sequence[str], name: str = BLIND2) -> tuple[list[Item], list[bool]]:
    """The second set's items and their `hard` flags; ValueError names a malformed line."""
    items = parse_items(lines, name)
    hard = []
    for number, row, label, text in json_rows(lines, name):
        problem = _problem(row, label, text)
        if problem:
            raise ValueError(f"{name}:{number}: {problem}")
        hard.append(row["hard"])
    return items, hard


def _problem(row: dict, label: str, text: object) -> str:
    if set(row) != FIELDS:
        return f"fields {sorted(row)}, expected {sorted(FIELDS)}"
    if not isinstance(row["hard"], bool):
        return "hard is neither true nor false"
    if row["register"] not in REGISTERS:
        return f"unknown register {row['register']!r}"
    if not isinstance(row["kind"], str) or not row["kind"]:
        return "no kind"
    if not isinstance(text, str) or not text.strip():
        return "no text"
    low, high = LETTER_LENGTH
    if (label == "negative" and row["register"] in LETTERS
            and not (low <= len(text.replace("\n", "")) <= high and "\n" in text)):
        return f"a long letter has {low}-{high} characters over several lines"
    return ""


def read_blind2() -> tuple[list[Item], list[bool]]:
    """The packaged second set."""
    return parse_blind2(data_text(BLIND2).splitlines())


def frozen2_ok() -> bool:
    """True when the second set is byte for byte what was frozen."""
    return emergency_set.digest(BLIND2) == FROZEN[BLIND2]


def everyday_split(report: Report, items: Sequence[Item], hard: Sequence[bool],
                   raised: Sequence[bool]) -> None:
    """Adds everyday false alarms on hard and on plain messages apart (`chat:hard`,
    `chat:plain`) to the report's false alarms and counts."""
    for flag, key in ((True, "chat:hard"), (False, "chat:plain")):
        alarms = [alarm for item, is_hard, alarm in zip(items, hard, raised, strict=True)
                  if item.label == "negative" and is_hard is flag
                  and item.register not in LETTERS and item.kind != "long_letter"]
        report.negatives_by[key] = len(alarms)
        report.false_alarms[key] = sum(alarms) / len(alarms) if alarms else 0.0


def section2(classifier: IntentClassifier, show_errors: bool = False,
             ) -> tuple[str, dict, list[str]]:
    """The second set's text, figures and missed targets (an edited file among them)."""
    items, hard = read_blind2()
    predictions = [classifier.classify(item.text) for item in items]
    report = emergency_set.scored(items, predictions, NAME2)
    everyday_split(report, items, hard, [p.intent == "emergency" for p in predictions])
    shares = duplicate_shares([item.text for item in items], other_texts(BLIND2))
    missed = missed_targets(report, shares, "blind2")
    frozen = frozen2_ok()
    if not frozen:
        missed.append(f"frozen:{BLIND2} was edited")
    split = "  ".join(f"{key.partition(':')[2]} {report.false_alarms[key]:.2%} "
                      f"({report.negatives_by[key]})" for key in ("chat:hard", "chat:plain"))
    lines = render(report, shares, missed, show_errors).split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("false alarms:")) + 1
    text = "\n".join([*lines[:at], f"  everyday apart: {split}", *lines[at:]])
    figures = {k: v for k, v in vars(report).items()
               if show_errors or k not in ("missed", "alarms")}
    figures |= {"near_duplicate_shares": shares, "frozen": frozen}
    return text, figures, missed


def section(classifier: IntentClassifier, show_errors: bool = False, name: str = BLIND,
            ) -> tuple[str, dict, list[str]]:
    """The first (or a later: dev8, eblind3, eblind4) set's text, figures and missed targets;
    an edited later set is among them (an edited first set is named by
    `emergency_set.reports`)."""
    items = read_items(name)
    title, prefix = LATER.get(name, (NAME, "blind"))
    report = emergency_set.evaluate(classifier, items, title)
    shares = duplicate_shares([item.text for item in items], other_texts(name))
    missed = missed_targets(report, shares, prefix)
    frozen = emergency_set.frozen_ok(name) if name == BLIND else later_frozen_ok(name)
    if name != BLIND and not frozen:
        missed.append(f"frozen:{name} was edited")
    figures = {k: v for k, v in vars(report).items()
               if show_errors or k not in ("missed", "alarms")}
    figures |= {"near_duplicate_shares": shares, "frozen": frozen}
    return render(report, shares, missed, show_errors), figures, missed


def later_frozen_ok(name: str) -> bool:
    """True when a later set (dev8, eblind3, eblind4) is byte for byte what was frozen."""
    return emergency_set.digest(name) == FROZEN[name]


def frozen3_ok() -> bool:
    """True when the dev8 set is byte for byte what was frozen."""
    return later_frozen_ok(DEV8)


def report(classifier: IntentClassifier, texts: list[str], figures: dict) -> list[str]:
    """Adds the five never-seen emergency sections to `make eval`'s texts and figures;
    returns their missed targets (an edited first set is already named by
    `emergency_set.reports`)."""
    text, figures[NAME], missed = section(classifier)
    text2, figures[NAME2], missed2 = section2(classifier)
    texts += [text, text2]
    missed += missed2
    for name, (title, _) in LATER.items():
        text, figures[title], later = section(classifier, name=name)
        texts.append(text)
        missed += later
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    """Print the blind sections alone, with `--errors` their misses and false alarms."""
    parser = argparse.ArgumentParser(prog="python -m handlers.tools.blind_set",
                                     description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--errors", action="store_true",
                        help="list the missed emergencies and the false alarms (judge the "
                             "one run; never tune on them)")
    args = parser.parse_args(argv)
    classifier = IntentClassifier.load()
    text, figures, missed = section(classifier, args.errors)
    if not emergency_set.frozen_ok(BLIND):
        missed.append(f"frozen:{BLIND} was edited")
    text2, figures2, missed2 = section2(classifier, args.errors)
    missed += missed2
    texts, found = [text, text2], {NAME: figures, NAME2: figures2}
    for name, (title, _) in LATER.items():
        later_text, found[title], later = section(classifier, args.errors, name)
        texts.append(later_text)
        missed += later
    print(json.dumps({**found, "missed": missed}, ensure_ascii=False)
          if args.json else "\n\n".join(texts))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
