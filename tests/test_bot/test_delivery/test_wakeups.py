"""When the outbox worker looks for due jobs: when a job is queued or a place frees with jobs
still waiting for one, never after each send with nothing due."""

from __future__ import annotations

import asyncio

from bot.delivery.outbox import OutboxWorker
from bot.metrics import Metrics
from storage.delivery import outbox
from tests.helpers import stops_when_woken_and_cancelled
from tests.support.delivery import until_state, worker_running
from tests.support.statements import traced

IDLE_S = 0.2    # long enough for a wake-up in flight to have claimed


def _claims(sessions):
    """Count the worker's claims: the statements that look for due jobs, most urgent first,
    whichever way they run (on SQLite the claim runs on the driver's connection directly:
    storage.delivery.outbox_direct; SQLAlchemy's way where that does not apply)."""
    return traced(sessions, lambda statement: "FROM outbox_jobs" in statement
                  and "ORDER BY outbox_jobs.priority" in statement)


async def _queue(sessions, recipients: list[str]) -> None:
    async with sessions() as session, session.begin():
        for recipient in recipients:
            outbox.enqueue(session, "wechat_text", recipient, {"text": "您好"})


async def test_sends_that_leave_nothing_due_claim_no_more(sessions):
    sent = []

    async def send(job):
        sent.append(job.recipient)

    # A poll far longer than the test: only wake-ups can make the worker claim.
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics(), poll_s=300, batch=8)
    async with worker_running(worker):
        await asyncio.sleep(IDLE_S)                 # its first look, at start, is over
        async with _claims(sessions) as claims:
            await _queue(sessions, ["o1", "o2", "o3"])
            for recipient in ("o1", "o2", "o3"):
                await until_state(sessions, recipient, "sent")
            await asyncio.sleep(IDLE_S)
    assert sorted(sent) == ["o1", "o2", "o3"]
    assert len(claims) == 1     # the commit's wake-up; three sends, no claim after each


async def test_jobs_waiting_for_a_place_go_out_as_places_free(sessions):
    release = asyncio.Event()
    sent = []

    async def send(job):
        await release.wait()
        sent.append(job.recipient)

    recipients = [f"o{i}" for i in range(5)]
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics(), poll_s=300, batch=2)
    async with worker_running(worker):
        await asyncio.sleep(IDLE_S)
        await _queue(sessions, recipients)
        await until_state(sessions, "o0", "sending")
        await asyncio.sleep(IDLE_S)
        release.set()           # two places, five jobs: the other three need no poll
        for recipient in recipients:
            await until_state(sessions, recipient, "sent")
    assert sorted(sent) == recipients


async def test_a_wakeup_meeting_the_stop_does_not_keep_the_worker_running(sessions):
    # Python 3.11's wait_for returns normally when its awaitable finished in the same round
    # of the loop as the cancel: the worker took the wake-up, swallowed the stop and polled
    # on (a server deaf to SIGTERM; seen ~1 stop in 50 on SQLite just after sends).
    worker = OutboxWorker(sessions, {}, Metrics(), poll_s=300)
    assert await stops_when_woken_and_cancelled(worker.run(), worker.wakeup.set, IDLE_S)
