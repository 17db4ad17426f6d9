"""The database away for a moment (PostgreSQL restarting, a connection dropped): telling it
from a message's own failure, and recording a push patiently through it."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from storage.intake.inbound import Ask, InboundStore, Recorded
from storage.intake.nonces import SignedWith

# How soon recording is tried again while the database is away.
RECORD_RETRY_S = 0.25


def database_unavailable(exc: BaseException) -> bool:
    """A failure of the connection rather than of what a message asked for (a value too long
    for its column is the message's; a dropped connection, PostgreSQL starting up or shutting
    down, a pool with no connection free, or a locked file is not)."""
    if isinstance(exc, OSError | TimeoutError | OperationalError | InterfaceError
                  | PoolTimeout):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError | TimeoutError):
            return True
        # Connection exceptions (08), operator intervention such as a shutdown or a server
        # still starting (57P), too many connections (53300); asyncpg's closed connection.
        state = str(getattr(cause, "sqlstate", "") or "")
        if state.startswith(("08", "57P", "53300")) or type(cause).__name__ in _CLOSED:
            return True
        cause = getattr(cause, "orig", None) or cause.__cause__
    return False


_CLOSED = frozenset({"ConnectionDoesNotExistError", "InterfaceError", "ConnectionResetError"})


async def record_patiently(store: InboundStore, row: dict[str, Any], signed: SignedWith | None,
                           ask: Ask | None, patience_s: float) -> Recorded:
    """Record `row`, trying again while the database is unavailable, for up to `patience_s`
    (a push answered within WeChat's window is not retried by WeChat)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience_s
    while True:
        try:
            # A copy: admission may queue the row, and a failed batch decided nothing.
            return await store.record(dict(row), signed, ask)
        except Exception as exc:
            if not database_unavailable(exc) or loop.time() + RECORD_RETRY_S > deadline:
                raise
        await asyncio.sleep(RECORD_RETRY_S)
