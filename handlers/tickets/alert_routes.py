"""How an alert about a ticket reaches officers: the police group robot when there is one,
else the WeCom app to the unit's officers. Every job names its ticket and purpose, so its
delivery (tell the resident) and its failure (escalate) can follow it up."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.settings import AlertSettings
from storage.delivery import outbox
from storage.tickets import alerts as alert_store
from storage.tickets.models import Ticket

# What an alert job is for (its payload's "alert"); a failed first alert is escalated.
EMERGENCY, REALERT, LOCATION, ESCALATION = "emergency", "realert", "location", "escalation"
SMS_TEMPLATE = "紧急警情"


def payload(ticket: Ticket, text: str, purpose: str) -> dict[str, str]:
    """An alert job's payload: the words, and what follows its delivery or failure."""
    return {"text": text, "ticket": ticket.number, "alert": purpose}


async def send(session: AsyncSession, routes: AlertSettings, ticket: Ticket, text: str,
               purpose: str) -> str | None:
    """Queue `text` about `ticket` on the first route there is; the route used ("robot",
    "app"), or None when officers cannot be reached this way at all."""
    body = payload(ticket, text, purpose)
    if routes.robot:
        outbox.queue(session, "wecom_robot", "robot", body,
                     priority=outbox.PRIORITY_EMERGENCY)
        return "robot"
    if await to_officers(session, routes, ticket, body):
        return "app"
    return None


async def to_officers(session: AsyncSession, routes: AlertSettings, ticket: Ticket,
                      body: dict[str, str]) -> int:
    """The WeCom app message to each officer of the ticket's unit (else the supervisors)
    who has a WeCom account; how many were queued."""
    if not routes.app:
        return 0
    users = await alert_store.wecom_recipients(session, ticket.unit)
    for user in users:
        outbox.queue(session, "wecom_app", user, body, priority=outbox.PRIORITY_EMERGENCY)
    return len(users)


def to_mobiles(session: AsyncSession, routes: AlertSettings, ticket: Ticket) -> int:
    """An SMS (approved template 紧急警情: number, unit) to each `[alerts] mobiles`."""
    if not routes.sms:
        return 0
    for mobile in routes.mobiles:
        outbox.queue(session, "sms", mobile, {
            "phone": mobile, "template": SMS_TEMPLATE,
            "params": {"number": ticket.number, "unit": ticket.unit},
            "ticket": ticket.number, "alert": ESCALATION}, priority=outbox.PRIORITY_EMERGENCY)
    return len(routes.mobiles)
