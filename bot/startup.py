"""What a start costs, phase by phase, logged once the server listens: a restart on a starved
machine once took ~34 s to serve, longer than WeChat retries a message (issue 11)."""

from __future__ import annotations

import gc
import logging
import os
import time

log = logging.getLogger(__name__)
# The late warm-up (bot.server) waits for this long without a request (WeChat retries a push
# every ~5 s), and no longer than WARM_UP_LATEST_S after listening; then logs WARM_LINE.
WARM_UP_QUIET_S = 2.0
WARM_UP_LATEST_S = 120.0
WARM_LINE = "late warm-up done"


class StartupClock:
    """Wall time of each start-up phase since the process launched, and the CPU it used:
    wall far above CPU means the machine, not the work, made the start slow."""

    def __init__(self) -> None:
        self._launched = time.monotonic() - _running_s()
        self._last = self._launched
        self.phases: list[tuple[str, float]] = []
        self._collections = _collections()
        self.collected: int | None = None      # collections while starting, once settled

    @classmethod
    def begin(cls) -> StartupClock:
        """A clock for `serve`, with the garbage collector off until `settle`: start-up builds
        what lives as long as the process (modules, the model, the knowledge base), so the
        collections it set off found next to nothing and cost ~0.3 s of ~2.5 s of CPU."""
        gc.disable()
        return cls()

    def settle(self) -> None:
        """Start-up is over: one collection for what it left, what it built frozen out of
        later ones (bot.server), and collection on again."""
        self.collected = _collections() - self._collections
        gc.collect()
        gc.freeze()
        gc.enable()

    def mark(self, phase: str) -> None:
        """`phase` ended now."""
        now = time.monotonic()
        self.phases.append((phase, now - self._last))
        self._last = now

    def summary(self) -> str:
        """One line: the total, the CPU spent, then each phase."""
        # process_time counts from the process's own start, interpreter included.
        collected = self.collected
        if collected is None:
            collected = _collections() - self._collections
        return (f"serving {self._last - self._launched:.2f} s after launch "
                f"(CPU {time.process_time():.2f} s, {collected} collections): "
                + ", ".join(f"{phase} {taken:.2f}" for phase, taken in self.phases))

    def log(self) -> None:
        log.info("%s", self.summary())


def _running_s() -> float:
    """How long this process has run: from the kernel's record of its start (the
    interpreter's own start-up and the imports before ours count too); 0 where unknown."""
    try:
        with open(f"/proc/{os.getpid()}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        started_s = int(fields[19]) / os.sysconf("SC_CLK_TCK")    # since boot
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - started_s)
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


def _collections() -> int:
    """The garbage collector's runs so far, all generations."""
    return sum(generation["collections"] for generation in gc.get_stats())
