"""The Router: one resident message, one transaction, and what comes around its reply (a
reply held back before it, the closing line after it); where the message goes is `kinds`'.
A new thing done to every reply, or around the transaction, goes here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.conversation import closing, held
from handlers.conversation.router import kinds
from handlers.core.context import Context
from handlers.core.settlement import settle_and_commit, settle_in
from handlers.core.types import NO_REPLY, Inbound, Reply
from handlers.intents.services import Services
from handlers.tickets.opening import open_ticket
from storage.base import utcnow
from storage.tickets import store as ticket_store


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
            reply = await kinds.route(ctx, self._history)
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
