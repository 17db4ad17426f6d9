"""The outbox: jobs to send, written in the transaction of the event that causes them.

Jobs move pending -> sending (claimed under a lease) -> sent, back to pending with a
back-off, dead after repeated failure, or held when WeChat's customer-service window is
closed (delivered later, e.g. as the passive reply to the resident's next message).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage import deferred, inline
from storage.base import utcnow
from storage.delivery import outbox_claims as claims
from storage.delivery import outbox_direct
from storage.delivery.models import OutboxJob
from storage.delivery.outbox_claims import Claimed

PRIORITY_EMERGENCY = 0
PRIORITY_REPLY = 3
PRIORITY_VERDICT = 4
PRIORITY_ROUTINE = 5

# A claimed job's lease; the worker renews it while the job is in hand (however long its send
# takes), so a job whose lease ran out lost its holder (a process that died, or one stalled
# past it) and is claimed again. Other workers hold a resident's later replies back only
# while an earlier one's lease runs. Short, so that a dead instance's replies go out soon.
LEASE = timedelta(seconds=10)

log = logging.getLogger(__name__)
# Called once a transaction that enqueued jobs has committed: the workers of this process
# wake at once instead of at their next poll (a late reply is owed within seconds).
_listeners: set[Callable[[], None]] = set()
_ENQUEUED = "outbox_enqueued"


def subscribe(listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` after each commit that enqueued jobs; returns the unsubscribe."""
    _listeners.add(listener)
    return lambda: _listeners.discard(listener)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.info.pop(_ENQUEUED, False):
        for listener in list(_listeners):
            try:
                listener()
            except Exception:  # a worker of a stopped event loop (tests): never fail a commit
                log.debug("outbox wake-up listener failed", exc_info=True)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_ENQUEUED, None)


def enqueue(session: AsyncSession, kind: str, recipient: str, payload: dict[str, Any], *,
            priority: int = PRIORITY_ROUTINE, inbound_id: int | None = None,
            due: datetime | None = None) -> OutboxJob:
    """Add a job to the session; it is sent once the surrounding transaction commits."""
    job = OutboxJob(kind=kind, recipient=recipient,
                    payload=json.dumps(payload, ensure_ascii=False), priority=priority,
                    inbound_id=inbound_id, next_attempt_at=due or utcnow(), state="pending",
                    attempts=0)
    session.add(job)
    session.info[_ENQUEUED] = True
    return job


_INSERT_JOB = insert(OutboxJob.__table__)


def queue(session: AsyncSession, kind: str, recipient: str, payload: dict[str, Any], *,
          priority: int = PRIORITY_ROUTINE) -> None:
    """As enqueue, for a job nobody reads back in this transaction (an alert): a row of a
    plain INSERT waiting with the transaction's other writes (storage.deferred), so the unit
    of work that opened an emergency has no ORM object to flush and may commit on SQLite's
    fast path (storage.inline). Its row is written before the ORM's flush of any job
    enqueue added in the same transaction (different recipients: the turn of one
    recipient's jobs is not at stake). Every column is given: a default computed in Python
    would send the statement SQLAlchemy's way."""
    now = utcnow()
    deferred.add(session, _INSERT_JOB, {
        "kind": kind, "recipient": recipient, "payload": json.dumps(payload, ensure_ascii=False),
        "priority": priority, "state": "pending", "attempts": 0, "next_attempt_at": now,
        "created_at": now}, batch=True)
    session.info[_ENQUEUED] = True


async def claim(session: AsyncSession, worker: str, *, limit: int = 16, lease: timedelta = LEASE,
                kinds: tuple[str, ...] | None = None,
                leased: dict[str, tuple[str, str]] | None = None) -> list[Claimed]:
    """Take up to `limit` due jobs, most urgent first, and commit the claim. `leased`: kinds
    one instance at a time sends (kind -> lease name, this worker's holder name), left alone
    while another holder's lease runs (PostgreSQL; SQLite has one instance).

    On PostgreSQL concurrent workers skip each other's rows (FOR UPDATE SKIP LOCKED): one
    statement reads and locks, one claims them all. On SQLite the driver runs the SELECT
    outside the write transaction, so two claimers could read the same rows: each row is
    claimed only if its state and attempts are still those read."""
    now = utcnow()
    if session.bind.dialect.name == "postgresql":
        query = claims.locking(limit, kinds, tuple(sorted((leased or {}).items())))
        async with session.begin():
            jobs = list(await session.scalars(query, {"now": now, "worker": worker}))
            if jobs:    # locked by this transaction: nobody changed them since
                await session.execute(
                    update(OutboxJob).where(OutboxJob.id.in_([job.id for job in jobs]))
                    .values(state="sending", claimed_by=worker, lease_until=now + lease,
                            attempts=OutboxJob.attempts + 1)
                    .execution_options(synchronize_session=False))
        return [claims.claimed(job) for job in jobs]
    if kinds is None:
        taken = await outbox_direct.claim(session, worker, limit, now, now + lease)
        if taken is not None:
            return taken
    due = claims.due(OutboxJob, now)
    async with session.begin():
        jobs = list(await session.scalars(claims.due_first(select(OutboxJob).where(due), limit,
                                                           kinds)))
        taken = []
        for job in jobs:
            result = await session.execute(
                update(OutboxJob)
                .where(OutboxJob.id == job.id, OutboxJob.state == job.state,
                       OutboxJob.attempts == job.attempts, due)
                .values(state="sending", claimed_by=worker, lease_until=now + lease,
                        attempts=job.attempts + 1)
                .execution_options(synchronize_session=False))
            if result.rowcount:     # else another claimer took it since it was read
                taken.append(claims.claimed(job))
    return taken


async def renew(session: AsyncSession, job_ids: list[int], worker: str, until: datetime) -> int:
    """Extend `worker`'s leases of jobs still in its hand; returns how many."""
    async with session.begin():
        result = await session.execute(
            update(OutboxJob)
            .where(OutboxJob.id.in_(job_ids), OutboxJob.claimed_by == worker,
                   OutboxJob.state == "sending")
            .values(lease_until=until)
            .execution_options(synchronize_session=False))
    return result.rowcount or 0


async def bring_forward(session: AsyncSession, kind: str, max_attempts: int) -> int:
    """Jobs of `kind` waiting out a back-off after at most `max_attempts` tries become due now
    (the API they failed on answers again); returns how many."""
    now = utcnow()
    async with session.begin():
        result = await session.execute(
            update(OutboxJob)
            .where(OutboxJob.state == "pending", OutboxJob.next_attempt_at > now,
                   OutboxJob.kind == kind, OutboxJob.attempts.between(1, max_attempts))
            .values(next_attempt_at=now)
            .execution_options(synchronize_session=False))
    return result.rowcount or 0


async def finish(session: AsyncSession, job_id: int, worker: str, state: str, *,
                 error: str | None = None, retry_at: datetime | None = None,
                 refund_attempt: bool = False) -> bool:
    """Record the outcome of a send; False if the lease was lost to another worker."""
    statement = claims.finishing(state == "sent", error is not None, retry_at is not None,
                                 refund_attempt)
    parameters = {"job_id": job_id, "new_state": state, "worker": worker, "sent_time": utcnow(),
                  "error": None if error is None else error[:2000], "retry_at": retry_at}
    if not session.sync_session.in_transaction():
        kept = await inline.transact(session.bind, statement, parameters)
        if kept is not None:
            return kept
    async with session.begin():
        result = await session.execute(statement, parameters)
    return bool(result.rowcount)


async def is_held(session: AsyncSession, job_id: int, worker: str) -> bool:
    """Whether `worker` still holds the job (not sent meanwhile by its previous holder)."""
    return bool(await session.scalar(select(func.count()).where(
        OutboxJob.id == job_id, OutboxJob.claimed_by == worker, OutboxJob.state == "sending")))


async def counts_by_state(session: AsyncSession) -> dict[str, int]:
    """Jobs per state, for metrics and the dashboard."""
    rows = await session.execute(select(OutboxJob.state, func.count()).group_by(OutboxJob.state))
    return {state: count for state, count in rows.all()}


async def held_for(session: AsyncSession, recipient: str, kind: str = "wechat_text",
                   limit: int = 5) -> list[OutboxJob]:
    """Messages to `recipient` that could not go out (window closed), oldest first."""
    return list(await session.scalars(
        select(OutboxJob).where(OutboxJob.recipient == recipient, OutboxJob.kind == kind,
                                OutboxJob.state == "held")
        .order_by(OutboxJob.id).limit(limit)))


async def held_recipients(session: AsyncSession, kind: str = "wechat_text") -> set[str]:
    """Everyone with held messages, to seed an in-memory index at start."""
    rows = await session.scalars(
        select(OutboxJob.recipient).where(OutboxJob.kind == kind, OutboxJob.state == "held")
        .distinct())
    return set(rows)


def delivered_passively(jobs: list[OutboxJob], at: datetime) -> None:
    """Held jobs that just went out inside a passive reply."""
    for job in jobs:
        job.state, job.sent_at = "sent", at
        job.last_error = "delivered as the passive reply to the resident's next message"


def release_held(session: AsyncSession, jobs: list[OutboxJob], at: datetime) -> None:
    """Held jobs sent again now (the resident wrote: WeChat's window is open again), as
    customer-service messages of their own; the commit wakes the outbox."""
    for job in jobs:
        job.state, job.next_attempt_at = "pending", at
        job.last_error = "released: the resident wrote again"
    if jobs:
        session.info[_ENQUEUED] = True


async def release_claims(session: AsyncSession) -> int:
    """Make jobs claimed by a process that died claimable at once (called at start-up where
    one instance owns the database, before this one claims anything); returns how many."""
    result = await session.execute(
        update(OutboxJob).where(OutboxJob.state == "sending")
        .values(lease_until=utcnow() - timedelta(seconds=1)))
    return result.rowcount or 0
