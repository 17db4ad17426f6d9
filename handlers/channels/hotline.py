"""The 警民热线: each call the call centre reports becomes one ticket, however often it is
sent (idempotent on call_id, across instances), classified like a chat message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.channels.hotline_calls import KIND_OF, HotlineCall
from handlers.core.channels import Answering, Channel, IntakePolicy
from handlers.core.context import Context
from handlers.core.types import Inbound
from handlers.intents.services import Services
from handlers.tickets import places
from handlers.tickets.alerts import alert_emergency
from handlers.tickets.opening import open_ticket
from handlers.tickets.sms import SmsNotices
from storage.base import utcnow
from storage.intake import inbound as inbound_repo
from storage.tickets import hotline as hotline_store
from storage.tickets import store as ticket_store

# The 警民热线 (/hotline/calls): the call centre's system, answered with JSON at once (the
# call's ticket); each call recorded once by its call_id, never queued, nothing sent later.
HOTLINE = Channel("hotline", Answering.JSON, IntakePolicy(rate_limited=False, late_replies=None))
CHANNEL = HOTLINE.name
# Hotline rows in inbound_messages have no openid: they all carry this marker.
OPENID = "hotline"


@dataclass(frozen=True)
class Received:
    """The call's ticket, and whether this request opened it (else a retry)."""

    number: str
    created: bool


class HotlineDesk:
    """Turns calls into tickets: classified, routed, the police group alerted for
    emergencies, the caller texted when the SMS gateway is on."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], services: Services, *,
                 sms: SmsNotices | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._services = services
        self._sms = sms or SmsNotices()
        self._clock = clock

    @property
    def tz(self) -> tzinfo:
        """The tickets' timezone (naive call times are read in it)."""
        return self._services.settings.tz

    def now(self) -> datetime:
        """The desk's clock."""
        return self._clock()

    def decide(self, call: HotlineCall) -> tuple[str, str | None, tuple[str, ...]]:
        """(kind, priority or None for the kind's default, reasons): the classifier's
        intent, unless the call centre's category overrides it."""
        prediction = self._services.classifier.classify(call.transcript)
        reasons = tuple(prediction.reasons)
        kind = KIND_OF[prediction.intent]
        if call.category is not None:
            kind = KIND_OF[call.category]
            reasons = (f"hotline:category:{call.category}", *reasons)
        return kind, "P1" if kind == "emergency" else None, reasons

    def emergency_kind(self, call: HotlineCall) -> str:
        """The kind (§4) of an emergency call, from its transcript ("other" when unclear)."""
        return self._services.classifier.classify(call.transcript).emergency_kind or "other"

    async def receive(self, call: HotlineCall) -> Received:
        """The call's ticket, opened by the first delivery of `call_id` only."""
        kind, priority, reasons = self.decide(call)   # outside the transaction: CPU only
        now = self._clock()
        async with self._sessions() as session, session.begin():
            inbound_id = await hotline_store.claim_call(session, _row(call, now))
            if inbound_id is None:
                existing = await hotline_store.ticket_of_call(session, call.call_id)
                if existing is None:   # recorded by something that opened no ticket
                    raise LookupError("hotline call recorded without a ticket")
                return Received(existing.number, False)
            services = self._services
            ticket = await open_ticket(
                session, services.settings, services.calendar, kind=kind,
                text=call.transcript, channel=CHANNEL, now=now, contact_phone=call.caller,
                reasons=reasons, priority=priority, inbound_id=inbound_id,
                emergency_kind=self.emergency_kind(call) if kind == "emergency" else None,
                unrouted_place=places.said(call.transcript))
            ticket_store.add_event(
                session, ticket, ticket_store.ACTOR_RESIDENT, "message_in", call.transcript,
                at=now, call_id=call.call_id, started_at=call.started_at.isoformat(),
                operator=call.operator or None, category=call.category,
                withheld=call.caller is None)
            if kind == "emergency":
                await alert_emergency(_context(session, call, now, services), ticket)
            self._sms.accepted(session, ticket)
            await inbound_repo.mark_handled(session, inbound_id, ticket.number, "none")
            return Received(ticket.number, True)


def _row(call: HotlineCall, now: datetime) -> dict[str, Any]:
    # Stored handled at once: the resident intake's backlog never picks it up.
    return {"channel": CHANNEL, "dedupe_key": call.call_id, "openid": OPENID,
            "msg_type": "call", "content": call.transcript, "raw": call.raw or None,
            "sent_at": call.started_at, "received_at": now, "state": "handled",
            "reply_mode": "none", "handled_at": now}


def _context(session: AsyncSession, call: HotlineCall, now: datetime,
             services: Services) -> Context:
    message = Inbound(channel=CHANNEL, dedupe_key=call.call_id, openid=OPENID,
                      msg_type="call", content=call.transcript)
    return Context(session, message, now, services)
