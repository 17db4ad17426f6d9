"""Engines and sessions for SQLite (embedded) and PostgreSQL (several instances)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage import private

SQLITE_BUSY_TIMEOUT_MS = 5000


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
        # ours committed in between. Sessions queue for the connection instead.
        engine = create_async_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_size=1, max_overflow=0, pool_timeout=30)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url, pool_size=pool_size,
        max_overflow=pool_size if max_overflow is None else max_overflow,
        pool_timeout=pool_timeout_s, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed message survives a power cut, not only a crash of the process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """One AsyncSession per message or task; objects stay usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raise if the database cannot answer a trivial query."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
