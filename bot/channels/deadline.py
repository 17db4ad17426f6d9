"""How late a push reached us by the platform's clock: the passive-reply budget counts from
the push's signed timestamp too, not only from when this server read it."""

from __future__ import annotations

import time
from collections import deque

# How long an observation counts towards the clock offset. Long enough to hold many pushes
# on a working day; short enough that a step of our clock (NTP) is forgotten soon.
WINDOW_S = 600.0


class SenderClock:
    """Estimates the offset between the platform's clock and ours as the smallest recent
    (arrival − signed timestamp): the push that came fastest. A push observed later than
    that by d seconds was sent d seconds before we read it (within the timestamp's one
    second), so its platform's wait started d seconds before our budget did.

    On a machine starved for the whole window every push is late alike and none looks
    late; a push is then no worse off than with the budget counted from arrival alone.
    """

    def __init__(self, window_s: float = WINDOW_S) -> None:
        self._window_s = window_s
        # (seen at, monotonic; arrival − timestamp), the values increasing from the front:
        # the front is the window's minimum (a sliding-window minimum, O(1) a push).
        self._lows: deque[tuple[float, float]] = deque()

    def lateness(self, stamp: int, arrived: float | None = None,
                 seen: float | None = None) -> float:
        """Seconds by which a push signed at `stamp` (the platform's epoch seconds) and read
        at `arrived` (our epoch seconds) was later than the fastest recent push; 0 or more."""
        arrived = time.time() if arrived is None else arrived
        seen = time.monotonic() if seen is None else seen
        observed = arrived - stamp
        lows = self._lows
        while lows and lows[-1][1] >= observed:
            lows.pop()
        lows.append((seen, observed))
        while lows[0][0] < seen - self._window_s:
            lows.popleft()
        return observed - lows[0][1]
