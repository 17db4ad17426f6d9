"""SQLite's write-ahead log as we run it (storage.sqlite): the synchronous levels, the busy
wait, the end of a transaction and the WAL's checkpoint, each done in SQLite's thread.

The checkpoint policy: SQLite's own checkpoint (every 1,000 pages of WAL, made by the commit
that crosses it) is off (wal_autocheckpoint=0), since a commit made in the event loop's
thread would stall the loop with it. Ours is made every CHECKPOINT_EVERY transactions, in a
trip to SQLite's thread of its own, taken only while nothing else is sent there (no call in
flight, no transaction open): never inside another trip (a recording batch's FULL commit, a
session's commit), where the calls queued behind that trip would wait for it too.
"""

from __future__ import annotations

import sqlite3
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
