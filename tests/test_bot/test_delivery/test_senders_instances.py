"""Delivery guarantees end to end, the real worker and clients against the fake Tencent:
several workers on one database, dead instances' leases, and restarts of the app."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections import Counter
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from bot.app import create_app
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from handlers.channels.intake_core import RENEW_AFTER_S
from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from tests.helpers import outbox_rows
from tests.support.delivery import enqueue, load_job, resident_wrote, sent_texts

# --- several workers, restarts ---------------------------------------------------------------

async def _drain(worker):
    while await worker.run_once():
        pass


async def test_two_workers_on_one_database_send_each_job_once(
        tencent_config, http, sessions, db_url, fake_tencent):
    residents = [f"o-many-{i}" for i in range(25)]
    for openid in residents:
        await resident_wrote(sessions, openid)
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
    sent = Counter(sent_texts(fake_tencent))
    assert len(sent) == 100 and set(sent.values()) == {1}
    assert len(fake_tencent.calls_to("custom_send")) == 100
    rows = await outbox_rows(sessions)
    assert {row.state for row in rows} == {"sent"} and {row.attempts for row in rows} == {1}
    if not db_url.startswith("sqlite"):
        assert {row.claimed_by for row in rows} == {None}
        # The token was fetched once for both instances (shared through the database).
        assert len(fake_tencent.calls_to("stable_token")) == 1
    for openid in residents:  # each resident's messages arrived in order
        assert [t for t in sent_texts(fake_tencent) if t.startswith(f"{openid}#")] == [
            f"{openid}#{n}" for n in range(4)]


@pytest.mark.slow
async def test_a_send_slower_than_its_lease_is_delivered_once_with_two_workers(
        tencent_config, http, sessions, db_url, fake_tencent):
    # Tencent takes longer than a lease to answer (within a 12 s HTTP timeout). Another
    # instance's worker looks for due jobs all along; the holder's heartbeat renews the lease
    # as `lease_loop` does, so the other never takes the job.
    await resident_wrote(sessions, "o-slow")
    fake_tencent.fail("custom_send", delay=outbox.LEASE.total_seconds() + 1)
    job_id = await enqueue(sessions, "o-slow", "慢慢送达")
    other_engine = None if db_url.startswith("sqlite") else create_engine(db_url)
    other = sessions if other_engine is None else session_factory(other_engine)
    try:
        first, second = (OutboxWorker(s, build_senders(tencent_config, http, s, timeout=12),
                                      Metrics(), name=name, http_timeout_s=12)
                         for name, s in (("w1", sessions), ("w2", other)))
        sending = asyncio.create_task(first.run_once())
        await _wait_for(lambda: fake_tencent.calls_to("custom_send"))
        while not sending.done():
            await first.renew_leases(RENEW_AFTER_S)
            assert await second.run_once() == 0
            await asyncio.sleep(0.5)
        assert await sending == 1
        assert await second.run_once() == 0
    finally:
        if other_engine is not None:
            await other_engine.dispose()
    assert sent_texts(fake_tencent) == ["慢慢送达"]
    assert len(fake_tencent.calls_to("custom_send")) == 1
    row = await load_job(sessions, job_id)
    assert (row.state, row.attempts) == ("sent", 1)


async def test_job_of_a_dead_instance_is_sent_after_its_lease(worker, sessions, fake_tencent,
                                                              caplog):
    await resident_wrote(sessions, "o-lease")
    job_id = await enqueue(sessions, "o-lease", "断电后")
    async with sessions() as session:
        [claimed] = await outbox.claim(session, "killed-instance", limit=1)
    assert await worker.run_once() == 0  # its lease still runs: nobody else touches it
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    with caplog.at_level(logging.WARNING, logger="bot.outbox"):
        assert await worker.run_once() == 1
    row = await load_job(sessions, job_id)
    assert (row.state, row.attempts, row.claimed_by) == ("sent", 2, None)
    assert sent_texts(fake_tencent) == ["断电后"]
    assert b'jingmin_outbox_jobs_total{kind="wechat_text",outcome="reclaimed"} 1.0' in (
        worker._metrics.render())
    assert "duplicate send is possible" in caplog.text
    async with sessions() as session:  # the dead instance's late outcome is refused
        assert not await outbox.finish(session, claimed.id, "killed-instance", "pending")


async def test_crash_between_send_and_commit_is_a_counted_duplicate(
        worker, senders, sessions, fake_tencent):
    await resident_wrote(sessions, "o-dup")
    await enqueue(sessions, "o-dup", "可能重复")
    async with sessions() as session:
        [claimed] = await outbox.claim(session, "crashing-instance", limit=1)
    await senders["wechat_text"](claimed)  # sent... and the process dies before finish()
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    await worker.run_once()
    assert sent_texts(fake_tencent) == ["可能重复", "可能重复"]
    assert b'outcome="reclaimed"} 1.0' in worker._metrics.render()


async def _wait_for(predicate, seconds=5.0):
    deadline = asyncio.get_running_loop().time() + seconds
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


async def test_job_pending_at_shutdown_is_sent_by_the_next_app(tencent_config, sessions,
                                                               fake_tencent):
    await resident_wrote(sessions, "o-restart")
    async with TestClient(TestServer(create_app(tencent_config, run_workers=False))):
        job_id = await enqueue(sessions, "o-restart", "重启前入队")
    assert fake_tencent.calls == [] and (await load_job(sessions, job_id)).state == "pending"
    async with TestClient(TestServer(create_app(tencent_config))):
        await _wait_for_state(sessions, job_id, "sent")
    assert sent_texts(fake_tencent) == ["重启前入队"]


async def test_job_of_a_killed_app_is_sent_by_the_next_app(tencent_config, sessions,
                                                           fake_tencent):
    await resident_wrote(sessions, "o-killed")
    job_id = await enqueue(sessions, "o-killed", "在途")
    async with sessions() as session:  # claimed by an instance then killed with -9
        await outbox.claim(session, "killed-app", limit=1)
    async with sessions() as session, session.begin():  # ... whose lease has run out
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    async with TestClient(TestServer(create_app(tencent_config))) as client:
        await _wait_for_state(sessions, job_id, "sent")
        metrics = await (await client.get("/metrics")).text()
    assert 'jingmin_outbox_jobs_total{kind="wechat_text",outcome="reclaimed"} 1.0' in metrics
    assert sent_texts(fake_tencent) == ["在途"]


async def test_stopping_app_finishes_the_send_in_hand(tencent_config, sessions, fake_tencent):
    await resident_wrote(sessions, "o-flight")
    fake_tencent.fail("custom_send", delay=0.5)  # still sending when the app is stopped
    job_id = await enqueue(sessions, "o-flight", "停机时在途")
    async with TestClient(TestServer(create_app(tencent_config))):
        await _wait_for(lambda: fake_tencent.calls_to("custom_send"))
    # Its outcome was recorded before the app was gone: the next start does not resend it.
    assert (await load_job(sessions, job_id)).state == "sent"
    async with TestClient(TestServer(create_app(tencent_config))) as client:
        await asyncio.sleep(0.3)
        metrics = await (await client.get("/metrics")).text()
    assert 'outcome="reclaimed"' not in metrics
    assert sent_texts(fake_tencent) == ["停机时在途"]
    assert len(fake_tencent.calls_to("custom_send")) == 1


async def _wait_for_state(sessions, job_id, state, seconds=5.0):
    deadline = asyncio.get_running_loop().time() + seconds
    while (await load_job(sessions, job_id)).state != state:
        assert asyncio.get_running_loop().time() < deadline, f"job never became {state}"
        await asyncio.sleep(0.02)


async def test_the_app_sends_no_more_at_once_than_the_overflow_leaves_it(
        tencent_config, sessions, fake_tencent):
    # Handlers take the pool; the outbox sends with max_overflow - 2 connections (here 2),
    # so a burst of late replies cannot take the connections residents' pushes wait for.
    config = dataclasses.replace(tencent_config, database=dataclasses.replace(
        tencent_config.database, max_overflow=4))
    residents = [f"o-wide-{i}" for i in range(6)]
    for openid in residents:
        await resident_wrote(sessions, openid)
    fake_tencent.storm("custom_send", delay=0.3, seconds=30)    # slow, then answered
    async with sessions() as session, session.begin():
        for openid in residents:
            outbox.enqueue(session, "wechat_text", openid, {"text": openid})
    async with TestClient(TestServer(create_app(config))):
        for _ in range(100):
            if len(fake_tencent.delivered()) == len(residents):
                break
            await asyncio.sleep(0.1)
    calls = fake_tencent.calls_to("custom_send")
    assert sorted(sent_texts(fake_tencent)) == sorted(residents)
    at_once = max(sum(1 for other in calls if other.at <= call.at < other.ended_at)
                  for call in calls)
    assert at_once == 2


async def test_a_live_worker_renews_its_lease_and_holds_a_residents_later_replies(
        sessions, db_url):
    # A send that takes long keeps its job: the worker renews the lease (the app's heartbeat
    # calls renew_leases), and another instance's outbox leaves the resident's later reply
    # alone meanwhile. A dead worker renews nothing: its lease, short, soon runs out.
    release, sent = asyncio.Event(), []

    async def send(job):
        if job.payload["text"] == "first":
            await release.wait()
        sent.append(job.payload["text"])

    async with sessions() as session, session.begin():
        for text in ("first", "second"):
            outbox.enqueue(session, "wechat_text", "o-a", {"text": text})
    worker = OutboxWorker(sessions, {"wechat_text": send}, Metrics(), name="w1", batch=1)
    sending = asyncio.create_task(worker.run_once())
    await _wait_for(lambda: worker._leases)
    [first_id] = worker._leases
    claimed_until = (await load_job(sessions, first_id)).lease_until
    assert claimed_until - utcnow() <= outbox.LEASE
    assert await worker.renew_leases(after_s=60.0) == 0     # held for too short a time
    await asyncio.sleep(0.05)
    assert await worker.renew_leases(after_s=0.0) == 1
    assert (await load_job(sessions, first_id)).lease_until > claimed_until
    if not db_url.startswith("sqlite"):   # SQLite deployments run one claimer
        async with sessions() as session:
            assert await outbox.claim(session, "w2", limit=10) == []
    release.set()
    assert await sending == 1
    assert worker._leases == {}
    assert await worker.run_once() == 1
    assert sent == ["first", "second"]
