"""Intake: record each message once, handle one resident's messages in order, keep replies;
the backlog takes queued messages and those whose handler died, and gives up on a message
that keeps failing."""

from __future__ import annotations

import asyncio
import logging

from handlers import texts
from handlers.channels.intake_core import LEASE, STALE_AFTER, Accepted, Dispatch, IntakeCore
from handlers.channels.intake_rows import message_of
from handlers.channels.outage import database_unavailable
from handlers.core.channels import Answering, Channel, IntakePolicy
from handlers.core.settlement import Delivery
from handlers.core.types import Inbound, Reply
from storage.base import utcnow
from storage.delivery import outbox
from storage.intake import backlog, handled
from storage.intake import inbound as inbound_repo

log = logging.getLogger(__name__)
# Handling that failed this often on one message (not for want of the database) is given
# up: the fallback hands the message to an officer, and the resident's next ones go on.
MAX_ATTEMPTS = 3

__all__ = ["LEASE", "MAX_ATTEMPTS", "STALE_AFTER", "WECHAT", "Accepted", "Delivery", "Dispatch",
           "Intake"]

# The official account (/wechat): residents, answered passively within the reply budget,
# late replies as customer-service messages, which WeChat may hold back (48-hour window).
WECHAT = Channel("wechat", Answering.PASSIVE,
                 IntakePolicy(rate_limited=True, late_replies="wechat_text"),
                 holds_replies=True)


class Intake(IntakeCore):
    """Records, orders and handles residents' messages."""

    CHANNEL = WECHAT

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._failures: dict[int, int] = {}
        self.queue_waits = False
        # The backlog's pace: when it last took each resident's queued message (loop time),
        # and in how many seconds the first resident held back by it is due.
        self._turns: dict[str, float] = {}
        self.next_turn_s: float | None = None
        # Residents taken in hand by the backlog at once: on PostgreSQL half of the handling
        # slots (a dead instance's messages are taken over together, live pushes still find
        # slots); on SQLite one, as before (one connection, one writer).
        width = 1 if self._store.single_instance else max(1, self._locks.slots // 2)
        self._backlog_slots = asyncio.Semaphore(width)
        # Set when a late reply was queued in the outbox, so that it leaves at once rather
        # than at the outbox worker's next poll (bot.app wires it).
        self.outbox_wakeup: asyncio.Event | None = None

    async def load_backlog(self) -> None:
        """Remember residents with queued messages, so new ones queue behind them; messages
        a stopped instance left behind are looked at now (SQLite) or as their leases end."""
        async with self._sessions() as session:
            heads = await backlog.backlog_heads(session, self.orphans(), 10_000,
                                                channel=self.channel.name)
            self.next_lease_end = await backlog.next_lease_end(session, self.boot_id,
                                                               self.channel.name)
        self._backlogged.update(m.openid for m in heads if m.state == "queued")
        if heads:
            self.backlog_wakeup.set()

    async def drain_backlog_once(self, pace_s: float = 0.0) -> int:
        """Handle the oldest waiting message of each resident, several residents at once; a
        resident whose queued message the backlog took less than `pace_s` ago waits for the
        next round. Returns how many were handled."""
        async with self._sessions() as session:
            heads = await backlog.backlog_heads(session, self.orphans(),
                                                channel=self.channel.name)
            self.next_lease_end = await backlog.next_lease_end(session, self.boot_id,
                                                               self.channel.name)
            if self.next_lease_end is None and not self._store.single_instance:
                # Another instance may take messages and die before this one looks again:
                # look within a lease, so they are taken over soon after their leases end.
                self.next_lease_end = utcnow() + LEASE
            # Queued behind a message still in hand (maybe on another instance): look
            # again soon rather than when the idle wait ends.
            self.queue_waits = (not heads and bool(self._backlogged)
                                and await backlog.queued_count(session, self.channel.name) > 0)
        # Messages whose handling failed here first (they are their residents' oldest),
        # then the oldest waiting message of each resident whose turn it is.
        waiting = dict(self.stranded)
        for head in self._due(heads, pace_s):
            waiting.setdefault(head.id, head.openid)
        outcomes = await asyncio.gather(*(self._take_turn(inbound_id, openid)
                                          for inbound_id, openid in waiting.items()),
                                        return_exceptions=True)
        failed = [o for o in outcomes if isinstance(o, BaseException)]
        if failed:
            raise failed[0]     # the database is away: the round is tried again soon
        if not heads and not self.queue_waits:
            self._backlogged.clear()
        return sum(outcomes)

    def _due(self, heads: list, pace_s: float) -> list:
        """The heads whose turn it is: a taken-over message at once, a resident's queued
        messages no faster than one every `pace_s` (a flood is answered at the rate limit's
        pace). Notes when the first one held back is due."""
        now = asyncio.get_running_loop().time()
        self._turns = {o: t for o, t in self._turns.items() if now - t < pace_s}
        due, waits = [], []
        for head in heads:
            taken = self._turns.get(head.openid)
            if head.state == "queued" and taken is not None:
                waits.append(taken + pace_s - now)
            else:
                due.append(head)
        self.next_turn_s = min(waits, default=None)
        return due

    async def _take_turn(self, inbound_id: int, openid: str) -> int:
        """Handle one waiting message. This instance's own messages a fault cut short
        (`stranded`: PostgreSQL restarting, say) were answered 200 already, so WeChat never
        sends them again and their residents wait for the backlog alone: they go at once,
        bounded by the handling slots only; the half-width limit paces messages taken over
        from other instances, so that live pushes still find slots meanwhile."""
        if inbound_id in self.stranded:
            return await self._turn(inbound_id, openid)
        async with self._backlog_slots:
            return await self._turn(inbound_id, openid)

    async def _turn(self, inbound_id: int, openid: str) -> int:
        """One message handled; one that cannot be handled must not hold up everyone after
        it: given up after MAX_ATTEMPTS failures (not the database's)."""
        try:
            handled = await self._handle_waiting(inbound_id, openid, self._dispatch)
        except Exception as exc:
            if database_unavailable(exc):
                raise  # not the message's fault: tried again with the round
            attempts = self._failures.get(inbound_id, 0) + 1
            self._failures[inbound_id] = attempts
            log.exception("handling message %d failed (attempt %d of %d)", inbound_id,
                          attempts, MAX_ATTEMPTS)
            if attempts < MAX_ATTEMPTS:
                return 0
            handled = await self._handle_waiting(inbound_id, openid,
                                                 self.reply_when_failing)
            self._failures.pop(inbound_id, None)
        self.stranded.pop(inbound_id, None)
        return handled

    async def reply_when_failing(self, message: Inbound) -> Reply:
        """The reply to a message whose handling keeps failing: the fallback's (a ticket an
        officer answers), or an apology when that fails too. A door's intake may say
        otherwise."""
        log.error("message %s given up after %d failed attempts", message.inbound_id,
                  MAX_ATTEMPTS)
        if self._fallback is not None:
            try:
                return await self._fallback(message)
            except Exception:
                log.exception("fallback for message %s failed", message.inbound_id)
        return Reply(texts.with_110(texts.text("handling_failed")))

    async def _handle_waiting(self, inbound_id: int, openid: str, dispatch: Dispatch) -> int:
        async with self._locks.hold(openid):
            if inbound_id in self._inflight:
                return 0  # a retry took it over here meanwhile
            loop = asyncio.get_running_loop()
            taken_at = loop.time()
            async with self._sessions() as session, session.begin():
                row = await inbound_repo.get(session, inbound_id)
                if row is None or row.state == "handled":
                    return 0
                queued = row.state == "queued"
                if queued:
                    # Every instance's backlog sees the same queue: the first claim wins.
                    row = await backlog.claim_queued(session, inbound_id, self.boot_id,
                                                     utcnow() + LEASE)
                    if row is None:
                        return 0
                    self._turns[openid] = taken_at
                else:
                    row = await backlog.take_lease(session, inbound_id, self.orphans(),
                                                   utcnow() + LEASE)
                    if row is None:
                        return 0
                    log.info("message %d taken over from a handler that died", inbound_id)
                message = message_of(row)
            # No one waits for it, unless WeChat's retry arrives while it is handled.
            in_hand = self._hold(inbound_id, Delivery(waiting=False), loop.time() - taken_at)
            reply = None
            try:
                reply = await self._run(inbound_id, message, in_hand.delivery, dispatch)
            except Exception:
                if queued:
                    async with self._sessions() as session, session.begin():
                        await backlog.requeue(session, inbound_id, self.boot_id)
                raise
            finally:
                if not in_hand.future.done():
                    in_hand.future.set_result(reply or Reply())
                self._inflight.pop(inbound_id, None)
            if queued:
                async with self._sessions() as session:
                    if not await backlog.has_queued(session, openid):
                        self._backlogged.discard(openid)
        return 1


    async def _run(self, inbound_id: int, message: Inbound, delivery: Delivery,
                   dispatch: Dispatch) -> Reply:
        reply = await super()._run(inbound_id, message, delivery, dispatch)
        if delivery.mode == "late" and self.outbox_wakeup is not None:
            # Its reply was just queued in the outbox: sent now, not at the worker's next look.
            self.outbox_wakeup.set()
        return reply

    def delivery_of(self, inbound_id: int) -> Delivery | None:
        """How the reply of a message in hand here goes out; None when not in hand here."""
        in_hand = self._inflight.get(inbound_id)
        return in_hand.delivery if in_hand is not None else None

    async def send_late(self, inbound_id: int, openid: str, reply: Reply) -> bool:
        """The reply settled as the passive answer was ready only after the transport's
        budget: the platform has likely given up, so it goes out through the outbox and is
        recorded so; its retries are then answered with nothing, not with it again. False
        (answer passively after all) when it is no longer stored as passive."""
        if self._reply_kind is None or reply.empty:
            return False
        async with self._sessions() as session, session.begin():
            if not await handled.passive_to_outbox(session, inbound_id):
                return False
            outbox.enqueue(session, self._reply_kind, openid, {"text": reply.text},
                           priority=outbox.PRIORITY_REPLY, inbound_id=inbound_id)
        if self.outbox_wakeup is not None:
            self.outbox_wakeup.set()
        return True
