"""Outbox claims: due jobs only, most urgent first, never held by two workers at once."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from storage.intake import window


async def _add(sessions, n, **kwargs):
    async with sessions() as session, session.begin():
        for i in range(n):
            outbox.enqueue(session, kwargs.get("kind", "wechat_text"), f"o{i}",
                           {"text": f"t{i}"}, priority=kwargs.get("priority", 5),
                           due=kwargs.get("due"))


async def test_claims_due_jobs_most_urgent_first(sessions):
    await _add(sessions, 2, priority=5)
    await _add(sessions, 1, priority=0)
    await _add(sessions, 1, due=utcnow() + timedelta(hours=1))
    async with sessions() as session:
        claimed = await outbox.claim(session, "w1", limit=10)
    assert [job.priority for job in claimed] == [0, 5, 5]
    assert all(job.attempts == 1 and not job.reclaimed for job in claimed)
    async with sessions() as session:
        again = await outbox.claim(session, "w2", limit=10)
    assert again == []


async def test_expired_lease_is_reclaimed_and_flagged(sessions):
    await _add(sessions, 1)
    async with sessions() as session:
        [job] = await outbox.claim(session, "dead-instance", limit=1)
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    async with sessions() as session:
        [again] = await outbox.claim(session, "w2", limit=1)
    assert again.id == job.id and again.reclaimed and again.attempts == 2
    async with sessions() as session:
        # The dead instance's late failure is ignored: the lease is no longer its own.
        assert not await outbox.finish(session, job.id, "dead-instance", "pending")
    async with sessions() as session:
        assert await outbox.finish(session, job.id, "w2", "sent")
    async with sessions() as session:
        row = await session.scalar(select(OutboxJob))
    assert row.state == "sent" and row.sent_at is not None and row.claimed_by is None


async def test_a_send_recorded_after_its_lease_ran_out_is_seen_by_the_next_claimer(sessions):
    # A holder slower than its lease (a stalled event loop) did send: that is recorded, and
    # the worker that claimed the job since finds it no longer its own before sending it.
    await _add(sessions, 1)
    async with sessions() as session:
        [job] = await outbox.claim(session, "slow-instance", limit=1)
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(lease_until=utcnow() - timedelta(seconds=1)))
    async with sessions() as session:
        [again] = await outbox.claim(session, "w2", limit=1)
    async with sessions() as session:
        assert await outbox.is_held(session, again.id, "w2")
        assert not await outbox.is_held(session, again.id, "slow-instance")
    async with sessions() as session:
        assert await outbox.finish(session, job.id, "slow-instance", "sent")
    async with sessions() as session:
        assert not await outbox.is_held(session, again.id, "w2")
    async with sessions() as session:   # w2's own outcome comes too late to change it
        assert not await outbox.finish(session, again.id, "w2", "pending")
        row = await session.scalar(select(OutboxJob))
    assert (row.state, row.claimed_by, row.attempts) == ("sent", None, 2)


async def test_concurrent_claimers_never_share_a_job(engine, sessions, db_url):
    await _add(sessions, 60)
    seen: list[int] = []

    async def claimer(name):
        while True:
            async with sessions() as session:
                jobs = await outbox.claim(session, name, limit=7)
            if not jobs:
                return
            seen.extend(job.id for job in jobs)

    if db_url.startswith("sqlite"):
        await claimer("only")  # SQLite deployments run a single claimer
    else:
        await asyncio.gather(*(claimer(f"w{i}") for i in range(4)))
    assert len(seen) == 60 and len(set(seen)) == 60


async def test_window_counts_messages_sent_since_the_residents_last_message(sessions):
    from storage.intake.models import InboundMessage

    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key="msg:1", openid="o1",
                                   msg_type="text", received_at=utcnow() - timedelta(hours=1)))
        for i in range(3):
            job = outbox.enqueue(session, "wechat_text", "o1", {"text": str(i)})
            job.state, job.sent_at = "sent", utcnow()
    async with sessions() as session:
        last, used = await window.customer_service_window(session, "o1")
        assert last is not None and used == 3
        assert await window.customer_service_window(session, "nobody") == (None, 0)


async def test_two_claimers_with_their_own_engines_never_share_a_job(sessions, db_url):
    # Two instances on one database; on SQLite the driver reads outside the write
    # transaction, so only the compare-and-set in claim() keeps them apart.
    from storage.db import create_engine, session_factory

    await _add(sessions, 120)
    engines = [create_engine(db_url) for _ in range(2)]
    seen: list[int] = []

    async def claimer(factory, name):
        while True:
            async with factory() as session:
                jobs = await outbox.claim(session, name, limit=5)
            if not jobs:
                return
            seen.extend(job.id for job in jobs)

    try:
        await asyncio.gather(*(claimer(session_factory(e), f"w{i}")
                               for i, e in enumerate(engines)))
    finally:
        for e in engines:
            await e.dispose()
    assert len(seen) == 120 and len(set(seen)) == 120


async def test_a_residents_later_reply_waits_while_another_worker_claims_the_first(
        sessions, db_url):
    # Two instances on PostgreSQL: one is claiming o-a's first reply (its row locked, the
    # claim not yet committed) when the other claims; SKIP LOCKED passes over that row, and
    # the second reply must not go out ahead of it from the other instance.
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite deployments run one claimer")
    from storage.db import create_engine, session_factory

    async with sessions() as session, session.begin():
        for openid, text in (("o-a", "first"), ("o-a", "second"), ("o-b", "other")):
            outbox.enqueue(session, "wechat_text", openid, {"text": text})
    other = create_engine(db_url)
    try:
        async with session_factory(other)() as holder, holder.begin():
            first = await holder.scalar(
                select(OutboxJob).where(OutboxJob.recipient == "o-a")
                .order_by(OutboxJob.id).limit(1).with_for_update())
            async with sessions() as session:
                claimed = await outbox.claim(session, "w2", limit=10)
            assert [job.payload["text"] for job in claimed] == ["other"]
            first.state, first.claimed_by = "sending", "w1"
            first.lease_until = utcnow() + timedelta(seconds=60)
        async with sessions() as session:   # o-a's first is in w1's hand now
            assert await outbox.claim(session, "w2", limit=10) == []
        async with sessions() as session:
            assert await outbox.finish(session, first.id, "w1", "sent")
        async with sessions() as session:
            [second] = await outbox.claim(session, "w2", limit=10)
        assert second.payload["text"] == "second"
    finally:
        await other.dispose()


async def test_a_residents_later_reply_waits_for_a_live_holder_only(sessions, db_url):
    # o-a's first reply is in another worker's hand: its later one waits while that lease
    # runs (renewed by a live worker), and once it ran out (the worker died) both go out
    # from here, the first one again and first.
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite deployments run one claimer")
    async with sessions() as session, session.begin():
        for text in ("first", "second"):
            outbox.enqueue(session, "wechat_text", "o-a", {"text": text})
    async with sessions() as session:
        [first] = await outbox.claim(session, "w1", limit=1, lease=timedelta(seconds=2))
    async with sessions() as session:
        assert await outbox.claim(session, "w2", limit=10) == []
    async with sessions() as session:   # w1 is alive: it renews its lease
        assert await outbox.renew(session, [first.id], "w1", utcnow() - timedelta(seconds=1)) == 1
    async with sessions() as session:   # ... and then it died: its lease ran out
        claimed = await outbox.claim(session, "w2", limit=10)
    assert [(job.payload["text"], job.reclaimed) for job in claimed] == [
        ("first", True), ("second", False)]
    async with sessions() as session:   # a renewal of the dead worker's changes nothing
        assert await outbox.renew(session, [first.id], "w1", utcnow()) == 0


async def test_a_queued_job_is_the_row_enqueue_writes_and_wakes_the_workers(sessions):
    woken: list[str] = []
    unsubscribe = outbox.subscribe(lambda: woken.append("now"))
    try:
        async with sessions() as session, session.begin():
            outbox.enqueue(session, "wecom_app", "officer-1", {"text": "警情"}, priority=0)
            outbox.queue(session, "wecom_app", "officer-2", {"text": "警情"}, priority=0)
            outbox.queue(session, "wecom_app", "officer-3", {"text": "警情"}, priority=0)
        assert woken == ["now"]
        async with sessions() as session, session.begin():
            outbox.queue(session, "wecom_app", "officer-4", {"text": "警情"}, priority=0)
            await session.rollback()
        assert woken == ["now"]
    finally:
        unsubscribe()
    async with sessions() as session:
        jobs = list(await session.scalars(select(OutboxJob).order_by(OutboxJob.recipient)))
    columns = [c.key for c in OutboxJob.__table__.columns if c.key not in (
        "id", "recipient", "next_attempt_at", "created_at")]
    first, *queued = jobs
    assert [job.recipient for job in queued] == ["officer-2", "officer-3"]
    for job in queued:
        assert [getattr(job, c) for c in columns] == [getattr(first, c) for c in columns]
        assert job.next_attempt_at == job.created_at
    async with sessions() as session:
        claimed = await outbox.claim(session, "w1", limit=10)
    # Due as enqueue's are: claimable at once.
    assert sorted(job.recipient for job in claimed) == ["officer-1", "officer-2", "officer-3"]
