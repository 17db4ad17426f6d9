"""The 警民热线: each call the call centre reports becomes one ticket, however often it is
sent (idempotent on call_id, across instances), classified like a chat message."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core.context import Context
from handlers.core.errors import Invalid, unpaired_surrogate
from handlers.core.privacy import valid_mobile
from handlers.core.types import Inbound
from handlers.intents.services import Services
from handlers.tickets.alerts import alert_emergency
from handlers.tickets.opening import open_ticket
from handlers.tickets.sms import SmsNotices
from storage.base import utcnow
from storage.intake import inbound as inbound_repo
from storage.tickets import hotline as hotline_store
from storage.tickets import store as ticket_store
from storage.tickets.models import KINDS

CHANNEL = "hotline"
# Hotline rows in inbound_messages have no openid: they all carry this marker.
OPENID = "hotline"
CALL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
CALLER = re.compile(r"\+?[0-9][0-9-]{2,30}")
TRANSCRIPT_MAX = 10_000
OPERATOR_MAX = 64
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
# A category or intent -> the ticket's kind (§3: other and status become consult).
KIND_OF: dict[str, str] = {**{kind: kind for kind in KINDS},
                           "status": "consult", "other": "consult"}


@dataclass(frozen=True)
class HotlineCall:
    """One call as the call centre reported it, validated."""

    call_id: str
    caller: str | None          # normalised; None when withheld
    started_at: datetime
    transcript: str
    operator: str = ""
    category: str | None = None
    raw: str = ""


@dataclass(frozen=True)
class Received:
    """The call's ticket, and whether this request opened it (else a retry)."""

    number: str
    created: bool


def normalize_phone(phone: str) -> str:
    """Digits only (a leading + kept for foreign numbers); a Chinese mobile, however written
    (+86 / 0086 / 86, separators), becomes its 11 digits, as residents type it in WeChat."""
    mobile = valid_mobile(phone)
    if mobile is not None:
        return mobile
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if phone.startswith("+") else digits


def _text(data: Mapping[str, Any], name: str, maximum: int, *, required: bool) -> str | None:
    value = data.get(name)
    if value is None or (value == "" and not required):
        if required:
            raise Invalid(name, "hotline_field_required")
        return None
    if not isinstance(value, str):
        raise Invalid(name, "hotline_field_not_text")
    if unpaired_surrogate(value):
        raise Invalid(name, "hotline_field_unpaired_surrogate")
    if required and not value.strip():
        raise Invalid(name, "hotline_field_required")
    if len(value) > maximum:
        raise Invalid(name, "hotline_field_too_long", max=maximum)
    return value


def _started_at(value: object, tz: tzinfo, now: datetime) -> datetime:
    if isinstance(value, bool) or value is None:
        raise Invalid("started_at", "hotline_started_at_invalid")
    try:
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise ValueError
            moment = datetime.fromtimestamp(value, UTC)
        elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,12}", value):
            moment = datetime.fromtimestamp(int(value), UTC)
        elif isinstance(value, str) and 10 <= len(value) <= 40:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:   # a local time of the call centre
                moment = moment.replace(tzinfo=tz)
        else:
            raise ValueError
    except (ValueError, OverflowError, OSError):
        raise Invalid("started_at", "hotline_started_at_invalid") from None
    if not EARLIEST <= moment <= now + FUTURE_SLACK:
        raise Invalid("started_at", "hotline_started_at_invalid")
    return moment.astimezone(UTC)


def parse_call(data: object, tz: tzinfo, now: datetime, raw: str = "") -> HotlineCall:
    """Validate the call centre's JSON object; Invalid names the first bad field."""
    if not isinstance(data, dict):
        raise Invalid("body", "hotline_body_not_object")
    call_id = _text(data, "call_id", 128, required=True)
    if not CALL_ID.fullmatch(call_id or ""):
        raise Invalid("call_id", "hotline_call_id_invalid")
    caller = _text(data, "caller", 32, required=False)
    if caller is not None:
        caller = caller.strip()
        if caller and not CALLER.fullmatch(caller):
            raise Invalid("caller", "hotline_caller_invalid")
    started_at = _started_at(data.get("started_at"), tz, now)
    transcript = _text(data, "transcript", TRANSCRIPT_MAX, required=True) or ""
    operator = _text(data, "operator", OPERATOR_MAX, required=False) or ""
    category = _text(data, "category", 16, required=False)
    if category is not None and category not in KIND_OF:
        raise Invalid("category", "hotline_category_invalid")
    return HotlineCall(call_id=call_id or "", caller=normalize_phone(caller) if caller else None,
                       started_at=started_at, transcript=transcript.strip(),
                       operator=operator.strip(), category=category, raw=raw)


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
                emergency_kind=self.emergency_kind(call) if kind == "emergency" else None)
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
