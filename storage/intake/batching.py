"""Group commit: concurrent callers share one transaction instead of one each."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Batcher(Generic[T, R]):
    """Collects items for up to `max_delay_s` (or `max_batch` items) and runs them together.

    `run` receives the items in arrival order and returns one result per item, all in one
    transaction; each caller awaits its own result. A failing batch fails every caller in it.
    """

    def __init__(self, run: Callable[[list[T]], Awaitable[list[R]]], *,
                 max_delay_s: float = 0.002, max_batch: int = 256) -> None:
        self._run = run
        self._max_delay_s = max_delay_s
        self._max_batch = max_batch
        self._pending: list[tuple[T, asyncio.Future[R]]] = []
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    async def submit(self, item: T) -> R:
        """Add `item` to the next batch and wait for its result."""
        if self._closed:
            raise RuntimeError("batcher is closed")
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="group-commit")
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        self._wakeup.set()
        return await future

    async def _loop(self) -> None:
        while True:
            if not self._pending:
                if self._closed:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            # A short pause lets concurrent requests join the same transaction.
            if len(self._pending) < self._max_batch and self._max_delay_s > 0:
                await asyncio.sleep(self._max_delay_s)
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            try:
                results = await self._run([item for item, _ in batch])
            except Exception as exc:  # every caller of the batch sees the failure
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def close(self) -> None:
        """Finish what is pending, then stop."""
        self._closed = True
        self._wakeup.set()
        if self._task is not None:
            await self._task
