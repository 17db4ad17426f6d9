"""The backlog loop: a dead instance's messages are taken over soon after their leases end,
though nothing woke the survivor; a flood paced per resident holds no one else up."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.workers import backlog_loop
from handlers.channels.intake import Intake
from handlers.channels.throttle import Throttle
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks
from tests.helpers import inbound_rows, stops_when_woken_and_cancelled
from tests.support.intake import RecordingDispatch, message

# A generous bound: the loop's idle wait (30 s) is what must not be waited out.
WITHIN_S = 12.0


async def until_handled(sessions, openid: str, count: int, timeout_s: float) -> bool:
    for _ in range(int(timeout_s / 0.1)):
        rows = await inbound_rows(sessions, openid)
        if sum(r.state == "handled" for r in rows) >= count:
            return True
        await asyncio.sleep(0.1)
    return False


@contextlib.asynccontextmanager
async def looping(intake: Intake, rate_limit: int):
    task = asyncio.create_task(backlog_loop(intake, rate_limit))
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_a_dead_instances_message_is_taken_over_without_a_wakeup(engine, sessions):
    store = InboundStore(sessions)
    recorder = RecordingDispatch(0)
    alive = Intake(sessions, store, ResidentLocks(engine), recorder, rate_limit=20,
                   boot_id="alive")
    dead = Intake(sessions, store, ResidentLocks(engine), recorder, rate_limit=20,
                  boot_id="dead")
    try:
        async with looping(alive, 20):
            await asyncio.sleep(0.5)     # the survivor looked: nothing waits, it idles
            await dead.accept(message("o-orphan", "楼道里堆满了杂物"))
            # The instance that recorded it dies now; nobody retries, nothing wakes the
            # survivor's backlog: it looks again within a lease and takes it over.
            assert not alive.backlog_wakeup.is_set()
            assert await until_handled(sessions, "o-orphan", 1, WITHIN_S)
    finally:
        await store.close()
    [row] = await inbound_rows(sessions, "o-orphan")
    assert (row.lease_holder, row.reply_mode) == ("alive", "outbox")
    assert recorder.order["o-orphan"] == ["楼道里堆满了杂物"]


async def test_a_flood_paced_by_the_loop_holds_no_one_else_up(engine, sessions):
    clock = [1000.0]
    store = InboundStore(sessions)
    recorder = RecordingDispatch(0)
    # One message a minute: the loop takes the flood's queued messages a minute apart.
    intake = Intake(sessions, store, ResidentLocks(engine), recorder, rate_limit=1,
                    throttle=Throttle(1, clock=lambda: clock[0]))
    try:
        async with looping(intake, 1):
            for index in range(3):
                accepted = await intake.accept(message("o-flood", f"f{index}"))
                if not accepted.queued:
                    await intake.handle(accepted, message("o-flood", f"f{index}"))
            assert await until_handled(sessions, "o-flood", 2, WITHIN_S)
            for index in range(2):
                accepted = await intake.accept(message("o-calm", f"c{index}"))
                if not accepted.queued:
                    await intake.handle(accepted, message("o-calm", f"c{index}"))
            # The calm resident's queued message does not wait for the flood's pace.
            assert await until_handled(sessions, "o-calm", 2, WITHIN_S)
            assert recorder.order["o-flood"] == ["f0", "f1"]
    finally:
        await store.close()
    assert [r.state for r in await inbound_rows(sessions, "o-flood")] == [
        "handled", "handled", "queued"]


async def test_a_wakeup_meeting_the_stop_does_not_keep_the_backlog_running(engine, sessions):
    # See the outbox worker's test of the same name: the wake-up must not swallow the stop.
    store = InboundStore(sessions)
    intake = Intake(sessions, store, ResidentLocks(engine), RecordingDispatch(0),
                    rate_limit=20)
    try:
        assert await stops_when_woken_and_cancelled(backlog_loop(intake, 20),
                                                    intake.backlog_wakeup.set, idle_s=0.3)
    finally:
        await store.close()
