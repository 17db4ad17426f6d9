"""What console handlers open per request: a database transaction and the officers'
workflow (with the hotline's SMS and the resident's verdict question on resolution)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.console.visit import VISIT
from handlers.officers.accounts import Actor
from handlers.officers.workflow import Workflow

# A row id as the databases store it (64-bit signed): longer digit strings name no row and
# overflow the drivers ("Python int too large to convert to SQLite INTEGER").
_ROW_ID = re.compile(r"[0-9]{1,18}")


def row_id(text: str) -> int | None:
    """`text` as a row id, or None when it cannot be one."""
    return int(text) if _ROW_ID.fullmatch(text) else None


@asynccontextmanager
async def transaction(request: web.Request) -> AsyncIterator[AsyncSession]:
    """One session and transaction, committed when the block ends without error."""
    public = request.app[keys.PUBLIC_APP]
    async with public[keys.SESSIONS]() as session, session.begin():
        yield session


def workflow(request: web.Request) -> Workflow:
    """The workflow at this request's time."""
    public = request.app[keys.PUBLIC_APP]
    now = request[VISIT].now
    return public[keys.SERVICES].workflow(lambda: now)


def actor(request: web.Request) -> Actor:
    """The signed-in officer (the guard let the request through)."""
    found = request[VISIT].actor
    if found is None:     # pragma: no cover - the guard redirects first
        raise web.HTTPForbidden()
    return found
