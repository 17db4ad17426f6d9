"""SQLite's write-ahead log as we run it (storage.sqlite): the connection's settings, the
synchronous levels, the busy wait, the end of a transaction and the WAL's checkpoint, each
done in SQLite's thread; and a durable transaction committed in the loop's thread, the log
then synced in a thread without holding the connection (in_loop, sync_log).

The checkpoint policy: SQLite's own checkpoint (every 1,000 pages of WAL, made by the commit
that crosses it) is off (wal_autocheckpoint=0), since a commit made in the event loop's
thread would stall the loop with it. Ours is made every CHECKPOINT_EVERY transactions, in a
trip to SQLite's thread of its own, taken only while nothing else is sent there (no call in
flight, no transaction open): never inside another trip (a recording batch's FULL commit, a
session's commit), where the calls queued behind that trip would wait for it too.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

SQLITE_BUSY_TIMEOUT_MS = 5000

FULL = "PRAGMA synchronous=FULL"
NORMAL = "PRAGMA synchronous=NORMAL"
CHECKPOINT = "PRAGMA wal_checkpoint(PASSIVE)"

# Transactions between two checkpoints. A checkpoint copies the WAL into the database file
# and fsyncs it (a few ms); SQLite's own would come every 1,000 pages of WAL, a few hundred
# of our commits.
CHECKPOINT_EVERY = 200


def due(commits: int) -> bool:
    """True once `commits` transactions have ended since the last checkpoint."""
    return commits >= CHECKPOINT_EVERY


def is_busy(exc: sqlite3.OperationalError) -> bool:
    """True for SQLITE_BUSY: another process holds the lock; nothing was done."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def waiting(connection: sqlite3.Connection, fn: Any, *args: Any) -> Any:
    """In SQLite's thread: `fn`, waiting up to the busy timeout for another process's lock."""
    connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    try:
        return fn(*args)
    finally:
        connection.execute("PRAGMA busy_timeout=0")


def end(connection: sqlite3.Connection, commit: bool, full: bool) -> bool:
    """In SQLite's thread: commit or roll back; then, after a FULL transaction, back to
    NORMAL. True while the level is still FULL (a commit that failed and left the
    transaction open, where SQLite refuses to change it)."""
    if connection.in_transaction:
        connection.commit() if commit else connection.rollback()
    if full and not connection.in_transaction:
        connection.execute(NORMAL)
        return False
    return full


def checkpoint(connection: sqlite3.Connection) -> None:
    """In SQLite's thread: copy the WAL into the database file (PASSIVE: never waits for a
    reader of another process)."""
    connection.execute(CHECKPOINT).fetchall()


def tripped(connection: sqlite3.Connection, work: Any, args: tuple, full: bool) -> Any:
    """In SQLite's thread: `work(connection, *args)`, a transaction that `work` commits
    (FULL with `full`: the level raised before and lowered after, in this same call); on any
    exception the transaction is rolled back before it is raised."""
    if full:
        connection.execute(FULL)
    try:
        return work(connection, *args)
    except BaseException:
        if connection.in_transaction:
            connection.rollback()
        raise
    finally:
        if full and not connection.in_transaction:
            connection.execute(NORMAL)


# What in_loop() answers when another process holds SQLite's lock (nothing kept).
BUSY: Any = object()


def in_loop(connection: sqlite3.Connection, work: Any, args: tuple) -> Any:
    """In the loop's thread: `work(connection, *args)`, a transaction that `work` commits at
    NORMAL (its pages appended to the WAL in the OS's page cache, no fsync), rolled back on
    any exception; BUSY, having kept nothing, when another process holds the lock."""
    try:
        return tripped(connection, work, args, False)
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            return BUSY
        raise


# The thread that syncs the WAL: its own, not the loop's default executor, which password
# hashing or an export's writes can fill while residents' messages wait to be recorded.
_SYNCS: list[ThreadPoolExecutor] = []


async def synced(path: str) -> None:
    """sync_log(path) in the WAL's syncing thread, awaited."""
    if not _SYNCS:
        _SYNCS.append(ThreadPoolExecutor(1, thread_name_prefix="wal-sync"))
    await asyncio.get_running_loop().run_in_executor(_SYNCS[0], sync_log, path)


def sync_log(path: str) -> None:
    """In a thread of its own: the WAL file on the disk. The log is one file written in
    order, so this carries every commit appended before it, as a FULL commit's own fsync
    does; a checkpoint meanwhile copies them into the database file and syncs that first."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Each new connection: WAL, NORMAL commits, foreign keys, no checkpoint by a commit,
    no busy wait (storage.sqlite's _Connection.run)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL: in WAL mode a commit is written to the log (the OS's page cache) and survives
    # a crash of the process (kill -9), but reaches the disk only with the next FULL commit
    # or checkpoint. A FULL commit waits for an fsync (about 5 ms on our disks, and SQLite's
    # one connection does nothing else meanwhile): paid by every handled message it made
    # the mixed run wait on the disk. Recording messages (storage.db.durable, and the batch's
    # trip: storage.sqlite, sync_log here) stays on the disk before its answer leaves, even
    # across a power cut, and that fsync also carries every commit written before it.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # No checkpoint by a commit (one in the loop's thread would stall it): ours are made in
    # SQLite's thread every CHECKPOINT_EVERY transactions, in trips of their own (above).
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.execute("PRAGMA busy_timeout=0")       # see _Connection.run
    cursor.close()
