"""Delivery guarantees end to end: the real worker and clients against the fake Tencent."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import timedelta

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from bot.app import create_app
from bot.delivery.outbox import MAX_ATTEMPTS, OutboxWorker
from bot.delivery.senders import ROBOT_LEASE, build_senders, wecom_robot
from bot.delivery.wecom_api import RobotRateLimiter, make_wecom_robot
from bot.metrics import Metrics
from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from storage.delivery.tokens import TokenStore
from storage.intake.models import InboundMessage
from tests.helpers import outbox_rows

TIMEOUT = 0.5  # the clients' timeout in these tests: a fake delay of 1 s is a timeout


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def senders(tencent_config, http, sessions):
    return build_senders(tencent_config, http, sessions, timeout=TIMEOUT)


@pytest.fixture
def worker(senders, sessions):
    return OutboxWorker(sessions, senders, Metrics(), name="w-test")


async def _resident_wrote(sessions, openid, *, ago=timedelta(minutes=1)):
    """An inbound message from `openid`: it opens the customer-service window."""
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key=f"msg:{openid}:{utcnow()}",
                                   openid=openid, msg_type="text", content="你好",
                                   received_at=utcnow() - ago))


async def _enqueue(sessions, recipient, text, *, kind="wechat_text", priority=5):
    async with sessions() as session, session.begin():
        job = outbox.enqueue(session, kind, recipient, {"text": text}, priority=priority)
    return job.id


async def _job(sessions, job_id) -> OutboxJob:
    async with sessions() as session:
        return await session.get(OutboxJob, job_id)


async def _make_due(sessions):
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                              .values(next_attempt_at=utcnow()))


def _texts(fake, endpoint="custom_send"):
    return [call.body["text"]["content"] for call in fake.delivered(endpoint)]


# --- failures, timeouts, tokens --------------------------------------------------------------

@pytest.mark.parametrize("fault", [{"errcode": -1}, {"status": 500}])
async def test_two_failures_then_exactly_one_delivery(fault, worker, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-flaky")
    job_id = await _enqueue(sessions, "o-flaky", "已受理")
    fake_tencent.fail("custom_send", times=2, **fault)
    for attempt in (1, 2):
        assert await worker.run_once() == 1
        row = await _job(sessions, job_id)
        assert (row.state, row.attempts) == ("pending", attempt)
        assert row.last_error and row.next_attempt_at > utcnow()  # backed off, not due
        assert await worker.run_once() == 0
        await _make_due(sessions)
    assert await worker.run_once() == 1
    row = await _job(sessions, job_id)
    assert (row.state, row.attempts) == ("sent", 3) and row.sent_at is not None
    assert len(fake_tencent.calls_to("custom_send")) == 3
    assert _texts(fake_tencent) == ["已受理"]


async def test_timeout_is_retried_then_delivered(worker, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-slow")
    job_id = await _enqueue(sessions, "o-slow", "稍等")
    fake_tencent.fail("custom_send", delay=TIMEOUT * 2)
    started = asyncio.get_running_loop().time()
    await worker.run_once()
    assert asyncio.get_running_loop().time() - started < TIMEOUT * 2
    row = await _job(sessions, job_id)
    assert row.state == "pending" and "timeout" in row.last_error
    await _make_due(sessions)
    await worker.run_once()
    assert (await _job(sessions, job_id)).state == "sent"
    assert _texts(fake_tencent) == ["稍等"]


async def test_one_42001_refetches_the_token_and_delivers(worker, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-token")
    await worker.run_once()  # nothing due; the token is fetched on the first send
    job_id = await _enqueue(sessions, "o-token", "一")
    await worker.run_once()
    first_token = fake_tencent.wechat_token
    fake_tencent.fail("custom_send", 42001)
    job_id = await _enqueue(sessions, "o-token", "二")
    assert await worker.run_once() == 1
    assert (await _job(sessions, job_id)).state == "sent"
    assert fake_tencent.wechat_token != first_token
    assert len(fake_tencent.calls_to("stable_token")) == 2
    assert _texts(fake_tencent) == ["一", "二"]
    assert fake_tencent.delivered()[-1].query["access_token"] == fake_tencent.wechat_token


async def test_permanent_42001_storm_is_bounded_then_dead(worker, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-storm")
    job_id = await _enqueue(sessions, "o-storm", "风暴")
    fake_tencent.token_storm(always=True)
    await worker.run_once()
    row = await _job(sessions, job_id)
    assert row.state == "pending" and "42001" in row.last_error
    # One call, one re-fetch (forced when the same token comes back), one more call.
    assert len(fake_tencent.calls_to("custom_send")) == 2
    assert len(fake_tencent.calls_to("stable_token")) <= 3
    for _ in range(MAX_ATTEMPTS - 1):
        await _make_due(sessions)
        await worker.run_once()
    row = await _job(sessions, job_id)
    assert (row.state, row.attempts) == ("dead", MAX_ATTEMPTS)
    assert len(fake_tencent.calls_to("custom_send")) == 2 * MAX_ATTEMPTS
    assert len(fake_tencent.calls_to("stable_token")) <= 2 * MAX_ATTEMPTS + 1
    assert fake_tencent.delivered() == []


# --- the customer-service window -----------------------------------------------------------

@pytest.mark.parametrize("errcode", [45015, 45047])
async def test_window_errors_hold_the_job(errcode, worker, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-held")
    job_id = await _enqueue(sessions, "o-held", "通知")
    fake_tencent.openid_error("o-held", errcode)
    await worker.run_once()
    row = await _job(sessions, job_id)
    assert row.state == "held" and str(errcode) in row.last_error
    await _make_due(sessions)
    assert await worker.run_once() == 0  # held jobs are not retried by the worker
    assert len(fake_tencent.calls_to("custom_send")) == 1


async def test_closed_window_holds_without_calling_tencent(worker, sessions, fake_tencent):
    job_never = await _enqueue(sessions, "o-silent", "从未来信")
    await _resident_wrote(sessions, "o-old", ago=timedelta(hours=49))
    job_old = await _enqueue(sessions, "o-old", "两天前来信")
    await worker.run_once()
    for job_id in (job_never, job_old):
        row = await _job(sessions, job_id)
        assert row.state == "held" and "48" in row.last_error
    assert fake_tencent.calls == []


async def test_sixth_message_is_held_until_the_resident_writes(worker, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-quota")
    ids = [await _enqueue(sessions, "o-quota", f"第{i}条") for i in range(1, 7)]
    await worker.run_once()
    states = [(await _job(sessions, job_id)).state for job_id in ids]
    assert states == ["sent"] * 5 + ["held"]
    assert "quota" in (await _job(sessions, ids[-1])).last_error
    assert _texts(fake_tencent) == [f"第{i}条" for i in range(1, 6)]
    # A later job is held too, without a call.
    later = await _enqueue(sessions, "o-quota", "第7条")
    await worker.run_once()
    assert (await _job(sessions, later)).state == "held"
    assert len(fake_tencent.calls_to("custom_send")) == 5
    # The resident writes again: the window and the quota start afresh.
    await _resident_wrote(sessions, "o-quota", ago=timedelta(0))
    again = await _enqueue(sessions, "o-quota", "新窗口")
    await worker.run_once()
    assert (await _job(sessions, again)).state == "sent"
    assert _texts(fake_tencent)[-1] == "新窗口"


# --- the group robot -------------------------------------------------------------------------

async def test_robot_rate_limit_defers_routine_and_lets_emergencies_first(
        tencent_config, http, sessions, fake_tencent):
    clock = FakeClock()
    fake_tencent.clock = clock  # the fake robot's own 20-a-minute limit, on the same clock
    senders = build_senders(tencent_config, http, sessions, timeout=TIMEOUT)
    senders["wecom_robot"] = wecom_robot(
        make_wecom_robot(tencent_config, http, sessions, timeout=TIMEOUT),
        RobotRateLimiter(clock=clock), TokenStore(sessions))
    worker = OutboxWorker(sessions, senders, Metrics(), name="w-robot")
    routine = [await _enqueue(sessions, "robot", f"例行{i}", kind="wecom_robot")
               for i in range(25)]
    while await worker.run_once():
        pass
    assert _texts_robot(fake_tencent) == [f"例行{i}" for i in range(15)]
    waiting = [await _job(sessions, job_id) for job_id in routine[15:]]
    assert all(row.state == "pending" and row.attempts == 0 for row in waiting)
    assert all(row.next_attempt_at > utcnow() for row in waiting)

    # An emergency enqueued after them goes out first, even when they are all due again.
    await _make_due(sessions)
    urgent = await _enqueue(sessions, "robot", "紧急警情", kind="wecom_robot",
                            priority=outbox.PRIORITY_EMERGENCY)
    await worker.run_once()
    assert (await _job(sessions, urgent)).state == "sent"
    assert _texts_robot(fake_tencent)[15:] == ["紧急警情"]
    assert [row.state for row in await outbox_rows(sessions, "robot")].count("pending") == 10

    clock.now += 61  # a minute later the deferred routine alerts go out, in order
    await _make_due(sessions)
    while await worker.run_once():
        pass
    assert _texts_robot(fake_tencent)[16:] == [f"例行{i}" for i in range(15, 25)]
    rows = await outbox_rows(sessions, "robot")
    assert all(row.state == "sent" and row.attempts == 1 for row in rows)
    assert not [c for c in fake_tencent.calls_to("robot_send") if not c.ok]
    assert await TokenStore(sessions).holder(ROBOT_LEASE) is not None


def _texts_robot(fake):
    return [call.body["text"]["content"] for call in fake.delivered("robot_send")]


# --- several workers, restarts ---------------------------------------------------------------

async def _drain(worker):
    while await worker.run_once():
        pass


async def test_two_workers_on_one_database_send_each_job_once(
        tencent_config, http, sessions, db_url, fake_tencent):
    residents = [f"o-many-{i}" for i in range(25)]
    for openid in residents:
        await _resident_wrote(sessions, openid)
    async with sessions() as session, session.begin():
        for n in range(4):
            for openid in residents:
                outbox.enqueue(session, "wechat_text", openid, {"text": f"{openid}#{n}"})
    if db_url.startswith("sqlite"):
        # SQLite deployments run one instance (one claimer by design).
        await _drain(OutboxWorker(sessions, build_senders(tencent_config, http, sessions),
                                  Metrics(), name="only", batch=7))
    else:
        other_engine = create_engine(db_url)
        try:
            other = session_factory(other_engine)
            workers = [
                OutboxWorker(sessions, build_senders(tencent_config, http, sessions),
                             Metrics(), name="w1", batch=7),
                OutboxWorker(other, build_senders(tencent_config, http, other),
                             Metrics(), name="w2", batch=7),
            ]
            await asyncio.gather(*(_drain(w) for w in workers))
            await asyncio.gather(*(_drain(w) for w in workers))  # one claimed the rest last
        finally:
            await other_engine.dispose()
    sent = Counter(_texts(fake_tencent))
    assert len(sent) == 100 and set(sent.values()) == {1}
    assert len(fake_tencent.calls_to("custom_send")) == 100
    rows = await outbox_rows(sessions)
    assert {row.state for row in rows} == {"sent"} and {row.attempts for row in rows} == {1}
    if not db_url.startswith("sqlite"):
        assert {row.claimed_by for row in rows} == {None}
        # The token was fetched once for both instances (shared through the database).
        assert len(fake_tencent.calls_to("stable_token")) == 1
    for openid in residents:  # each resident's messages arrived in order
        assert [t for t in _texts(fake_tencent) if t.startswith(f"{openid}#")] == [
            f"{openid}#{n}" for n in range(4)]


async def test_job_of_a_dead_instance_is_sent_after_its_lease(worker, sessions, fake_tencent,
                                                              caplog):
    await _resident_wrote(sessions, "o-lease")
    job_id = await _enqueue(sessions, "o-lease", "断电后")
    async with sessions() as session:
        [claimed] = await outbox.claim(session, "killed-instance", limit=1)
    assert await worker.run_once() == 0  # its lease still runs: nobody else touches it
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    with caplog.at_level(logging.WARNING, logger="bot.outbox"):
        assert await worker.run_once() == 1
    row = await _job(sessions, job_id)
    assert (row.state, row.attempts, row.claimed_by) == ("sent", 2, None)
    assert _texts(fake_tencent) == ["断电后"]
    assert b'jingmin_outbox_jobs_total{kind="wechat_text",outcome="reclaimed"} 1.0' in (
        worker._metrics.render())
    assert "duplicate send is possible" in caplog.text
    async with sessions() as session:  # the dead instance's late outcome is refused
        assert not await outbox.finish(session, claimed.id, "killed-instance", "pending")


async def test_crash_between_send_and_commit_is_a_counted_duplicate(
        worker, senders, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-dup")
    await _enqueue(sessions, "o-dup", "可能重复")
    async with sessions() as session:
        [claimed] = await outbox.claim(session, "crashing-instance", limit=1)
    await senders["wechat_text"](claimed)  # sent... and the process dies before finish()
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    await worker.run_once()
    assert _texts(fake_tencent) == ["可能重复", "可能重复"]
    assert b'outcome="reclaimed"} 1.0' in worker._metrics.render()


async def _wait_for(predicate, seconds=5.0):
    deadline = asyncio.get_running_loop().time() + seconds
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


async def test_job_pending_at_shutdown_is_sent_by_the_next_app(tencent_config, sessions,
                                                               fake_tencent):
    await _resident_wrote(sessions, "o-restart")
    async with TestClient(TestServer(create_app(tencent_config, run_workers=False))):
        job_id = await _enqueue(sessions, "o-restart", "重启前入队")
    assert fake_tencent.calls == [] and (await _job(sessions, job_id)).state == "pending"
    async with TestClient(TestServer(create_app(tencent_config))):
        await _wait_for_state(sessions, job_id, "sent")
    assert _texts(fake_tencent) == ["重启前入队"]


async def test_job_of_a_killed_app_is_sent_by_the_next_app(tencent_config, sessions,
                                                           fake_tencent):
    await _resident_wrote(sessions, "o-killed")
    job_id = await _enqueue(sessions, "o-killed", "在途")
    async with sessions() as session:  # claimed by an instance then killed with -9
        await outbox.claim(session, "killed-app", limit=1)
    async with sessions() as session, session.begin():  # ... whose lease has run out
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    async with TestClient(TestServer(create_app(tencent_config))) as client:
        await _wait_for_state(sessions, job_id, "sent")
        metrics = await (await client.get("/metrics")).text()
    assert 'jingmin_outbox_jobs_total{kind="wechat_text",outcome="reclaimed"} 1.0' in metrics
    assert _texts(fake_tencent) == ["在途"]


async def test_stopping_app_finishes_the_send_in_hand(tencent_config, sessions, fake_tencent):
    await _resident_wrote(sessions, "o-flight")
    fake_tencent.fail("custom_send", delay=0.5)  # still sending when the app is stopped
    job_id = await _enqueue(sessions, "o-flight", "停机时在途")
    async with TestClient(TestServer(create_app(tencent_config))):
        await _wait_for(lambda: fake_tencent.calls_to("custom_send"))
    # Its outcome was recorded before the app was gone: the next start does not resend it.
    assert (await _job(sessions, job_id)).state == "sent"
    async with TestClient(TestServer(create_app(tencent_config))) as client:
        await asyncio.sleep(0.3)
        metrics = await (await client.get("/metrics")).text()
    assert 'outcome="reclaimed"' not in metrics
    assert _texts(fake_tencent) == ["停机时在途"]
    assert len(fake_tencent.calls_to("custom_send")) == 1


async def _wait_for_state(sessions, job_id, state, seconds=5.0):
    deadline = asyncio.get_running_loop().time() + seconds
    while (await _job(sessions, job_id)).state != state:
        assert asyncio.get_running_loop().time() < deadline, f"job never became {state}"
        await asyncio.sleep(0.02)
