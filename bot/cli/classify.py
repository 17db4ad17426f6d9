"""`jingmin classify`: one message per input line, one JSON object per output line (CONTRACT §1)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO, TextIO

from handlers.classifier.classifier import IntentClassifier


def classify_lines(lines: Iterable[str] | TextIO | BinaryIO, out: TextIO,
                   prefix: str = "DCF") -> int:
    """Write {"text", "intent", "confidence", "reasons", "acts", "emergency_kind"} per line.

    Reads bytes when it can: a line that is not valid UTF-8 is classified with the bad bytes
    replaced (U+FFFD) instead of ending the run. Returns the number of lines classified.
    """
    classifier = IntentClassifier.load(prefix)
    count = 0
    for line in _decoded(lines):
        text = line.rstrip("\r\n")
        prediction = classifier.classify(text)
        record = {"text": text, "intent": prediction.intent,
                  "confidence": round(prediction.confidence, 4),
                  "reasons": list(prediction.reasons), "acts": prediction.acts,
                  "emergency_kind": prediction.emergency_kind}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()     # piped callers read answers line by line
        count += 1
    return count


def _decoded(lines: Iterable[str] | Iterable[bytes] | TextIO | BinaryIO) -> Iterable[str]:
    source = getattr(lines, "buffer", lines)    # a text stream's bytes underneath
    for line in source:
        yield line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line
