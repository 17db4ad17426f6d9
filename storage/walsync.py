"""SQLite's durable commits without holding its one connection during the fsync.

A recording batch commits at synchronous=NORMAL, in WAL mode an append of its pages to the
`-wal` file (the OS's page cache, no fsync), and gives the connection back at once. Then
`on_disk` fdatasyncs the `-wal` file in a worker thread, through a descriptor of our own
(fsync works on the inode, whichever descriptor wrote the pages), and only after that
returns does the batch release its answers. A FULL commit made the same fsync while
SQLite's one connection, wanted by every handler's session, waited for it.

Why the commit is on the disk when the fdatasync returns (the WAL is one file, in order):

- The commit's frames were written to the `-wal` file before `on_disk` took its ticket;
  a sync started after that covers them, and every commit written before them (a
  handler's NORMAL commit included). Concurrent callers share one sync (group commit): a
  caller waits for the sync under way only if it started after the caller's commit,
  otherwise for the next one.
- A checkpoint (ours are PASSIVE, in SQLite's thread, storage.sqlite) at NORMAL syncs the
  WAL before copying its frames into the database file, and syncs the database file after.
  SQLite resets the WAL (writing it again from its start, a new salt in its header, which
  it syncs) only after a checkpoint copied every frame: the frames it overwrites are then
  in the synced database file. So a checkpoint or a reset between our commit and our sync
  never loses the commit: it is in the synced WAL or in the synced database file.
- A new `-wal` file (the first connection, or after the last one closed) has its header
  synced by SQLite with the first commit, which also syncs the folder (unix VFS). Closing
  the last connection checkpoints everything into the database file and deletes the WAL:
  a sync that finds no `-wal` file has nothing left to do.

A crash between the commit and the sync: the message is in the page cache. It survives
the process being killed (kill -9: the kernel still writes the pages) and not a power cut;
either way no answer has left, so WeChat retries, and the retry finds the row (after a
kill) or records it anew (after a power cut): intake stays exactly-once.

PostgreSQL commits durably anyway (synchronous_commit=on): nothing to do there.
"""

from __future__ import annotations

import asyncio
import os
import weakref
from pathlib import Path
from typing import Any


def _fdatasync(path: Path) -> None:
    """In a worker thread: the file's data on the disk (no file, nothing to sync)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fdatasync(fd)
    finally:
        os.close(fd)


class WalSync:
    """Group fdatasync of one database's `-wal` file."""

    def __init__(self, wal: Path) -> None:
        self._wal = wal
        self._tickets = 0       # tickets handed out: each a point in the WAL's writing
        self._synced = 0        # the last ticket a finished sync covers
        self._running: asyncio.Future[None] | None = None

    def ticket(self) -> int:
        """A mark after every commit written so far (call it right after yours)."""
        self._tickets += 1
        return self._tickets

    async def wait(self, ticket: int) -> None:
        """Return once a sync started after `ticket` was taken has finished."""
        while self._synced < ticket:
            running = self._running
            if running is None:
                running = self._running = asyncio.ensure_future(self._sync())
            await asyncio.shield(running)

    async def _sync(self) -> None:
        covers = self._tickets
        try:
            await asyncio.to_thread(_fdatasync, self._wal)
            self._synced = max(self._synced, covers)
        finally:
            self._running = None


_BY_ENGINE: weakref.WeakKeyDictionary[Any, WalSync] = weakref.WeakKeyDictionary()


def register(sync_engine: Any, database: Path) -> None:
    """The engine of a SQLite file: its commits are synced through `database`'s WAL."""
    _BY_ENGINE[sync_engine] = WalSync(database.with_name(database.name + "-wal"))


async def _done() -> None:
    return None


def on_disk(engine: Any):
    """An awaitable that returns once every transaction committed on `engine` (an
    AsyncEngine) before this call is on the disk, even across a power cut."""
    wal = _BY_ENGINE.get(getattr(engine, "sync_engine", engine))
    if wal is None:       # PostgreSQL (durable commits), or SQLite in memory
        return _done()
    return wal.wait(wal.ticket())
