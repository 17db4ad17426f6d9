"""Group commit: concurrent submits share one run, in order, and share its fate."""

from __future__ import annotations

import asyncio

import pytest

from storage.intake.batching import Batcher


class Runner:
    """Records each batch it is given; fails the batches containing `poison`."""

    def __init__(self, poison: object = None) -> None:
        self.batches: list[list[int]] = []
        self.poison = poison

    async def __call__(self, items: list[int]) -> list[int]:
        self.batches.append(list(items))
        await asyncio.sleep(0)
        if self.poison in items:
            raise ValueError("disk full")
        return [item * 10 for item in items]


async def test_concurrent_submits_share_one_run_in_order():
    runner = Runner()
    batcher = Batcher(runner, max_delay_s=0.01)
    results = await asyncio.gather(*(batcher.submit(i) for i in range(20)))
    await batcher.close()
    assert results == [i * 10 for i in range(20)]
    assert runner.batches == [list(range(20))]


async def test_submits_arriving_later_go_in_a_later_batch():
    runner = Runner()
    batcher = Batcher(runner, max_delay_s=0.001)
    assert await batcher.submit(1) == 10
    assert await asyncio.gather(batcher.submit(2), batcher.submit(3)) == [20, 30]
    await batcher.close()
    assert runner.batches == [[1], [2, 3]]


async def test_max_batch_splits_a_burst_keeping_order():
    runner = Runner()
    batcher = Batcher(runner, max_delay_s=0.01, max_batch=4)
    results = await asyncio.gather(*(batcher.submit(i) for i in range(10)))
    await batcher.close()
    assert results == [i * 10 for i in range(10)]
    assert [i for batch in runner.batches for i in batch] == list(range(10))
    assert all(len(batch) <= 4 for batch in runner.batches)
    assert len(runner.batches) == 3


async def test_a_failing_batch_fails_every_caller_in_it_and_no_other():
    runner = Runner(poison=3)
    batcher = Batcher(runner, max_delay_s=0.01)
    outcomes = await asyncio.gather(*(batcher.submit(i) for i in range(5)),
                                    return_exceptions=True)
    assert all(isinstance(o, ValueError) and str(o) == "disk full" for o in outcomes)
    # The batcher keeps working for the next callers.
    assert await batcher.submit(7) == 70
    await batcher.close()
    assert runner.batches == [[0, 1, 2, 3, 4], [7]]


async def test_close_flushes_what_is_pending():
    runner = Runner()
    batcher = Batcher(runner, max_delay_s=0.05)
    pending = [asyncio.create_task(batcher.submit(i)) for i in range(3)]
    await asyncio.sleep(0)  # the submits are queued, the batch window still open
    await batcher.close()
    assert all(task.done() for task in pending)
    assert [task.result() for task in pending] == [0, 10, 20]
    with pytest.raises(RuntimeError):
        await batcher.submit(4)


async def test_close_without_any_submit_returns():
    batcher = Batcher(Runner())
    await batcher.close()


async def test_a_cancelled_caller_does_not_break_its_batch():
    runner = Runner()
    batcher = Batcher(runner, max_delay_s=0.02)
    keep = asyncio.create_task(batcher.submit(1))
    drop = asyncio.create_task(batcher.submit(2))
    await asyncio.sleep(0)
    drop.cancel()
    assert await keep == 10
    await batcher.close()
    assert runner.batches == [[1, 2]]
