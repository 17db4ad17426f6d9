"""The intake for the police WeCom app: every push recorded once (channel "wecom"), an
officer's commands handled one at a time, late answers sent to the officer through the
outbox (kind "wecom_app") rather than to a resident."""

from __future__ import annotations

from handlers import texts
from handlers.channels.intake import Intake
from handlers.core.types import Inbound, Reply


class OfficerIntake(Intake):
    """Intake without the residents' rate limit: officers are few and known, so nothing is
    ever queued; its backlog only takes commands whose handler died."""

    CHANNEL = "wecom"
    REPLY_KIND = "wecom_app"
    ADMIT = False

    def _rate(self, openid: str) -> str:
        return "ok"

    async def _give_up(self, message: Inbound) -> Reply:
        """An officer's command that keeps failing: say so, with the command."""
        return Reply(texts.text("wecom_command_failed", command=message.content[:60]))
