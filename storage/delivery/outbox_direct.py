"""The outbox's claim on SQLite's connection directly: one trip to SQLite's thread, no
SQLAlchemy execution.

A claim through the session was a checkout of the connection, three or four greenlets,
SQLAlchemy's execution of a SELECT and of one UPDATE a job, and an ORM object a job read.
Here the same statements (the due jobs most urgent first; each claimed only if its state
and attempts are still those read), compiled once by SQLAlchemy from the table's metadata
(storage.inline.sql_of: the same SQL, values converted by the columns' types), run with the
commit in one trip to SQLite's thread (storage.inline.trip: the SELECT may read many rows of
a backlog, never in the loop's thread), while the pool holds the connection unused: nothing
of ours runs on it meanwhile (a session that takes it sends its statements to the same
thread, after ours). Anything else (a claim of some kinds only, or of more jobs than one
trip takes, the connection busy, a transaction open or asked FULL) goes SQLAlchemy's way
(storage.delivery.outbox), as on PostgreSQL.
"""

from __future__ import annotations

import collections
import functools
import sqlite3
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, Update, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import inline
from storage.base import UtcDateTime
from storage.compiled import read_row
from storage.delivery.models import OutboxJob
from storage.delivery.outbox_claims import Claimed, claimed, due

# What a claim reads of a job (storage.delivery.outbox_claims.claimed).
_Row = collections.namedtuple(
    "_Row", "id kind recipient payload priority attempts created_at inbound_id state")
_TABLE = OutboxJob.__table__


@functools.cache
def _claiming() -> tuple[Select[Any], Update]:
    """The claim's SELECT (parameters `now`, `limit`) and its UPDATE of one job read
    (`job_id`, `old_state`, `old_attempts`, `worker`, `until`, `now`), as
    storage.delivery.outbox runs them through the session. Built once: each statement built
    is compiled and kept once (storage.inline.sql_of), so the limit is a parameter."""
    now, table = bindparam("now", type_=UtcDateTime), _TABLE
    reading = (select(*(table.c[name] for name in _Row._fields)).where(due(table.c, now))
               .order_by(table.c.priority, table.c.next_attempt_at, table.c.id)
               .limit(bindparam("limit", type_=Integer)))
    claiming = (update(table)
                .where(table.c.id == bindparam("job_id"),
                       table.c.state == bindparam("old_state"),
                       table.c.attempts == bindparam("old_attempts"), due(table.c, now))
                .values(state="sending", claimed_by=bindparam("worker"),
                        lease_until=bindparam("until"), attempts=table.c.attempts + 1))
    return reading, claiming


# The columns the claim reads, in _Row's order.
_READ = tuple(_TABLE.c[name] for name in _Row._fields)


async def claim(session: AsyncSession, worker: str, limit: int, now: datetime,
                until: datetime) -> list[Claimed] | None:
    """Up to `limit` due jobs claimed by `worker` until `until`, committed; None, having
    done nothing, when this path does not apply."""
    if session.sync_session.in_transaction() or limit > inline.TRIP_ROWS:
        return None
    engine = session.bind
    dialect = engine.dialect
    reading, claiming = _claiming()
    found = inline.sql_of(dialect, reading, [{"now": now, "limit": limit}])
    fixed = {"worker": worker, "until": until, "now": now}
    if found is None or inline.sql_of(dialect, claiming, [
            {**fixed, "job_id": 0, "old_state": "", "old_attempts": 0}]) is None:
        return None
    select_sql, (select_values,) = found

    def converted(rows: list[tuple]) -> tuple[str, list[list]]:
        # In SQLite's thread: the UPDATE's values for the rows read (compiled above).
        return inline.sql_of(dialect, claiming, [
            {**fixed, "job_id": row[0], "old_state": row[8], "old_attempts": row[5]}
            for row in rows])

    rows = await inline.trip(engine, _claim_in, select_sql, select_values, converted,
                             sql=select_sql)
    if rows is inline.NOT_RUN:
        return None
    return [claimed(_Row(*read_row(dialect, _READ, row))) for row in rows]


def _claim_in(connection: sqlite3.Connection, select_sql: str, select_values: list,
              converted: Any) -> list[tuple]:
    """In SQLite's thread (storage.inline.trip: rolled back on anything raised): the due
    jobs read, each claimed if still as read, committed; the rows claimed."""
    rows = connection.execute(select_sql, select_values).fetchall()
    if not rows:
        return []
    update_sql, values = converted(rows)
    taken = []
    for row, row_values in zip(rows, values, strict=True):
        if connection.execute(update_sql, row_values).rowcount:
            taken.append(row)
    connection.commit()
    return taken
