"""SMS to hotline callers (and to duty officers, handlers.alert_routes) through the optional
gateway: the approved templates only, queued in the outbox in the transaction of the event
they tell about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.privacy import valid_mobile
from handlers.tickets.lifecycle import HookSet, Step
from storage.delivery import outbox
from storage.tickets.models import Ticket

KIND = "sms"
# The templates the gateway's operator approved, and the parameters each takes. Free text
# never goes out by SMS: the gateway holds the wording.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "受理": ("number",),   # the call became ticket {number}
    "办结": ("number",),   # ticket {number} is resolved
    "回访": ("number",),   # an officer will call back about ticket {number}
    # To the duty officers of [alerts] mobiles: emergency {number} of {unit} is unanswered.
    "紧急警情": ("number", "unit"),
}


@dataclass(frozen=True)
class SmsNotices:
    """Queues the hotline's SMS when the gateway is configured (`enabled`)."""

    enabled: bool = False

    def queue(self, session: AsyncSession, ticket: Ticket, template: str) -> bool:
        """Queue `template` for the ticket's caller; False when nothing is to be sent (no
        gateway, not a hotline ticket, anonymous, or no mobile number to text)."""
        if template not in TEMPLATES:
            raise ValueError(f"SMS template {template!r} is not approved")
        phone = valid_mobile(ticket.contact_phone or "")
        if not self.enabled or ticket.channel != "hotline" or ticket.anonymous or not phone:
            return False
        params = {"number": ticket.number}
        outbox.enqueue(session, KIND, phone, {"phone": phone, "template": template,
                                              "params": params, "ticket": ticket.number})
        return True

    def accepted(self, session: AsyncSession, ticket: Ticket) -> bool:
        """受理: the call was taken as a ticket."""
        return self.queue(session, ticket, "受理")

    def callback(self, session: AsyncSession, ticket: Ticket) -> bool:
        """回访: an officer owes the caller a call."""
        return self.queue(session, ticket, "回访")

    async def resolved(self, session: AsyncSession, ticket: Ticket, note: str,
                       now: datetime) -> bool:
        """办结: the ticket is resolved."""
        return self.queue(session, ticket, "办结")

    def hooks(self) -> HookSet:
        """The caller's SMS as lifecycle hooks: 回访 when a reply becomes a call owed, 办结
        on resolution."""
        async def replied(step: Step) -> None:
            if step.data.get("delivery") == "callback":
                self.callback(step.session, step.ticket)

        async def resolved(step: Step) -> None:
            await self.resolved(step.session, step.ticket, step.text, step.at)

        return {"replied": replied, "resolved": resolved}
