"""Waiting for a wake-up: set, timed out, or stopped, and a stop is never lost."""

from __future__ import annotations

import asyncio

from bot.delivery.waits import woken


async def test_a_set_event_wakes_and_a_quiet_one_times_out():
    event = asyncio.Event()
    asyncio.get_running_loop().call_later(0.01, event.set)
    assert await woken(event, 5.0)
    event.clear()
    assert not await woken(event, 0.01)


async def test_a_cancel_in_the_round_the_event_is_set_still_stops_the_wait():
    event = asyncio.Event()
    waiting = asyncio.create_task(woken(event, 300))
    await asyncio.sleep(0)          # it waits on the event now
    event.set()
    waiting.cancel()
    done, _ = await asyncio.wait({waiting}, timeout=1.0)
    assert done and waiting.cancelled()


async def test_a_cancel_in_the_round_the_timeout_ends_still_stops_the_wait():
    event = asyncio.Event()
    waiting = asyncio.create_task(woken(event, 0))
    await asyncio.sleep(0)          # it waits; its timeout fires in the loop's next round
    waiting.cancel()                # ... and so does this cancel
    done, _ = await asyncio.wait({waiting}, timeout=1.0)
    assert done and waiting.cancelled()
