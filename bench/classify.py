"""Intent classifier speed: start-up (from the model cache, and training from scratch), then
the cost of classifying one message by its length.

Start-up runs in a fresh interpreter, imports included, as at `jingmin serve` start: reading
the models the cache keeps for this corpus is what every start but the first after a data
change costs; training (the cache turned off) is reported. Scoring runs every corpus,
evaluation and emergency-set message through `classify` one at a time, several rounds, and
reports the mean per message in four length bands: the gate, the frames and both models read
the whole text, so a letter costs what its length does. Targets (exit 1 when one is missed):
start-up from the cache < 5 s; mean per message: up to 20 characters < 1 ms, 21-80 < 3 ms,
81-300 < 10 ms, longer (letters) < 30 ms. A reply has seconds; these leave the webhook its
budget with room for a shared CPU (measured 0.2 / 1.0 / 4.3 / 13.7 ms at load average 5 on
two cores, 1.0 / 2.4 / 8.6 / 19.4 ms at load average 11).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from handlers.classifier import cache
from handlers.classifier.classifier import IntentClassifier
from handlers.classifier.corpus import evaluation_examples, training_examples
from handlers.tools import emergency_set

OUT_DIR = Path(__file__).with_name("out")
TARGET_LOAD_S = 5.0
# (band, longest message in characters, target mean milliseconds per message)
BANDS = (("short", 20, 1.0), ("medium", 80, 3.0), ("long", 300, 10.0), ("letter", None, 30.0))

# Every emergency part but the never-seen one (its texts are read by nobody, not even for
# speed): timing only, so the frozen test parts may be read too.
EMERGENCY_PARTS = (emergency_set.DEV, emergency_set.DEV2, emergency_set.DEV3,
                   emergency_set.DEV_OWN, emergency_set.TEST, emergency_set.TEST2)

_LOAD_SNIPPET = (
    "import time; t = time.perf_counter(); "
    "from handlers.classifier.classifier import IntentClassifier; IntentClassifier.load(); "
    "print(time.perf_counter() - t)"
)


def _load_seconds(cached: bool) -> float:
    env = dict(os.environ)
    if not cached:
        env[cache.ENV] = "off"
    done = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], capture_output=True,
                          text=True, check=True, env=env)
    return float(done.stdout.strip())


def _band(text: str) -> str:
    return next(name for name, longest, _ in BANDS if longest is None or len(text) <= longest)


def _messages() -> list[str]:
    items = [item.text for name in EMERGENCY_PARTS for item in emergency_set.read_items(name)]
    return [e.text for e in training_examples() + evaluation_examples()] + items


def main(argv: list[str] | None = None) -> int:
    """Print the figures, write bench/out/classify-latest.json, exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.classify", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--train", action="store_true",
                        help="also time start-up with no cache (trains both models)")
    args = parser.parse_args(argv)

    _load_seconds(cached=True)              # the first start after a data change keeps models
    load_s = _load_seconds(cached=True)
    train_s = _load_seconds(cached=False) if args.train else None
    classifier = IntentClassifier.load()
    by_band: dict[str, list[str]] = {name: [] for name, _, _ in BANDS}
    for text in _messages():
        by_band[_band(text)].append(text)
    for texts in by_band.values():          # warm-up: regex and dict caches
        for text in texts:
            classifier.classify(text)
    figures: dict = {"at": datetime.now(UTC).isoformat(timespec="seconds"),
                     "load_s": round(load_s, 3), "train_s": train_s and round(train_s, 1),
                     "rounds": args.rounds, "bands": {}}
    missed = [] if load_s < TARGET_LOAD_S else ["load_s"]
    clock = time.perf_counter_ns
    print(f"start-up from the model cache (fresh interpreter, imports included) {load_s:.2f} s"
          f"   target < {TARGET_LOAD_S} s")
    if train_s is not None:
        print(f"start-up training both models (no cache) {train_s:.1f} s   no target")
    for name, longest, target in BANDS:
        texts = by_band[name]
        samples = []
        for _ in range(args.rounds):
            for text in texts:
                start = clock()
                classifier.classify(text)
                samples.append((clock() - start) / 1e6)
        mean = statistics.fmean(samples)
        p99 = statistics.quantiles(samples, n=100)[98]
        figures["bands"][name] = {"messages": len(texts), "mean_ms": round(mean, 4),
                                  "p99_ms": round(p99, 4), "max_ms": round(max(samples), 4),
                                  "target_mean_ms": target}
        if mean >= target:
            missed.append(f"mean_ms:{name}")
        span = f"<= {longest} chars" if longest else "longer"
        print(f"classify {name:<7}({span:<14}) {len(texts):>5} messages x {args.rounds}: "
              f"mean {mean:.3f} ms, p99 {p99:.3f} ms, max {max(samples):.3f} ms"
              f"   target mean < {target} ms")
    figures["missed"] = missed
    print("targets met" if not missed else "MISSED " + ", ".join(missed))
    OUT_DIR.mkdir(exist_ok=True)
    (OUT_DIR / "classify-latest.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
