"""After a Tencent storm: the outbox tries its waiting jobs as soon as the API answers again,
sends in parallel without one hung send holding the others, and wakes when a job is queued."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select, update

from bot.delivery.api_errors import ApiError
from bot.delivery.outbox import OutboxWorker
from bot.delivery.retry import PROMPT_ATTEMPTS, Recovery
from bot.metrics import Metrics
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from tests.support.delivery import until_state, worker_running

WAIT_S = 10.0   # a bound on waiting for the worker, never a measure of its speed


async def _job(sessions, recipient: str, text: str = "您好") -> int:
    async with sessions() as session, session.begin():
        job = outbox.enqueue(session, "wechat_text", recipient, {"text": text})
        await session.flush()
        return job.id


async def _rows(sessions) -> dict[str, OutboxJob]:
    async with sessions() as session:
        return {row.recipient: row for row in await session.scalars(select(OutboxJob))}


def test_recovery_is_a_success_after_failures_of_the_same_kind():
    clock = iter(range(100))
    recovery = Recovery(clock=lambda: next(clock))
    assert not recovery.succeeded("wechat_text")       # no failure before: nothing to end
    started = recovery.now()
    recovery.failed("wechat_text")
    assert not recovery.succeeded("wecom_app")
    assert recovery.succeeded("wechat_text")
    assert recovery.back_since("wechat_text", started)
    assert not recovery.back_since("wechat_text", recovery.now())
    assert not recovery.succeeded("wechat_text")       # only the first success ends it


async def test_jobs_that_failed_in_the_storm_go_out_once_the_api_answers_again(sessions):
    storm = True
    sent = []

    async def send(job):
        if storm:
            raise ApiError(503, "HTTP 503")
        sent.append(job.recipient)

    await _job(sessions, "o-storm")
    await _job(sessions, "o-veteran")
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics())
    assert await worker.run_once() == 2
    async with sessions() as session, session.begin():
        # Long back-offs: the veteran has been failing for long (past the 15 s promise).
        await session.execute(update(OutboxJob).values(
            next_attempt_at=utcnow() + timedelta(hours=1)))
        await session.execute(update(OutboxJob).where(OutboxJob.recipient == "o-veteran")
                              .values(attempts=PROMPT_ATTEMPTS + 1))
    storm = False
    await _job(sessions, "o-new")
    assert await worker.run_once() == 1             # the new one, and the API is back
    assert await worker.run_once() == 1             # the one from the storm, not an hour on
    rows = await _rows(sessions)
    assert sent == ["o-new", "o-storm"]
    assert rows["o-storm"].state == "sent" and rows["o-storm"].attempts == 2
    assert rows["o-veteran"].state == "pending"
    assert rows["o-veteran"].next_attempt_at > utcnow() + timedelta(minutes=30)


async def test_a_hung_send_holds_no_other_resident(sessions):
    release = asyncio.Event()

    async def send(job):
        if job.recipient == "o-hung":
            await release.wait()

    await _job(sessions, "o-hung")
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics(), poll_s=0.05)
    async with worker_running(worker):
        await until_state(sessions, "o-hung", "sending")
        await _job(sessions, "o-other")
        await until_state(sessions, "o-other", "sent")
        assert (await _rows(sessions))["o-hung"].state == "sending"
        release.set()
        await until_state(sessions, "o-hung", "sent")


async def test_a_queued_reply_wakes_the_worker_and_order_holds(sessions):
    order = []

    async def send(job):
        order.append(job.payload["text"])

    # A poll far longer than the wait: only the wake-up on commit can get these out.
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics(), poll_s=300)
    async with worker_running(worker):
        await asyncio.sleep(0.1)                    # the worker is idle, waiting
        async with sessions() as session, session.begin():
            for i in range(3):
                outbox.enqueue(session, "wechat_text", "o-woken", {"text": str(i)})
        await until_state(sessions, "o-woken", "sent")
    assert order == ["0", "1", "2"]


async def test_a_rolled_back_enqueue_wakes_nobody(sessions):
    woken = []
    unsubscribe = outbox.subscribe(lambda: woken.append(1))
    try:
        async with sessions() as session:
            async with session.begin():
                outbox.enqueue(session, "wechat_text", "o1", {"text": "x"})
                await session.flush()
                await session.rollback()
            async with session.begin():
                pass                                # a later commit without a job
        assert woken == []
        await _job(sessions, "o2")
        assert woken == [1]
    finally:
        unsubscribe()
