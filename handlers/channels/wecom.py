"""Officers in the WeCom app: a small command table (我的工单, 接单, 回复, 办结, 收到, 签收,
退单, 转工单, 帮助) on top of the workflow, with §3's rights; every answer in Chinese."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.channels.hotline_calls import KIND_OF
from handlers.core.context import Context
from handlers.core.errors import WorkflowError
from handlers.core.privacy import find_mobile, mask_phone
from handlers.core.settlement import settle_in
from handlers.core.types import NO_REPLY, Inbound, Reply
from handlers.intents.services import Services
from handlers.officers.accounts import Actor
from handlers.officers.workflow import Workflow
from handlers.tickets.alerts import alert_emergency
from handlers.tickets.opening import open_ticket
from handlers.tickets.routing import route
from handlers.tickets.sms import SmsNotices
from handlers.tickets.view import running_clock
from storage.base import utcnow
from storage.officers import store as officer_store
from storage.tickets import alerts as alert_store
from storage.tickets import worklists
from storage.tickets.models import UNRESOLVED_STATUSES

LIST_LIMIT = 10
SUMMARY_CHARS = 30
REPORT_MAX = 2000
# "收到" without a number acknowledges an emergency raised this recently (re-alerts stop
# after 7 × 5 minutes; an older one is named by its number).
ACK_WITHOUT_NUMBER = timedelta(hours=2)
# WeCom's own events (entering the app, following it) need no answer.
GREETING_EVENTS = frozenset({"subscribe"})


@dataclass(frozen=True)
class Request:
    """One command: who sent it, what they wrote after the command word, when."""

    session: AsyncSession
    actor: Actor
    args: str
    now: datetime
    workflow: Workflow
    message: Inbound


Command = Callable[["WecomCommands", Request], Awaitable[str]]


def _split(args: str) -> tuple[str, str]:
    """A ticket number and the rest."""
    parts = args.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].upper(), parts[1].strip() if len(parts) > 1 else ""


async def _on_ticket(req: Request, action: str, usage: str, done: str,
                     fields: Callable[[str], dict[str, str]] | None = None) -> str:
    """One workflow step on the ticket a command names (its `fields` read from the rest of
    the message); the command's usage when the number, or the words the step needs, are
    missing."""
    number, rest = _split(req.args)
    if not number or (fields is not None and not rest):
        return texts.text(usage)
    await req.workflow.perform(req.session, req.actor, number, action,
                               {} if fields is None else fields(rest))
    return texts.text(done, number=number)


class WecomCommands:
    """Answers an officer's WeCom message; unknown users and commands get an explanation."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], services: Services, *,
                 sms: SmsNotices | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._services = services
        self._sms = sms  # None: the app's own (services.sms)
        self._clock = clock

    async def dispatch(self, message: Inbound) -> Reply:
        """The answer to one WeCom push (text commands; events mostly unanswered)."""
        if message.msg_type == "event" and message.event not in GREETING_EVENTS:
            return NO_REPLY
        async with self._sessions() as session:
            try:
                async with session.begin():
                    answer = await self._answer(session, message)
                    # Stored with what the command did: carried out once, even after a crash.
                    await settle_in(session, message, Reply(answer))
            except WorkflowError as error:   # rolled back; the officer reads why
                return Reply(error.message)
        return Reply(answer)

    async def _answer(self, session: AsyncSession, message: Inbound) -> str:
        officer = await officer_store.by_wecom_user(session, message.openid)
        if officer is None:
            return texts.text("wecom_unknown_user")
        if officer.disabled:
            # Bound but switched off: "not bound" would send them to be bound again.
            return texts.text("wecom_disabled_user")
        actor = Actor.of(officer)
        if message.msg_type == "event":
            return texts.text("wecom_help", name=actor.name)
        if message.msg_type != "text":
            return texts.text("wecom_text_only")
        found = _parse(message.content)
        if found is None:
            return texts.text("wecom_unknown_command")
        command, args = found
        now = self._clock()
        workflow = self._services.workflow(lambda: now, self._sms)
        return await command(self, Request(session, actor, args, now, workflow, message))

    # --- the commands -----------------------------------------------------------------------

    async def mine(self, req: Request) -> str:
        tickets = await worklists.search(req.session, statuses=UNRESOLVED_STATUSES,
                                         assignee=req.actor.username, limit=LIST_LIMIT)
        if not tickets:
            return texts.text("wecom_mine_none")
        settings = self._services.settings
        lines = [texts.text("wecom_mine_head", count=len(tickets))]
        for ticket in tickets:
            summary = settings.masking(ticket.summary)
            if len(summary) > SUMMARY_CHARS:
                summary = summary[:SUMMARY_CHARS] + "…"
            # An officer on the street works from this list: where to go, and the deadline
            # that counts now (a P1's first response until acknowledged).
            details = []
            place = settings.masking(ticket.place or ticket.area or "") or (
                texts.text("wecom_mine_located") if ticket.latitude is not None else "")
            if place:
                details.append(texts.text("wecom_mine_place", place=place))
            clock, due = running_clock(ticket)
            if clock is not None and due is not None:
                details.append(texts.text(f"wecom_mine_due_{clock}",
                                          due=f"{due.astimezone(settings.tz):%m-%d %H:%M}"))
            lines.append(texts.text(
                "wecom_mine_line", number=ticket.number, kind=texts.KIND_LABELS[ticket.kind],
                status=texts.STATUS_LABELS[ticket.status], priority=ticket.priority,
                summary=summary, details="，".join(details)))
        return "\n".join(lines)

    async def take(self, req: Request) -> str:
        number, _ = _split(req.args)
        if not number:
            return texts.text("wecom_usage_take")
        await req.workflow.perform(req.session, req.actor, number, "assign",
                                   {"officer": req.actor.username, "reason": ""})
        return texts.text("wecom_taken", number=number)

    async def reply(self, req: Request) -> str:
        number, text = _split(req.args)
        if not number or not text:
            return texts.text("wecom_usage_reply")
        outcome = await req.workflow.perform(req.session, req.actor, number, "reply",
                                             {"text": text})
        ticket = outcome.ticket
        if outcome.delivery == "callback":
            return texts.text("wecom_replied_callback", number=number,
                              phone=mask_phone(ticket.contact_phone or ""))
        return texts.text(f"wecom_replied_{outcome.delivery}", number=number)

    async def resolve(self, req: Request) -> str:
        return await _on_ticket(req, "status", "wecom_usage_resolve", "wecom_resolved",
                                lambda note: {"status": "resolved", "note": note})

    async def acknowledge(self, req: Request) -> str:
        if req.args.strip():
            return await _on_ticket(req, "acknowledge", "wecom_usage_ack",
                                    "wecom_acknowledged")
        # "收到" alone, as a duty officer answers an alert: the one emergency of theirs (every
        # unit's for a supervisor) still waiting; with several, which one.
        waiting = await alert_store.awaiting_acknowledgement(
            req.session, None if req.actor.supervises else req.actor.unit,
            req.now - ACK_WITHOUT_NUMBER)
        if not waiting:
            return texts.text("wecom_ack_none")
        if len(waiting) > 1:
            tz = self._services.settings.tz
            return "\n".join([texts.text("wecom_ack_which", count=len(waiting))] + [
                texts.text("wecom_ack_line", number=t.number, unit=t.unit,
                           at=f"{t.created_at.astimezone(tz):%H:%M}") for t in waiting])
        number = waiting[0].number
        await req.workflow.perform(req.session, req.actor, number, "acknowledge", {})
        return texts.text("wecom_acknowledged", number=number)

    async def sign(self, req: Request) -> str:
        return await _on_ticket(req, "sign", "wecom_usage_sign", "wecom_signed")

    async def return_ticket(self, req: Request) -> str:
        return await _on_ticket(req, "return", "wecom_usage_return", "wecom_returned",
                                lambda reason: {"reason": reason})

    async def report(self, req: Request) -> str:
        text = req.args.strip()
        if not text:
            return texts.text("wecom_usage_report")
        if len(text) > REPORT_MAX:
            return texts.text("wecom_report_too_long", max=REPORT_MAX)
        services = self._services
        prediction = services.classifier.classify(text)
        kind = KIND_OF[prediction.intent]
        settings = services.settings
        where = route(settings.units, settings.default_unit, text=text)
        # Unroutable words stay with the reporting officer's unit rather than 待分派.
        unit = where.unit if not where.flagged or settings.unit(req.actor.unit) is None \
            else req.actor.unit
        ticket = await open_ticket(
            req.session, settings, services.calendar, kind=kind, text=text, channel="wecom",
            now=req.now, contact_phone=find_mobile(text), reasons=tuple(prediction.reasons),
            priority="P1" if kind == "emergency" else None, unit=unit,
            inbound_id=req.message.inbound_id, actor=req.actor.username,
            emergency_kind=prediction.emergency_kind)
        if kind == "emergency":
            await alert_emergency(Context(req.session, req.message, req.now, services), ticket)
        return texts.text("wecom_reported", number=ticket.number,
                          kind=texts.KIND_LABELS[kind], unit=ticket.unit,
                          priority=ticket.priority)

    async def help(self, req: Request) -> str:
        return texts.text("wecom_help", name=req.actor.name)


# Command word -> handler; longer words are matched first ("我的工单" before others).
COMMANDS: dict[str, Command] = {
    "我的工单": WecomCommands.mine,
    "接单": WecomCommands.take,
    "回复": WecomCommands.reply,
    "办结": WecomCommands.resolve,
    "收到": WecomCommands.acknowledge,
    "签收": WecomCommands.sign,
    "退单": WecomCommands.return_ticket,
    "转工单": WecomCommands.report,
    "帮助": WecomCommands.help,
}
_COMMAND = re.compile(
    "^(" + "|".join(sorted(map(re.escape, COMMANDS), key=len, reverse=True)) + r")(.*)$",
    re.DOTALL)


def _parse(content: str) -> tuple[Command, str] | None:
    """The command and its arguments, or None."""
    text = content.strip().replace("\u3000", " ")
    match = _COMMAND.match(text)
    if match is None:
        return None
    return COMMANDS[match.group(1)], match.group(2).strip()
