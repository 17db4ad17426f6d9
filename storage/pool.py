"""A connection pool that serves its waiters in the order they came (SQLite's one connection).

SQLAlchemy's async pool queues for connections on an asyncio.Queue, which is not fair: a
connection given back wakes the oldest waiter, but any task asking before that waiter runs
takes it at once, and the waiter, finding the queue empty, goes to the back of the line.
Our sessions end without leaving the event loop (storage.db.Session), so a task that opens
one session after another takes the one SQLite connection back every time; under load a
request that waits (an officer's export, a console page) could lose its turn until the pool
timeout and answer 503.
"""

from __future__ import annotations

import asyncio
import collections
from typing import Any

from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.util import queue as sqla_queue
from sqlalchemy.util.langhelpers import memoized_property

# How long the oldest waiter may wait before it is served ahead of tasks asking anew. Handing
# every returned connection to the oldest waiter (strict order) cost the mixed bench 15-20 %
# of its CPU a push at 64 connections, and a bar of 50 ms still ~10 % (pushes there queue
# 70-80 ms at the median): the task that gave the connection back and asks again at once
# (its next session) must then wait for a turn and a switch. Below this wait the line behaves
# as asyncio's queue does (the waiter is woken and tries); past it, it is served first, so no
# request waits out the pool's 30 s timeout (an export once did, and answered 503).
STARVED_AFTER_S = 1.0
_WAKE = object()


class FairLine(asyncio.Queue):
    """An asyncio.Queue that no waiter starves on: a waiter who has waited `starved_after`
    seconds gets the next returned item before anyone asking anew; younger waiters are woken
    in order to try for it, keeping their place if someone else was quicker."""

    def __init__(self, maxsize: int = 0, starved_after: float = STARVED_AFTER_S) -> None:
        super().__init__(maxsize)
        self._line: collections.deque[tuple[float, asyncio.Future[Any]]] = collections.deque()
        self._starved_after = starved_after

    def _waiting(self) -> bool:
        while self._line and self._line[0][1].done():     # gave up, or already woken
            self._line.popleft()
        return bool(self._line)

    def _starving(self) -> bool:
        return self._waiting() and (asyncio.get_running_loop().time() - self._line[0][0]
                                    >= self._starved_after)

    def get_nowait(self) -> Any:
        if self._starving():
            raise asyncio.QueueEmpty
        return super().get_nowait()

    async def get(self) -> Any:
        loop = asyncio.get_running_loop()
        since = None
        while True:
            # Woken (the oldest then), or nobody has waited too long: take what is there.
            if not self.empty() and (since is not None or not self._starving()):
                return super().get_nowait()
            waiter = loop.create_future()
            if since is None:
                since = loop.time()
                self._line.append((since, waiter))
            else:                                   # woken but beaten to it: its place kept
                self._line.appendleft((since, waiter))
            try:
                got = await waiter
            except asyncio.CancelledError:
                # Handed an item (or woken to take one) just as the wait was given up: pass
                # it on to the next in line, never lose it.
                if waiter.done() and not waiter.cancelled():
                    if waiter.result() is not _WAKE:
                        self.put_nowait(waiter.result())
                    elif not self.empty() and self._waiting():
                        self._line.popleft()[1].set_result(_WAKE)
                raise
            if got is not _WAKE:
                return got

    def put_nowait(self, item: Any) -> None:
        if self._starving():
            self._line.popleft()[1].set_result(item)
            return
        super().put_nowait(item)
        if self._waiting():
            self._line.popleft()[1].set_result(_WAKE)


class _FairQueue(sqla_queue.AsyncAdaptedQueue):
    @memoized_property
    def _queue(self) -> asyncio.Queue:
        return FairLine(maxsize=self.maxsize)


class FairPool(AsyncAdaptedQueuePool):
    """SQLAlchemy's async pool with first-come, first-served checkouts."""

    _queue_class = _FairQueue
    # Logs under SQLAlchemy's own name, which the server keeps at WARNING: else every pool
    # disposal and recreation is an INFO line of ours.
    _sqla_logger_namespace = "sqlalchemy.pool.impl.FairPool"
