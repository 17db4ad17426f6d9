"""`jingmin classify`: one message per input line, one JSON object per output line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from handlers.intents import IntentClassifier


def classify_lines(lines: Iterable[str], out: TextIO, prefix: str = "DCF") -> int:
    """Write {"text", "intent", "confidence", "reasons"} for each line; returns the count."""
    classifier = IntentClassifier.load(prefix)
    count = 0
    for line in lines:
        text = line.rstrip("\r\n")
        prediction = classifier.classify(text)
        record = {"text": text, "intent": prediction.intent,
                  "confidence": round(prediction.confidence, 4),
                  "reasons": list(prediction.reasons)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()     # piped callers read answers line by line
        count += 1
    return count
