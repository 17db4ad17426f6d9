"""Engines and sessions for SQLite (embedded) and PostgreSQL (several instances)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    AsyncSessionTransaction,
    async_sessionmaker,
    create_async_engine,
)

from storage import inline, private
from storage.pool import FairPool
from storage.sqlite import PREFETCH_ROWS, connect
from storage.wal import sqlite_pragmas

__all__ = ["PREFETCH_ROWS", "Session", "create_engine", "durable", "is_sqlite", "ping",
           "session_factory", "sqlite_path"]


def is_sqlite(url: str) -> bool:
    """True for the embedded SQLite database."""
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def create_engine(url: str, *, pool_size: int = 10, max_overflow: int | None = None,
                  pool_timeout_s: float = 10.0) -> AsyncEngine:
    """An engine tuned for Jingmin: WAL, foreign keys and a busy timeout on SQLite."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            private.folder(path.parent)
            # SQLite gives its -wal and -shm files the database file's mode.
            for part in (path, path.with_name(path.name + "-wal"),
                         path.with_name(path.name + "-shm")):
                if part == path or part.exists():
                    private.file(part)
        # One connection: SQLite has one writer at a time anyway, and a transaction that reads
        # and then writes fails at once ("database is locked") when another connection of
        # ours committed in between. Sessions queue for the connection instead, in the
        # order they came (storage.pool).
        database = make_url(url).database or ":memory:"
        engine = create_async_engine(
            url, async_creator=lambda: connect(database), poolclass=FairPool, pool_size=1,
            max_overflow=0, pool_timeout=30)
        event.listen(engine.sync_engine, "connect", sqlite_pragmas)
        inline.install(engine)
        return engine
    return create_async_engine(
        url, pool_size=pool_size,
        max_overflow=pool_size if max_overflow is None else max_overflow,
        pool_timeout=pool_timeout_s, pool_pre_ping=True)


@asynccontextmanager
async def durable(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A transaction whose commit is on the disk when it ends, even across a power cut.

    On SQLite (synchronous=NORMAL, see storage.wal.sqlite_pragmas) its commit is a FULL
    one: SQLite refuses to change the level inside a transaction, so it is raised just
    before the transaction's first statement (before the driver's implicit BEGIN, which
    comes with the first write) and lowered again just after its commit or rollback, each
    in the trip to SQLite's thread of that statement, commit or rollback (storage.sqlite's
    _Connection): two trips a
    recording batch fewer than a PRAGMA statement of their own each. A commit that fails
    and leaves the transaction open leaves the level FULL until it ends: slower, never less
    safe. PostgreSQL commits durably anyway."""
    async with sessions() as session:
        async with session.begin():
            if session.bind.dialect.name == "sqlite":
                driver = await session.run_sync(_driver_connection)
                driver.want_full()
            yield session


def _driver_connection(session: Any) -> Any:
    return session.connection().connection.driver_connection


class Session(AsyncSession):
    """An AsyncSession that does not leave the event loop for what needs no database.

    SQLAlchemy runs each awaited call of a session in a greenlet of its own (a greenlet
    and its first frame's 16 KiB stack made and unmapped each time) and closes a session
    at the end of `async with` in a task of its own, shielded from cancellation. Beginning
    a transaction (the connection is taken with the first statement) and closing a session
    that holds none (its work committed or rolled back) are plain bookkeeping: here they
    run at once, as the synchronous Session does them. Closing a session that still holds
    a transaction (a rollback, the connection back to the pool) goes SQLAlchemy's way."""

    async def close(self) -> None:
        if self.sync_session.in_transaction():
            await super().close()
        else:
            self.sync_session.close()

    async def __aexit__(self, type_: Any, value: Any, traceback: Any) -> None:
        if self.sync_session.in_transaction():
            await super().__aexit__(type_, value, traceback)
        else:
            self.sync_session.close()

    def begin(self) -> AsyncSessionTransaction:
        return _Transaction(self)


class _Transaction(AsyncSessionTransaction):
    """session.begin(): the Session's transaction starts without a connection, so at once."""

    async def start(self, is_ctxmanager: bool = False) -> AsyncSessionTransaction:
        if self.nested:
            return await super().start(is_ctxmanager)
        self.sync_transaction = self._assign_proxied(self.session.sync_session.begin())
        if is_ctxmanager:
            self.sync_transaction.__enter__()
        return self


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """One Session per message or task; objects stay usable after commit."""
    return async_sessionmaker(engine, class_=Session, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raise if the database cannot answer a trivial query."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
