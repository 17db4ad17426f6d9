"""Replies stored in one loop iteration committed together, on SQLite's fast path.

A push answered on the fast path (storage.inline.commit_with) was a transaction of its own:
its dialog step and its reply written, then a commit, which appends the pages it changed to
the WAL (the inbound table's last leaf, its state and classified indexes' hot leaves,
dialog_states: the same pages for every reply) and counts toward the checkpoint. The pushes
the loop answers in one iteration now share one transaction: each one's writes in a
SAVEPOINT of it (rolled back to, alone, when they fail or change nothing), the one commit
made by a callback of the loop's next iteration, and each caller waits for that commit, so a
reply leaves only once its rows are committed (kill -9 loses no answered push).

The group holds the one connection only between the loop's iterations: any other use but a
read in the loop's thread commits it first (the pool's checkout, so SQLAlchemy never joins
or rolls back the group; a trip to SQLite's thread; another caller's transaction), and a
read made meanwhile sees the group's writes, as a statement of the same transaction would.
Should the commit itself fail (the disk full, an I/O error), every reply of the group raises
it and nothing of theirs is kept. PostgreSQL does not come here.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from typing import Any

from storage import wal

# Open groups: the driver connection (storage.sqlite._Connection) and the futures of the
# replies waiting for its commit.
_OPEN: weakref.WeakKeyDictionary[Any, list[asyncio.Future]] = weakref.WeakKeyDictionary()


def is_open(driver: Any) -> bool:
    """A group's transaction is open on `driver`, nothing else under way on it."""
    return driver in _OPEN


async def commit(driver: Any, writes: list[tuple[str, list[list]]]) -> bool | None:
    """`writes` (keyed writes: statements and their rows' values) as driver.transact would
    commit them, but with the other replies of this loop iteration: True once committed;
    False, nothing of them kept, when the last write changed no row; None, having done
    nothing, when they cannot run here (the caller goes SQLAlchemy's way). sqlite3's errors
    are raised as they come (storage.inline wraps them)."""
    members = _OPEN.get(driver)
    if members is None and not (driver.idle and driver.logged):
        return driver.transact(writes)      # which declines too, as it always did
    written = driver.at_once(_write, writes, members is None)
    if not written:
        return written
    if members is None:
        members = _OPEN[driver] = []
        asyncio.get_running_loop().call_soon(close, driver)
    committed = asyncio.get_running_loop().create_future()
    members.append(committed)
    await committed
    return True


def close(driver: Any) -> None:
    """Commit the group open on `driver`, if any, and release the replies waiting for it."""
    members = _OPEN.pop(driver, None)
    if members is None:
        return
    try:
        driver.at_once(_end, True)
    except BaseException as exc:
        driver.at_once(_end, False)
        for committed in members:
            if not committed.done():
                committed.set_exception(exc)
        if not isinstance(exc, Exception):
            raise
        return
    driver.counted()
    for committed in members:
        if not committed.done():
            committed.set_result(None)


def _write(connection: sqlite3.Connection, writes: list[tuple[str, list[list]]],
           begin: bool) -> bool | None:
    """In the loop's thread: `writes` in a SAVEPOINT, or as the first of a transaction begun
    with `begin` (undone with it): True when written; False, undone, when the last changed no
    row; None, nothing done, when the group's first write finds another process's lock."""
    connection.execute("BEGIN" if begin else "SAVEPOINT reply")
    try:
        for sql, rows in writes:
            changed = (connection.execute(sql, rows[0]) if len(rows) == 1
                       else connection.executemany(sql, rows)).rowcount
    except BaseException as exc:
        _undo(connection, begin)
        if begin and isinstance(exc, sqlite3.OperationalError) and wal.is_busy(exc):
            return None
        raise
    if not changed:
        _undo(connection, begin)
        return False
    if not begin:
        connection.execute("RELEASE reply")
    return True


def _undo(connection: sqlite3.Connection, whole: bool) -> None:
    if whole:
        connection.rollback()
    else:
        connection.execute("ROLLBACK TO reply")
        connection.execute("RELEASE reply")


def _end(connection: sqlite3.Connection, commit: bool) -> None:
    if connection.in_transaction:
        connection.commit() if commit else connection.rollback()
