"""SQLite's fast path: a unit of work made only of keyed Core writes, run and committed on
SQLite's connection directly, in the event loop's thread, without SQLAlchemy's execution.

Most of a mixed push's handling writes a dialog step (storage.deferred) and stores its reply
(storage.intake.inbound.mark_handled_in), then commits. Through the session that was a
greenlet, the pool's checkout and check-in of the one connection, SQLAlchemy's execution of
two statements and its commit: far more CPU than SQLite's own work (some tens of µs, made
in the loop's thread anyway: storage.sqlite). Here the statements are compiled once, their
parameters converted by their columns' types as SQLAlchemy would, and run with the commit
in one synchronous step: nothing else runs on the connection meanwhile (the loop does not
switch tasks, and the path is taken only while the pool holds the connection unused).

It applies when the session has neither a connection nor ORM changes; otherwise, and on
PostgreSQL, the caller goes SQLAlchemy's way (the same statements, the same rows).
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.util import await_only

from storage import deferred
from storage.compiled import sql_of


class _Path:
    """The one connection of a SQLite engine (pool_size=1), and whether SQLAlchemy holds it."""

    def __init__(self) -> None:
        self.driver: Any = None      # storage.sqlite._Connection, while pooled and unused

        self._waiting: list[asyncio.Future] = []

    held = False      # checked out: it comes back with a check-in

    def taken(self, *_args: Any) -> None:
        self.held = True

    def checked_in(self, dbapi_connection: Any, _record: Any) -> None:
        self.held = False
        self.driver = getattr(dbapi_connection, "driver_connection", None)
        waiting, self._waiting = self._waiting, []
        for future in waiting:
            if not future.done():
                future.set_result(None)

    def checked_out(self, *_args: Any) -> None:
        self.driver = None

    async def returned(self) -> None:
        """Until the pool has the connection back (a session or the intake's batch let it
        go); a session waiting in the pool's queue may take it again first. At once when
        no one holds it (not connected yet, or closed): the caller then goes SQLAlchemy's
        way, which connects."""
        if not self.held:
            return
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        await future


# A session holding a connection (from its transaction's first statement to its end).
_CONNECTED = "jingmin.connected"


@event.listens_for(Session, "after_begin")
def _connected(session: Session, _transaction: Any, connection: Any) -> None:
    # The driver's connection, taken here (in SQLAlchemy's greenlet, the connection just
    # checked out): _commit_on_own runs in the event loop, where asking the session for
    # its connection is SQLAlchemy's I/O path outside a greenlet.
    session.info[_CONNECTED] = connection.connection.driver_connection


@event.listens_for(Session, "after_transaction_end")
def _released(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_CONNECTED, None)


def driver(engine: AsyncEngine) -> Any:
    """The driver connection (storage.sqlite._Connection) of SQLite `engine` while its pool
    holds it unused, else None (PostgreSQL, or a session holds it)."""
    path = _PATHS.get(engine.sync_engine)
    return None if path is None else path.driver


async def returned(engine: AsyncEngine) -> None:
    """Until SQLite `engine`'s pool has its connection back (see _Path.returned)."""
    await _PATHS[engine.sync_engine].returned()


def driven(run: Any, writes: list[tuple[str, list[list]]], *args: Any) -> Any:
    """`run(writes, *args)` on the sqlite3 connection directly, its errors raised as
    SQLAlchemy raises the driver's (IntegrityError, OperationalError, ...: DBAPIError), so
    callers see one kind of error whichever way a statement went."""
    try:
        return run(writes, *args)
    except sqlite3.Error as exc:
        raise wrapped(exc, writes) from exc


def wrapped(exc: sqlite3.Error, writes: list[tuple[str, list[list]]]) -> DBAPIError:
    """The SQLAlchemy error (DBAPIError's subclass for `exc`'s kind) for a sqlite3 error
    raised by one of `writes`."""
    return DBAPIError.instance("; ".join(sql for sql, _rows in writes), None, exc,
                               sqlite3.Error, hide_parameters=True)


_PATHS: weakref.WeakKeyDictionary[Any, _Path] = weakref.WeakKeyDictionary()


def install(engine: AsyncEngine) -> None:
    """Follow the connection of SQLite `engine` (storage.db.create_engine)."""
    path = _PATHS[engine.sync_engine] = _Path()
    for name in ("checkout", "close", "invalidate", "soft_invalidate", "detach"):
        event.listen(engine.sync_engine, name, path.checked_out)
    event.listen(engine.sync_engine, "checkout", path.taken)
    event.listen(engine.sync_engine, "checkin", path.checked_in)


# Times a unit of work waits for the connection to come back unused before it goes through
# the pool's queue instead (a session waiting there may take it first each time).
_TRIES = 4


async def unused(engine: AsyncEngine) -> Any:
    """The driver connection of SQLite `engine` once its pool holds it unused (waited for
    a few times), else None (PostgreSQL, or still held: the caller goes SQLAlchemy's way)."""
    path = _PATHS.get(engine.sync_engine)
    if path is None:
        return None
    for _ in range(_TRIES):
        if path.driver is not None:
            return path.driver
        await path.returned()
    return None


async def idle(engine: AsyncEngine) -> Any:
    """unused(engine) when nothing at all is under way on it (no statement in flight, no
    FULL commit asked for or running, no transaction open: storage.sqlite's `idle`): a whole
    trip of ours may then run. Else None."""
    driver = await unused(engine)
    return driver if driver is not None and driver.idle else None


def held_by(session: AsyncSession) -> Any:
    """The driver connection `session`'s transaction holds on SQLite, else None."""
    return session.sync_session.info.get(_CONNECTED)


# What trip() and at_once() answer when their path does not apply and nothing was done.
NOT_RUN: Any = object()

# Rows (values of writes, or rows read) one trip may take, so that the calls queued behind
# it in SQLite's thread wait for a bounded time: a bigger unit goes SQLAlchemy's way.
TRIP_ROWS = 128


async def trip(engine: AsyncEngine, work: Any, *args: Any, sql: str, full: bool = False) -> Any:
    """On SQLite, while the pool holds its connection unused and idle: `work(connection,
    *args)` with the sqlite3 connection, in one trip to SQLite's thread, as a transaction of
    its own that `work` commits (on the disk with `full`: storage.sqlite's _Connection.trip
    commits it in the loop's thread when it can; rolled back when `work` raises). The
    transaction counts toward the WAL's checkpoint, which runs after it, when due, in a trip
    of its own (storage.wal). Its sqlite3 errors are raised as SQLAlchemy's (`sql` names
    the statements in the message); anything else `work` raises passes through. NOT_RUN,
    having done nothing, when the path does not apply (PostgreSQL, the connection busy)."""
    driver = await idle(engine)
    if driver is None:
        return NOT_RUN
    try:
        return await driver.trip(work, *args, full=full)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, None, exc, sqlite3.Error, hide_parameters=True) from exc


async def at_once(engine: AsyncEngine, work: Any, *args: Any) -> Any:
    """On SQLite, while the pool holds its connection unused and idle: `work(connection,
    *args)` with the sqlite3 connection in the loop's thread (a keyed read or write of
    some µs). NOT_RUN, having done nothing, when the path does not apply, or when `work`
    raises sqlite3's OperationalError (another process's lock: the caller's SQLAlchemy
    way waits for it)."""
    driver = await idle(engine)
    if driver is None:
        return NOT_RUN
    try:
        return driver.at_once(work, *args)
    except sqlite3.OperationalError:
        return NOT_RUN


async def transact(engine: AsyncEngine, statement: Executable,
                   parameters: dict[str, Any]) -> bool | None:
    """On SQLite, `statement` (a write keyed by id or a unique key) as a transaction of its
    own, committed on the driver connection while the pool holds it unused: True once
    committed, False (rolled back) if it changed no row, None having done nothing when the
    path does not apply (the caller then runs it through its session)."""
    if engine.sync_engine not in _PATHS:
        return None
    found = sql_of(engine.dialect, statement, [parameters])
    if found is None:
        return None
    connection = await unused(engine)
    if connection is None:
        return None
    done = driven(connection.transact, [found])
    if done is not None:
        await connection.checkpoint_if_due()
    return done


async def commit_with(session: AsyncSession, statement: Executable,
                      parameters: dict[str, Any]) -> bool | None:
    """On SQLite, when the session has nothing for the ORM to flush: its waiting writes
    (storage.deferred), then `statement`, committed. A session holding no connection runs
    them and the commit at once when the pool has the connection unused (waited for a few
    times); one holding its own (it read or wrote already) runs them on it and commits
    through SQLAlchemy (_commit_on_own). True if committed, False if `statement` changed no
    row (rolled back, or left for the caller's rollback), None when the path does not
    apply and nothing was done (the caller then runs the same through the session)."""
    path = _PATHS.get(session.bind.sync_engine)
    if path is None:     # PostgreSQL
        return None
    sync = session.sync_session
    if not sync.in_transaction() or sync.new or sync.dirty or sync.deleted:
        return None
    dialect = session.bind.dialect
    writes = []
    for waiting, rows, _batch in (*deferred.waiting(sync), (statement, [parameters], False)):
        sql = sql_of(dialect, waiting, rows)
        if sql is None:
            return None
        writes.append(sql)
    if _CONNECTED in sync.info:
        return await _commit_on_own(session, writes)
    connection = await unused(session.bind)
    if connection is None:
        return None
    done = driven(connection.transact, writes)
    if done:
        deferred.waiting(sync, pop=True)
        sync.commit()        # bookkeeping only: the session's transaction holds no connection
    if done is not None:
        await connection.checkpoint_if_due()
    return done


async def _commit_on_own(session: AsyncSession, writes: list[tuple[str, list[list]]]
                         ) -> bool | None:
    """The writes on the connection the session's transaction holds (whether it wrote
    already or only read: a first write that finds another process's lock leaves it to
    SQLAlchemy's way, which waits in SQLite's thread), then the session's commit:
    SQLAlchemy's execution of each statement was most of a ticket-opening unit of work's
    cost after its INSERT. The connection is the session's own, so no one else's statement
    can come between."""
    sync = session.sync_session
    changed = driven(sync.info[_CONNECTED].write_in, writes)
    if changed is None:
        return None
    deferred.waiting(sync, pop=True)
    if not changed:
        return False         # the caller's rollback drops the writes with the transaction
    await session.commit()
    return True


def rows_in(session: Session, statement: Executable, parameters: dict[str, Any]) -> list | None:
    """In SQLAlchemy's greenlet (session.run_sync), on SQLite: `statement` (a write, with
    RETURNING or not) run on the driver connection the session's transaction holds (taken
    now if it holds none, the writes waiting in the session written first), its rows as
    tuples; None, having run nothing, when this path does not run it (PostgreSQL, or
    a statement it cannot compile). The driver runs it as SQLAlchemy's adapter would (in the
    loop's thread, or in SQLite's waiting for another process's lock), without SQLAlchemy's
    execution: compiling, the cache's key, the result's wrapping."""
    if session.bind.dialect.name != "sqlite":
        return None
    found = sql_of(session.bind.dialect, statement, [parameters], returning=True)
    if found is None:
        return None
    sql, (values,) = found
    connection = session.connection()          # checked out and begun, if not yet
    deferred.write_waiting(session)
    driver = connection.connection.driver_connection
    try:
        rows = await_only(driver.returned(sql, values))
    except sqlite3.Error as exc:
        raise wrapped(exc, [(sql, [values])]) from exc
    return rows
