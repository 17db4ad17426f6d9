"""How late a push reached us by the platform's clock: the passive-reply budget counts from
the push's signed timestamp too, not only from when this server read it."""

from __future__ import annotations

import bisect
import time
from collections import deque

# How long an observation counts towards the clock offset. Long enough to hold many pushes
# on a working day; short enough that a step of our clock (NTP) is forgotten soon.
WINDOW_S = 600.0
# Observations kept at most (the busiest minutes keep the newest).
KEPT = 512
# A signed timestamp is whole seconds: a push on time may look this much later than the
# fastest. Not counted, so an on-time push keeps its whole budget; a late one is found late
# by up to this much too little, which the margin between the default budget (4 s) and
# WeChat's 5 s absorbs.
RESOLUTION_S = 1.0


class SenderClock:
    """Estimates the offset between the platform's clock and ours from the fastest recent
    pushes (arrival − signed timestamp). A push observed later than that by d seconds was
    sent about d seconds before we read it, so its platform's wait started that much before
    our budget did; d less the timestamp's resolution is counted.

    The second fastest counts, not the fastest: one push stamped by a server whose clock
    runs ahead must not make every push for the next ten minutes look late, while a step
    of our own clock shows in every push after it. On a machine starved for the whole
    window every push is late alike and none looks late; a push is then no worse off than
    with the budget counted from arrival alone.
    """

    def __init__(self, window_s: float = WINDOW_S, kept: int = KEPT) -> None:
        self._window_s = window_s
        self._kept = kept
        self._seen: deque[tuple[float, float]] = deque()   # (monotonic, observed), in order
        self._sorted: list[float] = []                       # the same observations, sorted

    def lateness(self, stamp: int, arrived: float | None = None,
                 seen: float | None = None) -> float:
        """Seconds by which a push signed at `stamp` (the platform's epoch seconds) and read
        at `arrived` (our epoch seconds) was surely later than the fast recent pushes (beyond
        the timestamp's resolution); 0 or more."""
        arrived = time.time() if arrived is None else arrived
        seen = time.monotonic() if seen is None else seen
        observed = arrived - stamp
        self._seen.append((seen, observed))
        bisect.insort(self._sorted, observed)
        while self._seen and (self._seen[0][0] < seen - self._window_s
                              or len(self._seen) > self._kept):
            _, old = self._seen.popleft()
            del self._sorted[bisect.bisect_left(self._sorted, old)]
        if len(self._sorted) < 2:
            return 0.0
        return max(0.0, observed - self._sorted[1] - RESOLUTION_S)
