"""Counts each resident's messages in a sliding minute."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW_S = 60.0


class Throttle:
    """Tells when a resident passes `limit` messages a minute, once per burst."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._hits = 0

    def hit(self, key: str) -> str:
        """Count a message: "ok", "notice" on the first one past the limit, else "over"."""
        now = self._clock()
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= now - WINDOW_S:
            times.popleft()
        times.append(now)
        self._hits += 1
        if self._hits % 10_000 == 0:
            self._forget_idle(now)
        if len(times) <= self._limit:
            return "ok"
        return "notice" if len(times) == self._limit + 1 else "over"

    def recent(self, key: str) -> int:
        """How many of `key`'s messages this window holds (after the latest hit)."""
        return len(self._seen.get(key, ()))

    def undo(self, key: str) -> None:
        """Take back the latest hit of `key`: it was a platform's retry, not a new message."""
        times = self._seen.get(key)
        if times:
            times.pop()

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, t in self._seen.items() if not t or t[-1] <= now - WINDOW_S]
        for key in idle:
            del self._seen[key]
