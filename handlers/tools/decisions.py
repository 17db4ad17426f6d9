"""Every decision the classifier makes on the packaged data, written down and compared: a
change meant to make classifying cheaper must not change one of them.

    python -m handlers.tools.decisions write OUT.jsonl      # this tree's decisions
    python -m handlers.tools.decisions compare A.jsonl B.jsonl

To record another commit's decisions, export that commit (`git archive`) and run this file by
its path with the export first on `PYTHONPATH`: the classifier and the data are the export's.
Run both with the same `PYTHONHASHSEED`: the model sums a message's n-grams in the order of a
set of strings, so the last bits of a probability depend on the seed. The tool reads no label
and scores nothing: the never-seen parts are classified only to be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from handlers.classifier.classifier import IntentClassifier, Prediction

# Data files whose lines are messages: JSON lines with a "text", or label<TAB>text.
SUFFIXES = (".jsonl", ".tsv")


def data_files() -> list[str]:
    """The packaged data files that hold messages, by name."""
    folder = resources.files("handlers").joinpath("data")
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(SUFFIXES))


def messages(name: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each message line of a packaged data file."""
    raw = resources.files("handlers").joinpath("data", name).read_text(encoding="utf-8")
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        text = json.loads(line)["text"] if name.endswith(".jsonl") else line.partition("\t")[2]
        yield number, text


def record(prediction: Prediction) -> dict:
    """Everything a prediction carries, `acts` included, as JSON (floats exactly)."""
    row = asdict(prediction)
    row["acts"] = prediction.acts
    row["confidence"] = repr(prediction.confidence)
    return row


def decisions(classifier: IntentClassifier, names: Sequence[str]) -> Iterator[dict]:
    """One row per message: where it is, then its prediction."""
    for name in names:
        for number, text in messages(name):
            yield {"file": name, "line": number, **record(classifier.classify(text))}


def differences(before: Sequence[dict], after: Sequence[dict]) -> list[str]:
    """What changed between two recordings, one line per message (or per missing message)."""
    keyed = {(row["file"], row["line"]): row for row in after}
    changed = []
    for row in before:
        other = keyed.pop((row["file"], row["line"]), None)
        if other is None:
            changed.append(f"{row['file']}:{row['line']}: missing after")
            continue
        fields = sorted(k for k in row.keys() | other.keys() if row.get(k) != other.get(k))
        if fields:
            changed.append(f"{row['file']}:{row['line']}: " + ", ".join(
                f"{k} {row.get(k)!r} -> {other.get(k)!r}" for k in fields))
    changed += [f"{file}:{line}: new after" for file, line in keyed]
    return changed


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def main(argv: list[str] | None = None) -> int:
    """Write this tree's decisions, or compare two recordings (exit 1 on any difference)."""
    parser = argparse.ArgumentParser(prog="python -m handlers.tools.decisions",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("write", help="classify every message line of handlers/data")
    write.add_argument("out", type=Path)
    write.add_argument("--files", nargs="*", help="data files by name (default: all)")
    compare = commands.add_parser("compare", help="list the decisions that differ")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        rows = list(decisions(IntentClassifier.load(), args.files or data_files()))
        args.out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows),
                            encoding="utf-8")
        print(f"{len(rows)} decisions written to {args.out}")
        return 0
    before, after = _read(args.before), _read(args.after)
    changed = differences(before, after)
    for line in changed[:50]:
        print(line)
    print(f"{len(before)} decisions before, {len(after)} after, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
