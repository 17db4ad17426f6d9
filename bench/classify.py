"""Intent classifier speed: training time at load, then the cost of scoring one message.

Training runs in a fresh interpreter (scikit-learn's import included, as at `jingmin serve`
start). Scoring runs every corpus and evaluation message through `classify` one at a time,
several rounds, and reports the mean and percentiles per message. Targets (reported, and
exit 1 when missed): load < 5 s, mean scoring < 0.1 ms. Also reported, without targets: what
normalisation costs (OpenCC's traditional-to-simplified conversion included) and the scoring
cost on the emergency set, its long formal letters apart.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from handlers.classifier.classifier import CORPUS, EVALUATION, IntentClassifier
from handlers.classifier.model import read_tsv
from handlers.classifier.text import normalize
from handlers.tools import emergency_set

OUT_DIR = Path(__file__).with_name("out")
TARGET_LOAD_S = 5.0
TARGET_MEAN_MS = 0.1

_LOAD_SNIPPET = (
    "import time; t = time.perf_counter(); "
    "from handlers.classifier.classifier import IntentClassifier; IntentClassifier.load(); "
    "print(time.perf_counter() - t)"
)


def _load_seconds() -> float:
    done = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], capture_output=True,
                          text=True, check=True)
    return float(done.stdout.strip())


def _mean_ms(function, texts: list[str], rounds: int) -> float:
    """Mean milliseconds of `function(text)` over `rounds` passes through `texts`."""
    for text in texts:
        function(text)
    clock = time.perf_counter_ns
    start = clock()
    for _ in range(rounds):
        for text in texts:
            function(text)
    return (clock() - start) / 1e6 / (rounds * len(texts)) if texts else 0.0


def _side_figures(classifier: IntentClassifier, messages: list[str], rounds: int) -> dict:
    """Normalisation and emergency-set costs (reported only)."""
    items = [item for name in (emergency_set.DEV, emergency_set.TEST)
             for item in emergency_set.read_items(name)]
    letters = [i.text for i in items if i.register == "letter"]
    others = [i.text for i in items if i.register != "letter"]
    short_rounds = max(1, rounds // 4)
    return {
        "normalize_ms": round(_mean_ms(normalize, messages, rounds), 4),
        "emergency_set_ms": round(_mean_ms(classifier.classify, others, short_rounds), 4),
        "letters_ms": round(_mean_ms(classifier.classify, letters, short_rounds), 4),
        "normalize_letters_ms": round(_mean_ms(normalize, letters, short_rounds), 4),
        "emergency_set_messages": len(others), "letters": len(letters),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures, write bench/out/classify-latest.json, exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.classify", description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)

    load_s = _load_seconds()
    classifier = IntentClassifier.load()
    messages = [text for _, text in read_tsv(CORPUS) + read_tsv(EVALUATION)]
    for text in messages:       # warm-up: regex and dict caches
        classifier.classify(text)
    samples: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(args.rounds):
        for text in messages:
            start = clock()
            classifier.classify(text)
            samples.append((clock() - start) / 1e6)
    by_rule = sum(classifier.classify(t).reasons[0].startswith("rule:") for t in messages)
    cuts = statistics.quantiles(samples, n=100)
    figures = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_s": round(load_s, 3),
        "messages": len(messages), "rounds": args.rounds,
        "decided_by_rule": round(by_rule / len(messages), 3),
        "mean_ms": round(statistics.fmean(samples), 4),
        "p50_ms": round(cuts[49], 4), "p99_ms": round(cuts[98], 4),
        "max_ms": round(max(samples), 4),
        "targets": {"load_s": TARGET_LOAD_S, "mean_ms": TARGET_MEAN_MS},
    }
    figures.update(_side_figures(classifier, messages, args.rounds))
    missed = [name for name, ok in (("load_s", load_s < TARGET_LOAD_S),
                                    ("mean_ms", figures["mean_ms"] < TARGET_MEAN_MS)) if not ok]
    figures["missed"] = missed
    print(f"load (fresh interpreter, training included)  {load_s:.2f} s   "
          f"target < {TARGET_LOAD_S} s")
    print(f"classify, {len(messages)} messages x {args.rounds}: mean {figures['mean_ms']} ms, "
          f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms   "
          f"target mean < {TARGET_MEAN_MS} ms")
    print(f"normalise (NFKC, OpenCC t2s, spaces) {figures['normalize_ms']} ms a corpus message, "
          f"{figures['normalize_letters_ms']} ms a letter; classify the emergency set "
          f"{figures['emergency_set_ms']} ms ({figures['emergency_set_messages']} messages), "
          f"its letters {figures['letters_ms']} ms ({figures['letters']}); no targets")
    print(f"decided by a rule: {figures['decided_by_rule']:.0%}; "
          + ("targets met" if not missed else "MISSED " + ", ".join(missed)))
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "classify-latest.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
