"""The SQL statements a piece of work runs, however they run: SQLite's own trace sees those
run on its connection directly (storage.inline, storage.probe, the outbox's direct claim) as
well as SQLAlchemy's; on PostgreSQL SQLAlchemy's cursor events see them all."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

from sqlalchemy import event


@contextlib.asynccontextmanager
async def traced(sessions, wanted: Callable[[str], bool]) -> AsyncIterator[list[str]]:
    """Collect the statements `wanted` picks while the block runs."""
    engine = sessions.kw["bind"]
    seen: list[str] = []

    def look(statement: str) -> None:
        if wanted(statement):
            seen.append(statement)

    def before(_conn, _cursor, statement, _parameters, _context, _many):
        if engine.dialect.name != "sqlite":     # SQLite's own trace sees every statement
            look(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    connection = None
    if engine.dialect.name == "sqlite":
        async with engine.connect() as pooled:      # the pool's one connection
            connection = (await pooled.get_raw_connection()).driver_connection._conn
        connection.set_trace_callback(look)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)
        if connection is not None:
            connection.set_trace_callback(None)
