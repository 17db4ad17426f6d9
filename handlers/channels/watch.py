"""Watching messages another instance is handling: one query a round for every retry that
waits here, instead of one each (a burst of WeChat's retries polled the database by the
thousand a second)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.channels.outage import database_unavailable
from storage.intake import inbound as inbound_repo
from storage.intake.models import InboundMessage

log = logging.getLogger(__name__)


class Watcher:
    """Hands each waiter its message's row as read in the next round (`every_s`)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], every_s: float) -> None:
        self._sessions = sessions
        self._every_s = every_s
        self._waiting: dict[int, list[asyncio.Future[InboundMessage | None]]] = {}
        self._task: asyncio.Task[None] | None = None

    async def next_read(self, inbound_id: int, timeout_s: float) -> InboundMessage | None:
        """The row of `inbound_id` as the next round reads it; None when it is gone or no
        round read it within `timeout_s` (the database away)."""
        future = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(inbound_id, []).append(future)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._rounds(), name="follow-retries")
        try:
            async with asyncio.timeout(max(timeout_s, 0.0)):
                return await future
        except TimeoutError:
            return None
        finally:
            waiters = self._waiting.get(inbound_id)
            if waiters is not None:
                with contextlib.suppress(ValueError):
                    waiters.remove(future)
                if not waiters:
                    del self._waiting[inbound_id]

    async def _rounds(self) -> None:
        while self._waiting:
            await asyncio.sleep(self._every_s)
            ids = list(self._waiting)
            if not ids:
                return
            try:
                async with self._sessions() as session:
                    rows = await inbound_repo.get_many(session, ids)
            except Exception as exc:
                if not database_unavailable(exc):
                    log.exception("reading messages followed by retries failed")
                continue  # the waiters time out or the next round reads them
            for inbound_id in ids:
                for future in self._waiting.pop(inbound_id, []):
                    if not future.done():
                        future.set_result(rows.get(inbound_id))
