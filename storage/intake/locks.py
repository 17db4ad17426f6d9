"""Per-resident locks: one resident's messages are handled one at a time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine


class ResidentLocks:
    """An asyncio lock per resident in this process, and a bound on how many residents are
    handled at once.

    Across instances sharing PostgreSQL the order is kept where messages are recorded (see
    storage.intake.admission): a message is queued while another instance holds one of the
    resident's, so no lock is held here on a database connection. Waiting for a turn, here
    or for a slot, holds no connection either.
    """

    def __init__(self, engine: AsyncEngine, max_shared: int | None = None) -> None:
        self._shared = engine.dialect.name == "postgresql"
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        # Each handler takes pooled connections while it works (one at a time, plus the
        # ticket counter's own): fewer handlers run at once than the pool has connections,
        # so a burst waits here for a slot instead of for the pool until it times out.
        if max_shared is None:
            max_shared = max(1, engine.pool.size() - 2) if self._shared else 1
        self._slots = asyncio.Semaphore(max_shared)
        self.slots = max_shared     # how many residents are handled at once (PostgreSQL)

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of resident `key` (waiters are served first come, first served)."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                if self._shared:
                    async with self._slots:
                        yield
                else:
                    yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
