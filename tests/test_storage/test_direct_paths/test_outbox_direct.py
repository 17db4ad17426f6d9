"""The outbox's claim and finish on SQLite's connection directly (storage.delivery.
outbox_direct, storage.inline.transact): the same rows as SQLAlchemy's way, none of it
through SQLAlchemy's execution; SQLAlchemy's way where the path does not apply."""

from datetime import timedelta

from sqlalchemy import event, select

from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob


async def _add(sessions, recipient, text, priority=5):
    async with sessions() as session, session.begin():
        outbox.enqueue(session, "wechat_text", recipient, {"text": text}, priority=priority,
                       inbound_id=None)


async def test_a_claim_and_its_outcomes_run_on_sqlites_connection_with_the_same_rows(
        sessions, engine, db_url):
    await _add(sessions, "o-a", "一", priority=5)
    await _add(sessions, "o-b", "二", priority=0)
    await _add(sessions, "o-a", "三", priority=5)
    statements: list[str] = []

    def executed(*args):
        statements.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", executed)
    before = utcnow()
    async with sessions() as session:
        claimed = await outbox.claim(session, "w1", limit=2, lease=timedelta(seconds=40))
    assert [(job.recipient, job.payload, job.priority, job.attempts, job.reclaimed)
            for job in claimed] == [("o-b", {"text": "二"}, 0, 1, False),
                                    ("o-a", {"text": "一"}, 5, 1, False)]
    assert all(job.created_at.tzinfo is not None and job.created_at <= before
               for job in claimed)
    async with sessions() as session:
        assert await outbox.finish(session, claimed[0].id, "w1", "sent")
        assert not await outbox.finish(session, claimed[1].id, "w2", "dead", error="x")
        assert await outbox.finish(session, claimed[1].id, "w1", "pending", error="e" * 3000,
                                   retry_at=before + timedelta(seconds=5), refund_attempt=True)
    event.remove(engine.sync_engine, "before_cursor_execute", executed)
    if db_url.startswith("sqlite"):
        assert [s for s in statements if "outbox_jobs" in s] == []
    async with sessions() as session:
        rows = {row.id: row for row in await session.scalars(select(OutboxJob))}
    sent, retried = rows[claimed[0].id], rows[claimed[1].id]
    assert (sent.state, sent.claimed_by, sent.lease_until, sent.attempts) == ("sent", None,
                                                                            None, 1)
    assert before <= sent.sent_at <= utcnow()
    assert (retried.state, retried.claimed_by, retried.attempts, len(retried.last_error),
            retried.next_attempt_at, retried.sent_at) == (
        "pending", None, 0, 2000, before + timedelta(seconds=5), None)
    [third] = [row for row in rows.values() if "三" in row.payload]
    assert third.state == "pending" and third.claimed_by is None


async def test_a_claim_holds_each_job_until_its_lease_ends(sessions):
    await _add(sessions, "o-a", "一")
    now = utcnow()
    async with sessions() as session:
        [job] = await outbox.claim(session, "w1", limit=4, lease=timedelta(seconds=40))
    async with sessions() as session:
        assert await outbox.claim(session, "w2", limit=4) == []
        row = await session.get(OutboxJob, job.id)
    assert (row.state, row.claimed_by, row.attempts) == ("sending", "w1", 1)
    assert now + timedelta(seconds=39) < row.lease_until <= utcnow() + timedelta(seconds=40)
