"""The outbox worker: retries with back-off, dead letters, deferral, held messages, stops."""

import asyncio
from datetime import timedelta

from sqlalchemy import select, update

from bot.delivery.api_errors import ApiError
from bot.delivery.outbox import MAX_ATTEMPTS, Deferred, Held, OutboxWorker, backoff_s
from bot.metrics import Metrics
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob


async def _job(sessions, kind="wechat_text", recipient="o1", text="您好"):
    async with sessions() as session, session.begin():
        outbox.enqueue(session, kind, recipient, {"text": text})


async def _row(sessions):
    async with sessions() as session:
        return await session.scalar(select(OutboxJob))


async def _make_due(sessions):
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(next_attempt_at=utcnow()))


def test_backoff_keeps_a_residents_15_s_then_grows_and_is_capped():
    # The first four tries of a reply fit in the 15 s a resident is promised (issue 16).
    assert sum(backoff_s(n) for n in range(1, 4)) <= 7 * 1.2
    assert 0.8 <= backoff_s(1) <= 1.2 and 1.6 <= backoff_s(2) <= 2.4
    assert backoff_s(12) >= 1800 * 0.8 and backoff_s(30) <= 1800 * 1.2
    # Alerts keep their 5 s and 10 s: a robot's blip is not escalated to SMS.
    assert 4 <= backoff_s(1, base_s=5) <= 6 and 8 <= backoff_s(2, base_s=5) <= 12


async def test_sends_once_and_records_sent(sessions):
    sent = []

    async def send(job):
        sent.append((job.recipient, job.payload["text"]))

    await _job(sessions)
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics())
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    assert sent == [("o1", "您好")]
    assert (await _row(sessions)).state == "sent"


async def test_a_send_is_cut_off_before_its_lease_runs_out(sessions):
    # Every Tencent call has its own timeout; a send past all of them (here 6 x 0.05 s) is
    # stopped and tried again.
    async def hangs(job):
        await asyncio.sleep(5)

    await _job(sessions)
    worker = OutboxWorker(sessions, {"wechat_text": hangs}, Metrics(), http_timeout_s=0.05)
    started = asyncio.get_running_loop().time()
    assert await worker.run_once() == 1
    assert asyncio.get_running_loop().time() - started < 2
    row = await _row(sessions)
    assert row.state == "pending" and row.last_error == "send took longer than 0.3 s"


async def test_failures_retry_then_succeed(sessions):
    calls = []

    async def flaky(job):
        calls.append(job.attempts)
        if len(calls) <= 2:
            raise ApiError(-1, "system busy")

    await _job(sessions)
    worker = OutboxWorker(sessions, {"wechat_text": flaky}, Metrics())
    await worker.run_once()
    row = await _row(sessions)
    assert row.state == "pending" and row.last_error and row.next_attempt_at > utcnow()
    await _make_due(sessions)
    await worker.run_once()
    await _make_due(sessions)
    await worker.run_once()
    assert calls == [1, 2, 3]
    assert (await _row(sessions)).state == "sent"


async def test_repeated_failure_becomes_a_dead_letter(sessions):
    async def failing(job):
        raise ApiError(-1, "system busy")

    await _job(sessions)
    worker = OutboxWorker(sessions, {"wechat_text": failing}, Metrics())
    for _ in range(MAX_ATTEMPTS):
        await _make_due(sessions)
        await worker.run_once()
    row = await _row(sessions)
    assert row.state == "dead" and row.attempts == MAX_ATTEMPTS and "busy" in row.last_error


async def test_permanent_errors_die_at_once_and_window_errors_are_held(sessions):
    async def bad_openid(job):
        raise ApiError(40003, "invalid openid")

    await _job(sessions)
    await OutboxWorker(sessions, {"wechat_text": bad_openid}, Metrics()).run_once()
    assert (await _row(sessions)).state == "dead"

    async with sessions() as session, session.begin():
        await session.execute(OutboxJob.__table__.delete())
    await _job(sessions)

    async def closed(job):
        raise ApiError(45015, "response out of time limit")

    await OutboxWorker(sessions, {"wechat_text": closed}, Metrics()).run_once()
    assert (await _row(sessions)).state == "held"


async def test_deferral_does_not_spend_an_attempt(sessions):
    async def later(job):
        raise Deferred(30, "rate limit")

    await _job(sessions, kind="wecom_robot", recipient="robot")
    await OutboxWorker(sessions, {"wecom_robot": later}, Metrics()).run_once()
    row = await _row(sessions)
    assert row.state == "pending" and row.attempts == 0
    assert row.next_attempt_at > utcnow() + timedelta(seconds=20)


async def test_unknown_kind_and_held_are_visible(sessions):
    async def hold(job):
        raise Held("window closed")

    await _job(sessions, kind="mystery")
    metrics = Metrics()
    await OutboxWorker(sessions, {"wechat_text": hold}, metrics).run_once()
    row = await _row(sessions)
    assert row.state == "dead" and "mystery" in row.last_error
    assert b'jingmin_outbox_jobs_total{kind="mystery",outcome="dead"} 1.0' in metrics.render()


async def test_one_recipients_jobs_go_out_in_order(sessions):
    order = []

    async def send(job):
        order.append(job.payload["text"])

    for i in range(5):
        await _job(sessions, text=str(i))
    await OutboxWorker(sessions, {"wechat_text": send}, Metrics()).run_once()
    assert order == ["0", "1", "2", "3", "4"]


async def _hung_worker(sessions, stop_grace_s):
    """A worker running, its one send started and never answered; the send's outcome."""
    started, ended = asyncio.Event(), []

    async def send(job):
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            ended.append(job.recipient)

    await _job(sessions)
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics(), stop_grace_s=stop_grace_s)
    running = asyncio.create_task(worker.run())
    await asyncio.wait_for(started.wait(), 5.0)
    return running, ended


async def _stopped(task, within_s):
    done, _ = await asyncio.wait({task}, timeout=within_s)
    return bool(done) and task.cancelled()


async def test_a_send_hung_past_the_grace_is_given_up_and_the_worker_stops(sessions):
    running, ended = await _hung_worker(sessions, stop_grace_s=0.2)
    running.cancel()
    assert await _stopped(running, 5.0)
    assert ended == ["o1"]
    # Its outcome is unknown: it stays claimed, and its lease running out sends it again.
    assert (await _row(sessions)).state == "sending"


async def test_stopped_again_while_finishing_the_worker_gives_its_sends_up_at_once(sessions):
    # The first stop gives sends in hand their grace; a second one (the server asked to
    # stop again) must not return and leave them running on a closing engine.
    running, ended = await _hung_worker(sessions, stop_grace_s=300)
    running.cancel()
    await asyncio.sleep(0.05)           # finishing its sends, within the grace
    assert not running.done()
    running.cancel()
    assert await _stopped(running, 5.0)
    assert ended == ["o1"]
