"""Background loops stopped at shutdown: cancelled, and waited for until each has stopped."""

from __future__ import annotations

import asyncio

from bot.tasks import cancel_all


async def test_every_loop_finishes_its_cleanup_before_cancel_all_returns():
    cleaned: list[str] = []

    async def loop(name: str) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            await asyncio.sleep(0.01)       # a cleanup that itself waits (a last commit)
            cleaned.append(name)

    loops = [asyncio.create_task(loop(name)) for name in ("outbox", "leases")]
    await asyncio.sleep(0)
    await cancel_all(iter(loops))           # any iterable: each is cancelled, then awaited
    assert cleaned == ["outbox", "leases"] and all(task.cancelled() for task in loops)


async def test_a_loop_that_already_ended_is_no_trouble():
    async def brief() -> None:
        return None

    done = asyncio.create_task(brief())
    await done
    await cancel_all([done])
    assert done.done() and not done.cancelled()
