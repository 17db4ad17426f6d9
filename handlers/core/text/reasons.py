"""What a prediction's reasons say, read by the conversation and the intents alike (the
classifier writes them; the layers above it may not import it)."""

from __future__ import annotations

from collections.abc import Sequence


def saw_danger(reasons: Sequence[str]) -> bool:
    """Whether anything in the classifier saw a danger in a message (a reason naming an
    emergency), even one it settled otherwise (left to the alarm, overruled)."""
    return any("emergency" in reason for reason in reasons)
