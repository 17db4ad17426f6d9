"""How many residents' pushes are handled at once: the rest wait their turn in arrival order.

Handling a push (classification, dialog, ticket) is CPU on one event loop; with every push of
a burst handled at once, each gets a sliver of the core and all of them finish late. A few at
a time finish early and in order. The wait holds no database connection and is counted inside
the push's reply budget (the push is recorded before it waits: one that waits out its budget
is answered with nothing and its reply goes out through the outbox).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from bot.metrics import ADMISSIONS, Metrics
from handlers.core.types import Inbound

log = logging.getLogger(__name__)


class Admission:
    """At most `limit` pushes handled at once (0: no limit); `assess` says whether a push
    may be an emergency, asked only when every slot is taken, and gives the message to handle
    (carrying what was learnt on the way: the classifier's verdict)."""

    def __init__(self, limit: int, assess: Callable[[Inbound], tuple[bool, Inbound]],
                 metrics: Metrics) -> None:
        if limit < 0:
            raise ValueError("the limit of pushes handled at once is 0 (none) or more")
        self._assess = assess
        self._slots = asyncio.Semaphore(limit) if limit else None
        self._waiting = metrics.pushes_waiting
        # Labelled once here, not on every push.
        self._admitted = {way: metrics.push_admissions.labels(way) for way in ADMISSIONS}

    @asynccontextmanager
    async def turn(self, message: Inbound) -> AsyncIterator[Inbound]:
        """Wait for a slot to handle `message`, and hold it meanwhile; the message to handle."""
        slots = self._slots
        if slots is None:
            yield message
            return
        if slots.locked():
            urgent, message = self._may_be_urgent(message)
            if urgent:
                self._admitted["urgent"].inc()
                yield message
                return
            self._admitted["waited"].inc()
            self._waiting.inc()
            try:
                await slots.acquire()
            finally:
                self._waiting.dec()
        else:
            self._admitted["at_once"].inc()
            await slots.acquire()
        try:
            yield message
        finally:
            slots.release()

    def _may_be_urgent(self, message: Inbound) -> tuple[bool, Inbound]:
        try:
            return self._assess(message)
        except Exception:
            # The push is recorded and in hand: not knowing must not strand it, it waits its
            # turn like any other.
            log.exception("could not tell whether push %s may be an emergency",
                          message.inbound_id)
            return False, message
