"""When a failed outbox job is tried again.

A resident is promised their answer within 15 s, so the first tries come quickly (1, 2, 4, 8 s)
and only then back off towards half an hour. Tencent's storms (5xx, timeouts, a token storm)
hit every job at once; the first send that succeeds afterwards shows the API is back, and the
jobs still waiting out a back-off from the storm are tried at once instead of one by one as
their timers end (issue 16: residents were told up to 20 s late because of that wait).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta

from storage.base import utcnow
from storage.delivery.outbox import Claimed

BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 1800.0
# An alert about an emergency is tried ALERT_ATTEMPTS times about 15 s apart in all (5 s,
# then 10 s), then escalated by another route rather than retried for an hour: shorter
# pauses would escalate a robot's blip of a few seconds to SMS.
ALERT_BACKOFF_BASE_S = 5.0
ALERT_ATTEMPTS = 3
MAX_ATTEMPTS = 13           # 1 + 2 + … + 1024 + 1800 s: about an hour, then a dead letter
# Jobs with at most this many attempts are brought forward when the API comes back: those
# a resident is still waiting for. Later ones keep their back-off, so a job that fails on
# its own however the API is cannot be tried again and again each time other sends succeed.
PROMPT_ATTEMPTS = 4
# A job in flight when the API came back is tried again after this (with jitter), not after
# its back-off: it failed in the storm, not on its own.
AT_ONCE_S = 0.3
MEDIA_LIFETIME = timedelta(days=3)  # WeChat keeps temporary media this long


def backoff_s(attempts: int, rng: random.Random | None = None, *,
              base_s: float = BACKOFF_BASE_S) -> float:
    """Exponential back-off after `attempts` tries, ±20 % jitter so that many jobs that failed
    together do not come back together."""
    delay = min(BACKOFF_CAP_S, base_s * 2 ** max(0, attempts - 1))
    return delay * (rng or random).uniform(0.8, 1.2)


class Recovery:
    """Per outbox job kind: whether sends have failed transiently since the last success, and
    when the API last came back after such failures."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._troubled: set[str] = set()
        self._back_at: dict[str, float] = {}

    def now(self) -> float:
        """The clock the worker stamps the start of a send with."""
        return self._clock()

    def failed(self, kind: str) -> None:
        """A send of `kind` failed in a way that may pass (5xx, timeout, refused token)."""
        self._troubled.add(kind)

    def succeeded(self, kind: str) -> bool:
        """A send of `kind` went out; True when it ends a run of failures (the API is back)."""
        if kind not in self._troubled:
            return False
        self._troubled.discard(kind)
        self._back_at[kind] = self._clock()
        return True

    def back_since(self, kind: str, started: float) -> bool:
        """Whether the API came back for `kind` after `started` (a send begun in the storm)."""
        return self._back_at.get(kind, float("-inf")) > started

    def after_failure(self, job: Claimed, outcome: str, error: str,
                      started: float) -> tuple[str, str, float | None]:
        """(state, error, seconds until the next try) after a failed send begun at `started`."""
        if outcome in ("window_closed", "quota"):
            # WeChat's rule, not a fault: nothing reaches the resident before they write
            # again, so the reply waits for that (their next answer carries it).
            return "held", error, None
        if outcome not in ("retry", "") or exhausted(job):
            return "dead", error, None
        if outcome == "retry":
            self.failed(job.kind)
            if job.attempts <= PROMPT_ATTEMPTS and self.back_since(job.kind, started):
                # In flight when the API came back (a hung call timing out): not its fault.
                return "pending", error, backoff_s(1, base_s=AT_ONCE_S)
        base = ALERT_BACKOFF_BASE_S if job.payload.get("alert") else BACKOFF_BASE_S
        return "pending", error, backoff_s(job.attempts, base_s=base)


def exhausted(job: Claimed) -> bool:
    """Whether a job that failed again is given up (a dead letter)."""
    if job.kind == "media_fetch":
        return utcnow() - job.created_at >= MEDIA_LIFETIME
    if job.payload.get("alert"):
        return job.attempts >= ALERT_ATTEMPTS
    return job.attempts >= MAX_ATTEMPTS
