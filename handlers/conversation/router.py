"""The router: every resident message, in the order of precedence of contract §4.

1. the emergency gate; 2. 取消 / 返回 / 重新开始; 3. menu keys; 4. ticket numbers and status
phrases (评价 with or without a number first: rating late); 5. an open dialog step; 6. the
classifier's intent (a quick menu when unsure), a short follow-up to a knowledge-base answer
being read with that answer's topic (handlers.conversation.followup)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.conversation import (
    asides,
    closing,
    courtesy,
    followup,
    held,
    helpmenu,
    late_rating,
    locations,
    menu,
    quickmenu,
    verdict,
)
from handlers.conversation.ongoing import supplement
from handlers.core.context import Context
from handlers.core.settlement import current as current_settlement
from handlers.core.settlement import settle_and_commit, settle_in
from handlers.core.types import NO_REPLY, Inbound, Reply
from handlers.dialogs.engine import Dialogs
from handlers.dialogs.steps import NotAnAnswer, control_command
from handlers.intents import complaint, consult, emergency, status
from handlers.intents.bookings import reschedule
from handlers.intents.catalogue import REGISTRY
from handlers.intents.services import Services
from handlers.tickets.opening import open_ticket
from storage.base import utcnow
from storage.intake import inbound as inbound_store
from storage.intake.dialogs import Saved
from storage.tickets import store as ticket_store

# Dialogs of the conversation itself; each intent's come from its record (REGISTRY).
DIALOGS = (verdict.DIALOG, helpmenu.DIALOG, supplement.DIALOG)
SILENT_EVENTS = frozenset({"unsubscribe", "view", "location", "templatesendjobfinish",
                           "view_miniprogram"})
MEDIA_TYPES = frozenset({"image", "video", "shortvideo", "voice"})
# Intents a confident classifier keeps a short question to, even right after an answer.
OWN_INTENTS = frozenset({"complaint", "feedback", "status", "emergency"})


def register_dialogs(faq, cached: bool = False) -> Dialogs:
    """The registry with every dialog of every intent module (`cached`: see Dialogs)."""
    dialogs = Dialogs(cached=cached)
    for dialog in (*REGISTRY.dialogs(faq), quickmenu.dialog(), *DIALOGS):
        dialogs.add(dialog)
    return dialogs


class Router:
    """Turns one resident message into a reply, in one transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], services: Services,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self._sessions = sessions
        self._services = services
        self._clock = clock
        # The resident's previous answered message: where §4's 110 line goes, and whether
        # a greeting comes after a pause (then it brings the menu).
        self._history = closing.History(sessions.kw["bind"], services.settings.tz)

    async def dispatch(self, message: Inbound) -> Reply:
        """The reply to `message`; tickets, dialog state and alerts commit together."""
        if not message.known_type:
            return NO_REPLY
        # The session is made on first use: a reply that needs no reads or writes (a
        # knowledge-base answer to a resident with no open dialog) touches no database.
        ctx = Context(self._sessions, message, self._clock(), self._services)
        try:
            reply = await self._route(ctx)
            if reply.text and self._services.channels.holds_replies(message.channel):
                # What WeChat would not let us send before, now it can.
                reply = await held.carry(ctx, self._services.held, reply)
            reply = await self._closed(ctx, reply)
            if ctx.opened is not None and ctx.opened.in_transaction():
                # The reply commits with the effects: handled again, nothing is done twice.
                await settle_and_commit(ctx.opened, message, reply)
        except BaseException:
            self._services.dialogs.forget(message.openid)
            raise
        finally:
            if ctx.opened is not None:
                await ctx.opened.close()
        return reply

    async def fallback(self, message: Inbound) -> Reply:
        """For a message whose handling keeps failing: an officer answers it through a
        consult ticket holding what the resident sent."""
        services = self._services
        now = self._clock()
        text = message.content or message.recognition or f"[{message.msg_type}]"
        async with self._sessions() as session, session.begin():
            ticket = await open_ticket(
                session, services.settings, services.calendar, kind="consult", text=text,
                channel=message.channel, now=now, openid=message.openid,
                reasons=("handling_failed",), inbound_id=message.inbound_id)
            reply = texts.text("handling_failed_ticket", number=ticket.number,
                               due=services.local_time(ticket.first_response_due))
            ticket_store.add_event(session, ticket, "system", "auto_reply", reply, at=now)
            answer = await self._closed(Context(session, message, now, services), Reply(reply))
            await settle_in(session, message, answer)
        return answer

    async def _closed(self, ctx: Context, reply: Reply) -> Reply:
        if not reply.text:
            return reply
        text = closing.settled(reply.text)
        if text is None:   # the line depends on what the resident was told before
            previous = await self._history.previous(ctx)
            text = closing.close(reply.text, self._history.today(ctx), previous)
        self._history.answered(ctx, text)
        return Reply(text)

    async def _paused(self, ctx: Context) -> bool:
        previous = await self._history.previous(ctx)
        return courtesy.paused(previous.received_at if previous else None, ctx.now)

    async def _route(self, ctx: Context) -> Reply:
        message = ctx.message
        if message.msg_type == "event":
            return await self._event(ctx)
        text = message.content if message.msg_type == "text" else message.recognition
        if message.msg_type in MEDIA_TYPES and not text:
            return await self._media(ctx)
        if message.msg_type == "location":
            return await self._location(ctx)
        if not text.strip():
            return Reply(texts.text("help"))
        return await self._text(ctx, text)

    async def _text(self, ctx: Context, text: str) -> Reply:
        typed = menu.action(text.strip())
        if typed is not None:  # a menu key typed out is a button, never a report
            return await typed(ctx)
        # Asked already when the message came past a full queue (conversation.urgency).
        prediction = ctx.message.verdict or self._services.classifier.classify(text)
        reasons = tuple(prediction.reasons)
        dialogs = self._services.dialogs
        saved = await dialogs.current(ctx)
        # The rules' emergencies pre-empt everything; one the model alone raised does not
        # pre-empt an answer to a dialog's question ("我家楼下" answering 地点).
        if prediction.intent == "emergency" and (saved is None or _by_rule(reasons)):
            await _classified(ctx, "acted")
            return await emergency.handle(ctx, text, reasons, prediction.emergency_kinds,
                                          prediction.also_told)
        await dialogs.loaded(saved, text)     # what reading the message needs, off the loop
        command = control_command(text)
        if command is not None:
            return await dialogs.control(ctx, saved, command)
        rating = late_rating.request(text)
        if rating is not None:    # 评价 (工单号): the verdict dialog again, within 5 working days
            return await late_rating.handle(ctx, rating, prediction.ticket_number)
        mine = await reschedule.own_booking(ctx, text, prediction.ticket_number)
        if mine is not None:      # "取消预约", "预约能改到周三吗": the resident's own booking
            return mine
        if prediction.ticket_number or (prediction.intent == "status"
                                        and reasons and reasons[0].startswith("rule")):
            if prediction.ticket_number:
                return await status.handle(ctx, prediction.ticket_number)
            return await status.show(ctx)
        if prediction.report_request:    # "我要报警": 110 first, then the matter recorded here
            return await dialogs.start(ctx, complaint.START.name,
                                       intro=texts.text("report_request"))
        if saved is not None:
            aside = await asides.in_dialog(ctx, saved, text)
            if aside is not None:     # a greeting or a question: answered, the step again
                return aside
            try:
                return await dialogs.answer(ctx, saved, text)
            except NotAnAnswer:
                saved = None   # a lenient prompt left unanswered (and closed): read afresh
        said = courtesy.kind(text)
        if said is not None:
            # Only a greeting asks whether the resident paused: the previous message is read
            # for it alone, or once the reply is known (_closed), if the line depends on it.
            paused = said == "greeting" and await self._paused(ctx)
            courteous = await asides.courtesy(ctx, text, paused)
            if courteous is not None:
                return courteous
        seen = supplement.Seen()
        if saved is None:
            continued = await supplement.continuing(ctx, text, prediction.intent,
                                                    prediction.confident, reasons, seen)
            if continued is not None:    # an answer to the officer, a supplement
                await _classified(ctx, "joined")     # neither acted on nor the menu
                return continued
        if saved is None and followup.asks_on(text) and not _alarming(reasons) and not (
                prediction.confident and prediction.intent in OWN_INTENTS):
            # "在哪办" just after an answer asks about that answer's topic.
            entry = followup.topic_of(self._services.faq, await self._history.previous(ctx),
                                      ctx.now)
            if entry is not None:
                await _classified(ctx, "acted")
                return await followup.handle(ctx, entry, text, reasons)
        known = await consult.known(ctx, text, prediction)
        if known is not None:  # the knowledge base knows it
            await _classified(ctx, "acted")
            return await REGISTRY.handle(ctx, REGISTRY.faq_answerer(), text,
                                         (*reasons, f"faq:{known}"))
        if prediction.intent == "other" and prediction.confident:
            return await asides.other(ctx, text)
        if not prediction.confident:
            await _classified(ctx, "menu")
            # A danger the alarm talked the gate out of ("家里着火了怎么办": a fire now, or a
            # question?) is not raised, but the numbers come before the menu, in case.
            if _overruled(reasons):
                return await quickmenu.ask(ctx, text, prediction.intent, reasons,
                                           texts.text("maybe_danger"))
            recent = await supplement.just_reported(ctx, seen)
            if recent is not None:   # more about the matter just reported, or another?
                return await supplement.ask(ctx, recent, text, prediction.intent, reasons)
            return await quickmenu.ask(ctx, text, prediction.intent, reasons)
        await _classified(ctx, "acted")
        return await REGISTRY.handle(ctx, prediction.intent, text, reasons)

    async def _event(self, ctx: Context) -> Reply:
        event = ctx.message.event
        if event in ("subscribe", "subscribe_scan"):
            return Reply(texts.text("welcome"))
        if event in SILENT_EVENTS:
            return NO_REPLY
        clicked = menu.action(ctx.message.event_key) if event == "click" else None
        if clicked is not None:
            return await clicked(ctx)
        if event == "location_select":   # the menu's 发送位置: the place comes with the event
            return await self._location(ctx) if ctx.message.location else NO_REPLY
        return Reply(texts.text("help"))

    async def _media(self, ctx: Context) -> Reply:
        saved = await self._services.dialogs.current(ctx)
        number = _detailing(saved)
        if number:
            description = {"voice": "语音", "image": "照片"}.get(ctx.message.msg_type, "视频")
            attached = await complaint.attach(ctx, number, f"[{description}]")
            if attached is not None:
                if ctx.message.msg_type == "voice":
                    return Reply(texts.text("voice_unrecognized"))
                return attached
        if ctx.message.msg_type == "voice":
            return Reply(texts.text("voice_unrecognized"))
        return Reply(texts.text("media_received"))

    async def _location(self, ctx: Context) -> Reply:
        if ctx.message.location is None:
            return Reply(texts.text("location_received"))
        recent = await ticket_store.latest_open(ctx.session, ctx.message.openid, "emergency",
                                                ctx.now - emergency.JOIN_WINDOW)
        reply = await locations.receive(ctx, recent)
        if reply is not None:
            return reply
        number = _detailing(await self._services.dialogs.current(ctx))
        ticket = await ticket_store.get_by_number(ctx.session, number) if number else None
        if ticket is not None:
            return await locations.attach(ctx, ticket)
        return Reply(texts.text("location_received"))


def _by_rule(reasons: tuple[str, ...]) -> bool:
    return any(reason.startswith("rule:emergency") for reason in reasons)


def _alarming(reasons: tuple[str, ...]) -> bool:
    """Whether anything in the classifier saw a danger, even one it settled otherwise: such
    a message is never read as a follow-up to an answer."""
    return any("emergency" in reason for reason in reasons)


def _overruled(reasons: tuple[str, ...]) -> bool:
    """Whether the gate found a danger told now that the alarm overruled."""
    return any(reason.startswith("alarm:overruled") for reason in reasons)


def _detailing(saved: Saved | None) -> str | None:
    """The ticket whose details the resident is giving, if any."""
    if saved is not None and saved.dialog == complaint.DETAILS.name:
        return saved.data.get("_ticket")
    return None


async def _classified(ctx: Context, outcome: str) -> None:
    """Keep the message's outcome, "acted", "menu" or "joined" a ticket, for /metrics."""
    settlement = current_settlement(ctx.message)
    if settlement is not None:
        # Stored with the reply: a knowledge-base answer then needs no session of its own.
        settlement.classified = outcome
    elif ctx.message.inbound_id is not None:
        await inbound_store.mark_classified(ctx.session, ctx.message.inbound_id, outcome)
