"""The outbox's claim on SQLite's connection directly: one trip to SQLite's thread, no
SQLAlchemy execution.

A claim through the session was a checkout of the connection, three or four greenlets,
SQLAlchemy's execution of a SELECT and of one UPDATE a job, and an ORM object a job read.
Here the same statements (the due jobs most urgent first; each claimed only if its state
and attempts are still those read), compiled once by SQLAlchemy from the table's metadata
(storage.inline.sql_of: the same SQL, values converted by the columns' types), run with the
commit in one call in SQLite's thread (the SELECT may read many rows of a backlog: never in
the loop's thread), while the pool holds the connection unused: nothing of ours runs on it
meanwhile (a session that takes it sends its statements to the same thread, after ours).
Anything else (a claim of some kinds only, the connection busy, a transaction open or
asked FULL) goes SQLAlchemy's way (storage.delivery.outbox), as on PostgreSQL.
"""

from __future__ import annotations

import collections
import functools
import sqlite3
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, Update, bindparam, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession

from storage import inline, sqlite
from storage.base import UtcDateTime
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


@functools.lru_cache(maxsize=8)
def _processors(dialect: Dialect) -> list[Any]:
    """Each read column's conversion of SQLite's value (a timestamp's text), or None."""
    return [_TABLE.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
            for name in _Row._fields]


async def claim(session: AsyncSession, worker: str, limit: int, now: datetime,
                until: datetime) -> list[Claimed] | None:
    """Up to `limit` due jobs claimed by `worker` until `until`, committed; None, having
    done nothing, when this path does not apply."""
    if session.sync_session.in_transaction():
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

    driver = await inline.idle(engine)
    if driver is None:
        return None
    checkpoint = driver._commits + 1 >= sqlite.CHECKPOINT_EVERY
    try:
        rows, committed = await driver._execute(sqlite._waiting, driver._conn, _claim_in,
                                                driver._conn, select_sql, select_values,
                                                converted, checkpoint)
    except sqlite3.Error as exc:
        raise inline.wrapped(exc, [(select_sql, [select_values])]) from exc
    if committed:
        driver._commits = 0 if checkpoint else driver._commits + 1
    processors = _processors(dialect)
    return [claimed(_Row(*(value if convert is None else convert(value)
                           for convert, value in zip(processors, row, strict=True))))
            for row in rows]


def _claim_in(connection: sqlite3.Connection, select_sql: str, select_values: list,
              converted: Any, checkpoint: bool) -> tuple[list[tuple], bool]:
    """In SQLite's thread: the due jobs read, each claimed if still as read, committed
    (the WAL checkpointed when due); the rows claimed, and whether a transaction ended."""
    rows = connection.execute(select_sql, select_values).fetchall()
    if not rows:
        return [], False
    update_sql, values = converted(rows)
    taken = []
    try:
        for row, row_values in zip(rows, values, strict=True):
            if connection.execute(update_sql, row_values).rowcount:
                taken.append(row)
        connection.commit()
    except BaseException:
        if connection.in_transaction:
            connection.rollback()
        raise
    if checkpoint:
        connection.execute(sqlite._CHECKPOINT).fetchall()
    return taken, True
