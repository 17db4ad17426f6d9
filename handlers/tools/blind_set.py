"""The never-seen emergency set: issue 11's done-when on messages nobody tuned on.

`handlers/data/emergency_blind.jsonl` was written for the project by someone who never read
the other parts, and frozen (its SHA-256 in `emergency_set.FROZEN`) before anyone evaluated
on it. It is meant to be run once, on the merged classifier: `make eval` prints its figures
but never its texts, so nobody tunes on it; `python -m handlers.tools.blind_set --errors`
lists the misses and false alarms for whoever judges that one run.
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
from handlers.tools.emergency_set import BLIND, Report, near_duplicates, read_items

NAME = "never seen (blind)"
# Issue 11's done-when on messages never seen by the project: every emergency of every kind
# recalled; long letters and everyday messages with at most these false-alarm rates.
RECALL_TARGET = 1.0
FALSE_ALARM_TARGET = {"letter": 0.005, "chat": 0.002}
# The set is independent of every other data file: near-duplicates of any of them at most.
NEAR_DUPLICATE_TARGET = emergency_set.NEAR_DUPLICATE_TARGET


def other_texts() -> dict[str, list[str]]:
    """The texts of every other labelled data file (JSON lines and TSV), by file name."""
    texts = {}
    entries = resources.files("handlers").joinpath("data").iterdir()
    for name in sorted(entry.name for entry in entries):
        if name == BLIND:
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


def missed_targets(report: Report, shares: dict[str, float]) -> list[str]:
    """The done-when targets the blind set misses, named for `make eval`'s list."""
    missed = [f"recall:{kind}" for kind, value in report.recall.items()
              if value < RECALL_TARGET]
    missed += [f"false_alarms:{group}" for group, target in FALSE_ALARM_TARGET.items()
               if report.false_alarms.get(group, 0.0) > target]
    if shares["any"] > NEAR_DUPLICATE_TARGET:
        missed.append("near_duplicates")
    return [f"blind:{name}" for name in missed]


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


def section(classifier: IntentClassifier, show_errors: bool = False,
            ) -> tuple[str, dict, list[str]]:
    """The blind set's text, figures and missed targets."""
    items = read_items(BLIND)
    report = emergency_set.evaluate(classifier, items, NAME)
    shares = duplicate_shares([item.text for item in items], other_texts())
    missed = missed_targets(report, shares)
    figures = {k: v for k, v in vars(report).items()
               if show_errors or k not in ("missed", "alarms")}
    figures |= {"near_duplicate_shares": shares, "frozen": emergency_set.frozen_ok(BLIND)}
    return render(report, shares, missed, show_errors), figures, missed


def report(classifier: IntentClassifier, texts: list[str], figures: dict) -> list[str]:
    """Adds the blind section to `make eval`'s texts and figures; returns its missed targets
    (an edited file is already named by `emergency_set.reports`)."""
    text, figures[NAME], missed = section(classifier)
    texts.append(text)
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    """Print the blind section alone, with `--errors` its misses and false alarms."""
    parser = argparse.ArgumentParser(prog="python -m handlers.tools.blind_set",
                                     description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--errors", action="store_true",
                        help="list the missed emergencies and the false alarms (judge the "
                             "one run; never tune on them)")
    args = parser.parse_args(argv)
    text, figures, missed = section(IntentClassifier.load(), args.errors)
    if not emergency_set.frozen_ok(BLIND):
        missed.append(f"frozen:{BLIND} was edited")
    print(json.dumps({**figures, "missed": missed}, ensure_ascii=False) if args.json else text)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
