"""The outbox's claim and finish, as statements: which jobs are due, in what order, what a
worker holds once it claimed one, and a send's outcome recorded (storage.delivery.outbox
runs them, on SQLite through storage.delivery.outbox_direct and storage.inline)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Update,
    bindparam,
    exists,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import aliased

from storage.base import UtcDateTime
from storage.delivery.models import Lease, OutboxJob

OPEN_STATES = ("pending", "sending")


@dataclass(frozen=True)
class Claimed:
    """A job this worker now holds until `lease_until`."""

    id: int
    kind: str
    recipient: str
    payload: dict[str, Any]
    priority: int
    attempts: int
    created_at: datetime
    inbound_id: int | None
    reclaimed: bool          # its previous holder's lease ran out: it may have been sent


def claimed(job: Any) -> Claimed:
    """The job (an OutboxJob, or a row of the same names) as read before its claim, now held
    with one more attempt."""
    return Claimed(job.id, job.kind, job.recipient, json.loads(job.payload), job.priority,
                   job.attempts + 1, job.created_at, job.inbound_id, job.state == "sending")


def due(job: Any, now: Any) -> ColumnElement[bool]:
    """Due now: pending and its time come, or claimed by a holder whose lease ran out."""
    return or_((job.state == "pending") & (job.next_attempt_at <= now),
               (job.state == "sending") & (job.lease_until < now))


def due_first(query: Select[Any], limit: int, kinds: tuple[str, ...] | None) -> Select[Any]:
    """Most urgent first, of `kinds` only when given, at most `limit`."""
    query = query.order_by(OutboxJob.priority, OutboxJob.next_attempt_at, OutboxJob.id)
    return query.where(OutboxJob.kind.in_(kinds)).limit(limit) if kinds else query.limit(limit)


@functools.lru_cache(maxsize=32)
def locking(limit: int, kinds: tuple[str, ...] | None,
            leased: tuple[tuple[str, tuple[str, str]], ...]) -> Select[Any]:
    """PostgreSQL's claim as one statement, built once per worker (building it took longer
    than running it): the due rows, locked (FOR UPDATE SKIP LOCKED), of the `leased` kinds
    only while no other holder's lease runs, and each in its recipient's turn. Parameters
    `now` and `worker`."""
    now, worker = bindparam("now", type_=UtcDateTime), bindparam("worker", type_=String)
    query = due_first(select(OutboxJob).where(due(OutboxJob, now)), limit, kinds)
    for kind, (name, holder) in leased:
        held_elsewhere = exists().where(Lease.name == name, Lease.holder != holder,
                                        Lease.expires_at >= now)
        query = query.where((OutboxJob.kind != kind) | ~held_elsewhere)
    return _in_turn(query.with_for_update(skip_locked=True), worker, now)


def _in_turn(locking: Select[Any], worker: Any, now: Any) -> Select[Any]:
    """The rows `locking` locks, less those a job of their recipient comes before: one due
    (a dead holder's, its lease run out, included) or in the hand of another live worker
    (its lease renewed), other than the rows locked here: a resident's replies go out in
    order across instances. SKIP LOCKED passes over a row another worker is claiming right
    now, and that claim is not visible yet, so a row it skipped still reads as due and still
    comes before. One statement: the locked rows are a CTE (read twice, so PostgreSQL
    materializes it once) and the test a NOT EXISTS on the same table."""
    batch = locking.cte("batch")
    job, earlier = aliased(OutboxJob, batch), aliased(OutboxJob)
    held_alive = ((earlier.state == "sending") & (earlier.claimed_by != worker)
                  & (earlier.lease_until >= now))
    comes_before = exists().where(
        earlier.recipient == job.recipient, earlier.id.not_in(select(batch.c.id)),
        or_(due(earlier, now), held_alive),
        tuple_(earlier.priority, earlier.next_attempt_at, earlier.id)
        < tuple_(job.priority, job.next_attempt_at, job.id))
    return (select(job).where(~comes_before)
            .order_by(job.priority, job.next_attempt_at, job.id))


@functools.lru_cache(maxsize=16)
def finishing(sent: bool, error: bool, retry: bool, refund: bool) -> Update:
    """A send's outcome recorded, built once per shape: parameters `job_id`, `new_state`,
    `worker` (unless `sent`), `sent_time` (if `sent`), `error`, `retry_at` (if asked; none
    named as a column, which would add it to the SET). The job changes only while `worker`
    holds it; one `sent` even if another worker claimed it since (its lease ran out): that
    one sees it sent (storage.delivery.outbox.is_held)."""
    table = OutboxJob.__table__
    values: dict[str, Any] = {"state": bindparam("new_state", type_=String),
                              "lease_until": None, "claimed_by": None}
    if sent:
        values["sent_at"] = bindparam("sent_time", type_=UtcDateTime)
    if error:
        values["last_error"] = bindparam("error", type_=String)
    if retry:
        values["next_attempt_at"] = bindparam("retry_at", type_=UtcDateTime)
    if refund:
        values["attempts"] = table.c.attempts - 1
    held = (table.c.claimed_by == bindparam("worker", type_=String)) & (table.c.state == "sending")
    if sent:
        held = or_(*(table.c.state == state for state in OPEN_STATES))
    return update(table).where(table.c.id == bindparam("job_id"), held).values(values)
