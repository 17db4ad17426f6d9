"""Waiting for a wake-up or a timeout without losing a stop that comes at the same moment."""

from __future__ import annotations

import asyncio


async def woken(event: asyncio.Event, timeout_s: float) -> bool:
    """Wait until `event` is set (True) or `timeout_s` passes (False); a cancel always ends
    the wait with CancelledError.

    Not `asyncio.wait_for(event.wait(), ...)`: on Python 3.11 it runs the wait in a task of
    its own and, when that task ends in the same round of the loop as a cancel of the
    waiter, returns its result and drops the cancel (CPython gh-86296, fixed in 3.12). A
    loop that waits this way between rounds then goes on after its stop: the outbox worker
    and the backlog polled on and a server never finished its shutdown. `asyncio.timeout`
    waits in the caller's own task and tells its own cancel from another's."""
    try:
        async with asyncio.timeout(timeout_s):
            await event.wait()
    except TimeoutError:
        return False
    return True
