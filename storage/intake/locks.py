"""Per-resident locks: one resident's messages are handled one at a time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


class ResidentLocks:
    """An asyncio lock per resident in this process and, on PostgreSQL, an advisory lock
    so that the rule holds across instances sharing the database."""

    def __init__(self, engine: AsyncEngine, max_shared: int | None = None) -> None:
        self._engine = engine
        self._shared = engine.dialect.name == "postgresql"
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}
        # An advisory lock keeps a pooled connection for as long as the resident is held,
        # and the handler inside needs another. Unbounded, a crowd of residents took every
        # connection and each handler waited for the pool until it timed out (30 s); so
        # fewer residents are held at once than the pool has connections.
        if max_shared is None:
            max_shared = max(1, engine.pool.size() - 2) if self._shared else 1
        self._slots = asyncio.Semaphore(max_shared)

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of resident `key` (waiters are served first come, first served)."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                if self._shared:
                    async with self._slots, self._advisory(key):
                        yield
                else:
                    yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    @asynccontextmanager
    async def _advisory(self, key: str) -> AsyncIterator[None]:
        async with self._engine.connect() as conn:
            params = {"k": f"resident:{key}"}
            await conn.execute(text("SELECT pg_advisory_lock(hashtextextended(:k, 0))"), params)
            await conn.commit()
            try:
                yield
            finally:
                await conn.execute(
                    text("SELECT pg_advisory_unlock(hashtextextended(:k, 0))"), params)
                await conn.commit()

    def __len__(self) -> int:
        return len(self._locks)
