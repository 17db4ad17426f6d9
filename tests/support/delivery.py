"""The outbox as the senders' tests drive it: a resident's message that opens the window, jobs
enqueued and read back, and the texts the fake Tencent delivered."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from sqlalchemy import select, update

from bot.delivery.outbox import OutboxWorker
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage

WAIT_S = 10.0   # a bound on waiting for the worker, never a measure of its speed
TIMEOUT = 0.5  # the clients' timeout in these tests: a fake delay of 1 s is a timeout


async def resident_wrote(sessions, openid, *, ago=timedelta(minutes=1)):
    """An inbound message from `openid`: it opens the customer-service window."""
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key=f"msg:{openid}:{utcnow()}",
                                   openid=openid, msg_type="text", content="你好",
                                   received_at=utcnow() - ago))


async def enqueue(sessions, recipient, text, *, kind="wechat_text", priority=5):
    """A job for `recipient` carrying `text`, committed; its id."""
    async with sessions() as session, session.begin():
        job = outbox.enqueue(session, kind, recipient, {"text": text}, priority=priority)
    return job.id


async def load_job(sessions, job_id) -> OutboxJob:
    """The job as stored now."""
    async with sessions() as session:
        return await session.get(OutboxJob, job_id)


async def make_due(sessions):
    """Every pending job due now, its back-off skipped."""
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                              .values(next_attempt_at=utcnow()))


def sent_texts(fake, endpoint="custom_send"):
    """The texts `endpoint` of the fake Tencent delivered, oldest first."""
    return [call.body["text"]["content"] for call in fake.delivered(endpoint)]


async def until_state(sessions, recipient: str, state: str) -> None:
    """Wait (up to WAIT_S) until every job of `recipient` is in `state`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while True:
        async with sessions() as session:
            states = list(await session.scalars(
                select(OutboxJob.state).where(OutboxJob.recipient == recipient)))
        if states and set(states) == {state}:
            return
        assert loop.time() < deadline, f"{recipient}: still {states}"
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def worker_running(worker: OutboxWorker):
    """The worker's run() for the block, cancelled and awaited after it."""
    task = asyncio.create_task(worker.run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
