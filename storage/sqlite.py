"""SQLite through aiosqlite, made cheaper for our event loop: one trip to SQLite's thread a
statement, writes and NORMAL commits in the loop's own thread, FULL commits on request."""

from __future__ import annotations

import collections
import os
import sqlite3
from typing import Any

import aiosqlite

from storage import wal

# Rows a SELECT (or RETURNING) hands back with its execution, in the same trip to SQLite's
# thread; a longer result (an export streaming its rows) fetches the rest as it goes.
PREFETCH_ROWS = 64


class _Cursor(aiosqlite.Cursor):
    """An aiosqlite cursor that makes one trip to SQLite's thread a statement, not three or
    four. aiosqlite sends every call to its thread and back through the event loop (a
    queue, a thread switch, the loop's self-pipe): SQLAlchemy's adapter opened, executed,
    fetched and closed each statement's cursor that way, a fifth of a mixed push's CPU.
    Opening and closing a cursor do no I/O and happen here; the first rows come back with
    the execution."""

    def __init__(self, conn: aiosqlite.Connection, cursor: sqlite3.Cursor) -> None:
        super().__init__(conn, cursor)
        self._rows: collections.deque = collections.deque()
        self._more = False          # rows may be left beyond those prefetched

    async def execute(self, sql: str, parameters: Any = None) -> _Cursor:
        rows, self._more = await self._conn.run(_run, sql, self._cursor, sql,
                                                parameters or (), self._conn.raise_sync())
        self._rows = collections.deque(rows)
        return self

    async def executemany(self, sql: str, parameters: Any) -> _Cursor:
        await self._conn.run(_run_many, sql, self._cursor, sql, parameters,
                             self._conn.raise_sync())
        self._rows, self._more = collections.deque(), False
        return self

    async def fetchone(self) -> Any:
        if self._rows:
            return self._rows.popleft()
        return await super().fetchone() if self._more else None

    async def fetchmany(self, size: int | None = None) -> list:
        size = size or self.arraysize
        rows = [self._rows.popleft() for _ in range(min(size, len(self._rows)))]
        if len(rows) < size and self._more:
            rows += await super().fetchmany(size - len(rows))
        return rows

    async def fetchall(self) -> list:
        rows, self._rows = list(self._rows), collections.deque()
        if self._more:
            self._more = False
            rows += await super().fetchall()
        return rows

    async def close(self) -> None:
        self._cursor.close()


def _run(cursor: sqlite3.Cursor, sql: str, parameters: Any,
         full: bool = False) -> tuple[list, bool]:
    """In SQLite's thread: execute, and the first rows if the statement returns any (with
    `full`, the transaction it opens commits FULL: see durable; already raised when this
    is the retry of a statement that found the database busy, its transaction begun)."""
    if full and not cursor.connection.in_transaction:
        cursor.connection.execute(wal.FULL)
    cursor.execute(sql, parameters)
    if cursor.description is None:
        return [], False
    rows = cursor.fetchmany(PREFETCH_ROWS)
    return rows, len(rows) == PREFETCH_ROWS


def _run_many(cursor: sqlite3.Cursor, sql: str, rows: Any, full: bool = False) -> None:
    if full and not cursor.connection.in_transaction:
        cursor.connection.execute(wal.FULL)
    cursor.executemany(sql, rows)


# Statements run in the event loop's own thread (see _Connection.run): writes, which our
# code keys by id or a unique key, and settings. Reads go to SQLite's thread: a console
# list or an export may scan a table, and the loop must not wait for it.
_INLINE = ("INSERT", "UPDATE", "DELETE", "PRAGMA")


class _Connection(aiosqlite.Connection):
    """aiosqlite's connection with _Cursor (its sqlite3 connection shared with our thread:
    SQLite is built serialized, and SQLAlchemy runs one statement at a time on it)."""

    # durable() asks for a FULL commit (_wanted); the level is raised with the first
    # statement (_full), lowered with the commit or rollback, each in the same trip.
    _wanted = False
    _full = False

    _in_flight = 0      # calls sent to SQLite's thread and not yet back
    log: str | None = None      # the WAL file (None in memory)

    def cursor(self) -> _Cursor:   # type: ignore[override]
        return _Cursor(self, self._conn.cursor())

    async def _execute(self, fn, *args, **kwargs):
        self._in_flight += 1
        try:
            return await super()._execute(fn, *args, **kwargs)
        finally:
            self._in_flight -= 1

    async def run(self, fn: Any, sql: str, *args: Any) -> Any:
        """`fn(*args)` for statement `sql`: a write or a setting at once, in the loop's
        thread; a read, or a write that finds another process holding SQLite's lock, in
        SQLite's thread (waiting there up to the busy timeout).

        A trip to SQLite's thread costs more than most of our statements take: a queue, a
        wake-up of the thread, the GIL handed over and back, a wake-up of the loop through
        its self-pipe (about a tenth of a mixed push's CPU for its three or four writes,
        each keyed by id or a unique key and taking some tens of µs). The connection's own
        busy timeout is 0, so a write never waits for a lock in the loop: it fails at once
        with SQLITE_BUSY, having done nothing, and is sent to the thread to wait. A NORMAL
        commit is made here too; a FULL one (fsync) goes to the thread (_end)."""
        if not self._in_flight and sql.lstrip()[:6].upper() in _INLINE:
            try:
                return fn(*args)
            except sqlite3.OperationalError as exc:
                if not wal.is_busy(exc):
                    raise
        return await self._execute(wal.waiting, self._conn, fn, *args)

    def want_full(self) -> None:
        """The transaction now beginning commits with synchronous=FULL."""
        self._wanted = True

    def raise_sync(self) -> bool:
        """True if the statement about to run must raise the level first."""
        if self._wanted and not self._full and not self._conn.in_transaction:
            self._full = True
            return True
        return False

    # Nothing written, nothing to end (the driver opens a transaction at the first write):
    # a session that only read, and the pool's rollback of every connection it takes back,
    # make no trip.
    async def commit(self) -> None:
        await self._end(True)

    async def rollback(self) -> None:
        await self._end(False)

    _commits = 0     # transactions ended since the WAL was last checkpointed

    async def _end(self, commit: bool) -> None:
        self._wanted = False
        if not (self._conn.in_transaction or self._full):
            return
        self._commits += 1
        # The first commit after a checkpoint writes the WAL from its start again, and
        # syncs its header (an fsync even at NORMAL): in the thread too.
        if not (self._full or self._in_flight or self._commits == 1):
            # A NORMAL commit appends the transaction's pages to the WAL (the OS's page
            # cache, no fsync) and a rollback drops them: some tens of µs, less than the
            # trip to SQLite's thread and back. The write lock is ours since the first
            # write; should the commit still find the database busy, it is tried again
            # in the thread.
            try:
                wal.end(self._conn, commit, False)
            except sqlite3.OperationalError as exc:
                if not wal.is_busy(exc):
                    raise
            else:
                await self.checkpoint_if_due()
                return
        self._full = await self._execute(wal.end, self._conn, commit, self._full)
        await self.checkpoint_if_due()

    @property
    def idle(self) -> bool:
        """Nothing under way: no call in SQLite's thread, no FULL commit asked for or
        running, no transaction open."""
        return not (self._in_flight or self._wanted or self._full
                    or self._conn.in_transaction)

    async def checkpoint_if_due(self) -> None:
        """The WAL's checkpoint, when due (storage.wal), in a trip of its own while the
        connection is idle (no call waits behind it already); else left for a later end."""
        if wal.due(self._commits) and self.idle:
            self._commits = 0
            await self._execute(wal.checkpoint, self._conn)

    async def trip(self, work: Any, *args: Any, full: bool = False) -> Any:
        """`work(connection, *args)` with the sqlite3 connection: a whole transaction that
        `work` commits, on the disk when this returns with `full`; on an exception rolled
        back, then raised. Only while idle (the caller checks). A transaction that wrote
        counts toward the checkpoint, made after it in a trip of its own when due.
        In one trip to SQLite's thread (waiting there up to the busy timeout for another
        process's lock), FULL with `full`; but a FULL commit holds the one connection, and
        every unit of work behind it, through its fsync (1-5 ms, a third of the mixed run's
        wall time at 16 connections): with `full` it commits NORMAL in the loop's thread and
        syncs the WAL in a thread while the connection serves others, unless it is the first
        commit after a checkpoint (it writes the WAL from its start, syncing its header)."""
        changes = self._conn.total_changes
        result = wal.BUSY
        if full and self.log is not None and self._commits:
            result = wal.in_loop(self._conn, work, args)
            if result is not wal.BUSY:
                await wal.synced(self.log)
        if result is wal.BUSY:
            result = await self._execute(wal.waiting, self._conn, wal.tripped, self._conn,
                                         work, args, full)
        if self._conn.total_changes != changes:
            self._commits += 1
            await self.checkpoint_if_due()
        return result

    running = property(lambda self: bool(self._in_flight),
                       doc="A call of ours is in SQLite's thread.")

    def at_once(self, work: Any, *args: Any) -> Any:
        """`work(connection, *args)` with the sqlite3 connection, in the loop's thread: only
        while idle (the caller checks), for a read or a keyed write taking some µs."""
        return work(self._conn, *args)

    async def returned(self, sql: str, values: list) -> list:
        """The first rows (up to PREFETCH_ROWS) of statement `sql`, run as run() runs it
        (in the transaction under way, raised FULL if asked)."""
        rows, _more = await self.run(_run, sql, self._conn.cursor(), sql, values,
                                     self.raise_sync())
        return rows

    def transact(self, writes: list[tuple[str, list[list]]]) -> bool | None:
        """A whole transaction of keyed writes (each a statement and the values of its
        rows) at once, in the loop's thread, committed at NORMAL (storage.inline): True once
        committed; False, rolled back, when the last write changed no row; None, having
        done nothing, when it cannot run here (a call in SQLite's thread, a transaction open
        or asked FULL, a commit due to write the WAL from its start, another process holding
        the lock). The caller then makes the checkpoint if due (checkpoint_if_due)."""
        if not self.idle or self._commits == 0:
            return None
        connection = self._conn
        try:
            for sql, rows in writes:
                changed = (connection.execute(sql, rows[0]) if len(rows) == 1
                           else connection.executemany(sql, rows)).rowcount
            if not changed:
                connection.rollback()
                return False
            connection.commit()
        except BaseException as exc:
            if connection.in_transaction:
                connection.rollback()
            if isinstance(exc, sqlite3.OperationalError) and wal.is_busy(exc):
                return None
            raise
        self._commits += 1
        return True

    def write_in(self, writes: list[tuple[str, list[list]]]) -> int | None:
        """Keyed writes (statements and their rows' values) in the transaction of the session
        holding this connection, in the loop's thread (storage.inline: the session commits):
        the rows the last one changed; None, having done nothing, when they cannot run here (a
        call in SQLite's thread, asked FULL, a first write finding another process's lock)."""
        if self._in_flight or self._wanted or self._full:
            return None
        began = not self._conn.in_transaction
        changed = 0
        try:
            for sql, rows in writes:
                changed = (self._conn.execute(sql, rows[0]) if len(rows) == 1
                           else self._conn.executemany(sql, rows)).rowcount
        except sqlite3.OperationalError as exc:
            if not (began and wal.is_busy(exc)):
                raise
            if self._conn.in_transaction:
                self._conn.rollback()
            return None
        return changed


async def connect(database: str) -> _Connection:
    def connector() -> sqlite3.Connection:
        # No busy wait by default: see _Connection.run (reads and commits wait in
        # SQLite's thread, storage.wal.waiting).
        return sqlite3.connect(database, timeout=0, check_same_thread=False)

    connection = _Connection(connector, PREFETCH_ROWS)
    connection._thread.daemon = True     # as SQLAlchemy does with aiosqlite's own
    connection.log = None if database == ":memory:" else _log_of(database)
    return await connection


def _log_of(database: str) -> str:      # the WAL file, wherever the process's folder goes
    return os.path.abspath(database) + "-wal"

