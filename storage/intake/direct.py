"""The recording batch on SQLite's connection directly: one trip to SQLite's thread, no
SQLAlchemy execution.

A batch (storage.intake.inbound) stores the replies of handled messages, records the URL
signatures of new ones and inserts their rows, then commits FULL (on the disk before any
answer leaves: storage.db.durable). Through the session that was a connection checkout,
three or four greenlets and SQLAlchemy's execution of each statement (its insertmanyvalues
batching, its result rows), some hundreds of µs of the loop's CPU a batch, about a third of
a push's database work. Here the same statements, compiled once by SQLAlchemy from the
tables' metadata (storage.inline.sql_of: the same SQL and the same converted values), run
with a durable commit (storage.inline.trip: committed in the loop's thread and the WAL then
synced off the connection, or FULL in one trip to SQLite's thread), while the pool
holds the connection unused (nothing of ours runs on it meanwhile: a session that takes it
sends its statements to the same thread, after ours). A batch of more rows than one trip
takes (storage.inline.TRIP_ROWS) goes SQLAlchemy's way, so that what waits behind a trip
waits a bounded time.

Only the plain case is taken: every signature new and every row new, no media to fetch.
Anything else (a signature used before, a retry of a recorded message, a photo) rolls the
transaction back in the same call, having kept nothing, and the batch goes SQLAlchemy's
way (storage.intake.inbound), which tells those cases apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql import Executable

from storage import inline
from storage.intake.media import FETCHED_KINDS


class _Undo(Exception):
    """The batch is not the plain case: rolled back, to be run SQLAlchemy's way."""


async def record_batch(engine: AsyncEngine, marks: tuple[Executable, list[dict[str, Any]]] | None,
                       nonces: tuple[Executable, list[dict[str, Any]]] | None,
                       rows: tuple[Executable, list[dict[str, Any]]] | None,
                       ) -> list[int] | None:
    """On SQLite: `marks` (an UPDATE and its rows), `nonces` (an INSERT ... ON CONFLICT DO
    NOTHING and its rows, every one to be new) and `rows` (an INSERT ... ON CONFLICT DO
    NOTHING RETURNING the id first, every row to be new), committed FULL: the ids of `rows`
    once committed; None, having kept nothing, when the batch is not the plain case or this
    path does not apply (PostgreSQL, statements it cannot run, the connection busy, more
    rows than one trip takes)."""
    if sum(len(part[1]) for part in (marks, nonces, rows) if part is not None) > inline.TRIP_ROWS:
        return None
    if rows is not None:
        if any(row.get("media_id") and row["msg_type"] in FETCHED_KINDS for row in rows[1]):
            return None
        if len({(row["channel"], row["dedupe_key"]) for row in rows[1]}) < len(rows[1]):
            return None
    if nonces is not None and len({tuple(row.values()) for row in nonces[1]}) < len(nonces[1]):
        return None
    dialect = engine.dialect
    writes = []
    for part in (marks, nonces, rows):
        if part is None:
            writes.append(None)
            continue
        statement, values = part
        if any(row.keys() != values[0].keys() for row in values):
            return None
        sql = inline.sql_of(dialect, statement, values, returning=part is rows)
        if sql is None:
            return None
        writes.append(sql)
    if engine.dialect.name != "sqlite":
        return None
    try:
        ids = await inline.trip(engine, _batch, writes, full=True,
                                sql="; ".join(w[0] for w in writes if w is not None))
    except _Undo:
        return None
    return None if ids is inline.NOT_RUN else ids


def _batch(connection: sqlite3.Connection,
           writes: Sequence[tuple[str, list[list]] | None]) -> list[int]:
    """In the loop's or SQLite's thread (storage.inline.trip: durable, rolled back on
    anything raised): the batch's writes and its commit; _Undo unless every signature and
    row is new."""
    marks, nonces, rows = writes
    if marks is not None:
        connection.executemany(*marks)
    if nonces is not None and connection.executemany(*nonces).rowcount != len(nonces[1]):
        raise _Undo
    ids = []
    if rows is not None:
        sql, values = rows
        for row in values:
            found = connection.execute(sql, row).fetchone()
            if found is None:
                raise _Undo
            ids.append(found[0])
    connection.commit()
    return ids
