"""Look-ups that mostly find nothing, asked first on SQLite's connection directly.

An emergency from a resident looks for their open emergency and the location they sent
lately; a status question lists their tickets. Most residents who write have neither, and
through the session each empty answer was SQLAlchemy's execution and ORM loading, plus a
trip to SQLite's thread (reads go there: storage.sqlite), some hundreds of µs for no row.
Here a keyed `SELECT ... LIMIT 1` runs on the connection in the loop's thread instead (a few
µs on an index), as storage.intake.history reads: only a certain "no row" short-cuts the
caller; a row found, or any doubt, sends it SQLAlchemy's way as before.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Select

from storage import deferred, inline
from storage.compiled import sql_of


async def finds_nothing(session: AsyncSession, statement: Select,
                        parameters: dict[str, Any]) -> bool:
    """True when `statement` certainly returns no row in `session`'s transaction: on
    SQLite, run on the connection that transaction holds, or on the pool's connection while
    it is unused and idle (the session holds none, so it has read nothing that the answer
    could contradict). False when a row was found or it could not look: PostgreSQL, changes
    waiting in the session that SQLAlchemy would write before the read (ORM objects,
    storage.deferred's writes), a statement this path cannot compile, the connection busy,
    another process's lock."""
    if session.bind.dialect.name != "sqlite":
        return False
    sync = session.sync_session
    if sync.new or sync.dirty or sync.deleted or deferred.waiting(sync):
        return False
    found = sql_of(session.bind.dialect, statement, [parameters])
    if found is None:
        return False
    sql, (values,) = found
    held = inline.held_by(session)
    if held is None:
        return await inline.at_once(session.bind, _empty, sql, values) is True
    if held.running:
        return False
    try:
        return held.at_once(_empty, sql, values)
    except sqlite3.OperationalError:
        return False      # another process's lock: SQLAlchemy's way waits for it


def _empty(connection: sqlite3.Connection, sql: str, values: list) -> bool:
    return connection.execute(sql, values).fetchone() is None
