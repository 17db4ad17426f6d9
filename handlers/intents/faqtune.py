"""Tuning the knowledge base's restraint on a dev set: for each setting, how many answers
are right, wrong (worse than none), or held back for an officer.

    python -m handlers.intents.faqtune tests/test_handlers/test_intents/faq_dev.tsv
    python -m handlers.intents.faqtune --parts tests/test_handlers/test_intents/*.tsv
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

from handlers.intents.faq import Faq, parts


@dataclass(frozen=True)
class Score:
    """One setting's outcome on the dev set."""

    threshold: float
    margin: float
    evidence_df: int
    right: int
    wrong: int
    held: int


def read_dev(path: Path | str) -> list[tuple[str, frozenset[str]]]:
    """Rows of message and the entries that may answer it (empty: none may)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        message, expected = line.split("\t")
        rows.append((message, frozenset() if expected == "-" else frozenset(expected.split("|"))))
    return rows


def score(faq: Faq, rows: list[tuple[str, frozenset[str]]]) -> tuple[int, int, int]:
    """(right, wrong, held back) confident answers of `faq` on the rows."""
    right = wrong = 0
    for message, expected in rows:
        found = faq.match(message)
        if found is not None and found.confident:
            if found.entry.id in expected:
                right += 1
            else:
                wrong += 1
    return right, wrong, len(rows) - right - wrong


def score_parts(faq: Faq, rows: list[tuple[str, frozenset[str]]]) -> tuple[int, int, int]:
    """For the rows read as several parts: (right, wrong) entries answered, and parts left
    to an officer (an entry may answer only what its row allows; a walk-through's row lists
    its parts' outcomes joined by "+")."""
    right = wrong = left = 0
    for message, expected in rows:
        told, untold = parts.answers(faq, message)
        allowed = {one for outcome in expected for one in outcome.split("+")}
        right += sum(1 for _, entry in told if entry.id in allowed)
        wrong += sum(1 for _, entry in told if entry.id not in allowed)
        left += len(untold)
    return right, wrong, left


def sweep(rows: list[tuple[str, frozenset[str]]], thresholds=(0.16, 0.18, 0.20, 0.22, 0.24),
          margins=(0.02, 0.03, 0.05), evidence=(2, 4, 8, 1000)) -> list[Score]:
    """Every setting, fewest wrong answers first, then most right ones."""
    scores = []
    for threshold, margin, df in itertools.product(thresholds, margins, evidence):
        faq = Faq.load()
        faq.threshold, faq.margin, faq.evidence_df = threshold, margin, df
        scores.append(Score(threshold, margin, df, *score(faq, rows)))
    return sorted(scores, key=lambda s: (s.wrong, -s.right))


def main(argv: list[str]) -> int:
    """Print the sweep of the dev set named on the command line (with --parts, what the
    rows read as several parts get)."""
    if argv[:1] == ["--parts"]:
        for path in argv[1:]:
            print(path, "right={} wrong={} left={}".format(
                *score_parts(Faq.load(), read_dev(path))))
        return 0
    for s in sweep(read_dev(argv[0]))[:15]:
        print(f"threshold={s.threshold:.2f} margin={s.margin:.2f} evidence_df={s.evidence_df}"
              f"  right={s.right} wrong={s.wrong} held={s.held}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
