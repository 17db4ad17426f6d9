"""Tracked background tasks: work that outlives a request is finished before shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class TaskTracker:
    """Starts tasks, logs their failures, and waits for all of them at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
        """Run `coro` in the background; it is drained, not cancelled, at shutdown."""
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    async def drain(self, timeout_s: float = 30.0) -> None:
        """Wait for every tracked task; cancel what is still running after `timeout_s`."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=timeout_s)
        for task in pending:
            log.warning("cancelling background task %s at shutdown", task.get_name())
            task.cancel()
        if pending:
            await asyncio.wait(pending)

    def __len__(self) -> int:
        return len(self._tasks)


async def cancel_all(loops: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel background loops (workers, pollers, heartbeats) and wait until each has stopped:
    a loop cut off mid-step finishes its cleanup before what it uses is closed."""
    loops = list(loops)
    for task in loops:
        task.cancel()
    for task in loops:
        with contextlib.suppress(asyncio.CancelledError):
            await task
