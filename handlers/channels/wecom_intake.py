"""The intake for the police WeCom app: every push recorded once (channel "wecom"), an
officer's commands handled one at a time, late answers sent to the officer through the
outbox (kind "wecom_app") rather than to a resident."""

from __future__ import annotations

from handlers import texts
from handlers.channels.intake import Intake
from handlers.core.channels import Answering, Channel, IntakePolicy
from handlers.core.types import Inbound, Reply

# The police WeCom app (/wecom): officers, answered passively within WeCom's budget. Officers
# are few and known, so nothing is ever queued (no rate, no backlog across instances); late
# answers go to the officer in the app.
WECOM = Channel("wecom", Answering.PASSIVE,
                IntakePolicy(rate_limited=False, late_replies="wecom_app"))


class OfficerIntake(Intake):
    """Intake without the residents' rate limit; its backlog only takes commands whose
    handler died."""

    CHANNEL = WECOM

    async def reply_when_failing(self, message: Inbound) -> Reply:
        """An officer's command that keeps failing: say so, with the command."""
        return Reply(texts.text("wecom_command_failed", command=message.content[:60]))
