"""The intake for the police WeCom app: every push recorded once (channel "wecom"), an
officer's commands handled one at a time, late answers sent to the officer through the
outbox (kind "wecom_app") rather than to a resident."""

from __future__ import annotations

import asyncio

from handlers.intake import Accepted, Intake, _duplicate, _row
from handlers.types import Inbound, Reply
from storage import inbound as inbound_repo
from storage import outbox

CHANNEL = "wecom"


class OfficerIntake(Intake):
    """Intake without the residents' rate limit and backlog: officers are few and known, and
    the backlog worker answers residents in WeChat, so nothing here is ever queued."""

    async def accept(self, message: Inbound) -> Accepted:
        """Record `message` (committed on return) and say how to answer it."""
        recorded = await self._store.record(_row(message, "received"))
        if recorded.duplicate:
            return _duplicate(recorded)
        self._inflight[recorded.id] = asyncio.get_running_loop().create_future()
        return Accepted(recorded.id)

    async def _complete_late(self, inbound_id: int, openid: str, reply: Reply) -> None:
        async with self._sessions() as session, session.begin():
            await inbound_repo.mark_handled(session, inbound_id, reply.text, "outbox")
            outbox.enqueue(session, "wecom_app", openid, {"text": reply.text},
                           priority=outbox.PRIORITY_REPLY, inbound_id=inbound_id)
