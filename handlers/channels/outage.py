"""The database away for a moment (PostgreSQL restarting, a connection dropped): telling it
from a message's own failure, and recording a push patiently through it."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from storage.intake.inbound import Ask, InboundStore, Recorded
from storage.intake.nonces import SignedWith

# How soon recording is tried again while the database is away.
RECORD_RETRY_S = 0.25


def database_unavailable(exc: BaseException) -> bool:
    """A failure of the connection rather than of what a message asked for (a value too long
    for its column is the message's; a dropped connection or a locked file is not)."""
    if isinstance(exc, OSError | TimeoutError | OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


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
