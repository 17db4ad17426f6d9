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


class FairLine(asyncio.Queue):
    """An asyncio.Queue whose items go to the longest waiter first: nobody takes one while
    someone waits, and a returned item is handed to the waiter, not left for whoever asks."""

    def __init__(self, maxsize: int = 0) -> None:
        super().__init__(maxsize)
        self._line: collections.deque[asyncio.Future[Any]] = collections.deque()

    def _waiting(self) -> bool:
        while self._line and self._line[0].done():     # gave up (timed out, cancelled)
            self._line.popleft()
        return bool(self._line)

    def get_nowait(self) -> Any:
        if self._waiting():
            raise asyncio.QueueEmpty
        return super().get_nowait()

    async def get(self) -> Any:
        if not self._waiting() and not self.empty():
            return super().get_nowait()
        waiter = asyncio.get_running_loop().create_future()
        self._line.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            # Handed an item just as the wait was given up: pass it on, never lose it.
            if waiter.done() and not waiter.cancelled():
                self.put_nowait(waiter.result())
            raise

    def put_nowait(self, item: Any) -> None:
        if self._waiting():
            self._line.popleft().set_result(item)
        else:
            super().put_nowait(item)


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
