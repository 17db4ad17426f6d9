"""The intake for the police WeCom app: every push recorded once (channel "wecom"), an
officer's commands handled one at a time, late answers sent to the officer through the
outbox (kind "wecom_app") rather than to a resident."""

from __future__ import annotations

import asyncio

from handlers import texts
from handlers.intake import Accepted, Intake, _duplicate, _row
from handlers.types import Inbound, Reply


class OfficerIntake(Intake):
    """Intake without the residents' rate limit: officers are few and known, so nothing is
    ever queued; its backlog only takes commands an instance stopped in the middle of."""

    CHANNEL = "wecom"
    REPLY_KIND = "wecom_app"

    async def accept(self, message: Inbound) -> Accepted:
        """Record `message` (committed on return) and say how to answer it."""
        recorded = await self._store.record(_row(message, "received"))
        if recorded.duplicate:
            return _duplicate(recorded)
        self._inflight[recorded.id] = asyncio.get_running_loop().create_future()
        return Accepted(recorded.id)

    async def _give_up(self, message: Inbound) -> Reply:
        """An officer's command that keeps failing: say so, with the command."""
        return Reply(texts.text("wecom_command_failed", command=message.content[:60]))
