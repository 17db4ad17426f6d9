"""The core of the intake: record each message once, handle it under its resident's lock,
keep its reply, and follow WeChat's retries. Each message in hand carries a lease (boot id and
expiry, renewed while it works); one whose handler died (lease ran out, or ours but no longer
in hand; on SQLite, any other boot's) is taken over by WeChat's next retry or the backlog."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.channels.intake_rows import new_row, stored_reply
from handlers.channels.outage import record_patiently
from handlers.channels.throttle import Throttle
from handlers.channels.watch import Watcher
from handlers.core import checkpoints
from handlers.core.channels import Channel
from handlers.core.settlement import AlreadyHandled, Delivery, Settlement, settling
from handlers.core.types import NO_REPLY, Inbound, Reply
from storage.base import utcnow
from storage.delivery import outbox
from storage.intake import backlog
from storage.intake import inbound as inbound_repo
from storage.intake.inbound import Ask, Completion, InboundStore, Recorded, Renewal
from storage.intake.locks import ResidentLocks
from storage.intake.nonces import SignedWith

log = logging.getLogger(__name__)

Dispatch = Callable[[Inbound], Awaitable[Reply]]
# How long a handler holds a message unrenewed; renewed every RENEW_AFTER_S in hand (a heartbeat).
LEASE = timedelta(seconds=3)
RENEW_AFTER_S = 1.0
# Rows recorded before leases existed count as abandoned after this.
STALE_AFTER = timedelta(seconds=120)
# How often the retries waiting here look (all in one query) whether another instance has
# settled their first deliveries.
RETRY_POLL_S = 0.1


def new_boot_id() -> str:
    """An id for this instance's life, recorded on the messages it holds."""
    return uuid.uuid4().hex[:16]


@dataclass(frozen=True)
class Accepted:
    """A recorded message and what the transport should do with it now."""

    id: int
    duplicate: bool = False
    queued: bool = False
    # Known already: a duplicate's stored reply, or a notice. None on a duplicate means
    # the first delivery is still being handled (see Intake.follow).
    reply: Reply | None = None
    reused: bool = False         # refused: its URL signature was used for another message
    taken_over: bool = False     # its first handler died; handled again, effects once
    recorded: Recorded | None = None


@dataclass
class InHand:
    """A message being handled here."""

    future: asyncio.Future[Reply]
    delivery: Delivery
    renewed: float               # loop time its lease was last set


class IntakeCore:
    """Records and handles residents' messages; the backlog is in handlers.intake."""

    # The door whose messages this intake takes in, unless one is passed in: its intake
    # policy says whether a new message may be queued (rate limit, backlogs across
    # instances) and where late replies go.
    CHANNEL: ClassVar[Channel]

    def __init__(self, sessions: async_sessionmaker[AsyncSession], store: InboundStore,
                 locks: ResidentLocks, dispatch: Dispatch, *, rate_limit: int,
                 throttle: Throttle | None = None, fallback: Dispatch | None = None,
                 boot_id: str | None = None, channel: Channel | None = None) -> None:
        self.channel = channel or self.CHANNEL
        if self.channel.intake.late_replies is None:
            # This intake answers within a budget: what misses it must have a way out.
            raise ValueError(f"the {self.channel.name} door declares no way for late replies")
        self._reply_kind = self.channel.intake.late_replies
        self._sessions = sessions
        self._store = store
        self._locks = locks
        self._dispatch = dispatch
        self._fallback = fallback
        self._throttle = throttle or Throttle(rate_limit)
        self._rate_limit = rate_limit
        self._backlogged: set[str] = set()
        self._inflight: dict[int, InHand] = {}
        self._watcher = Watcher(sessions, RETRY_POLL_S)
        # Messages whose handling here failed: inbound id -> openid (the backlog retries).
        self.stranded: dict[int, str] = {}
        self.boot_id = boot_id or new_boot_id()
        self.backlog_wakeup = asyncio.Event()
        # When another instance's first lease runs out (the backlog looks again then).
        self.next_lease_end: datetime | None = None

    async def accept(self, message: Inbound, signed: SignedWith | None = None, *,
                     patience_s: float = 0.0) -> Accepted:
        """Record `message` (committed on return) and say how to answer it; while the
        database is unavailable, recording is tried again for up to `patience_s`."""
        verdict = self._rate(message.openid)
        queued = verdict != "ok" or message.openid in self._backlogged
        row = new_row(message, "queued" if queued else "received")
        row["recorded_by"] = self.boot_id
        if not queued:
            row.update(lease_holder=self.boot_id, lease_until=row["received_at"] + LEASE)
        # On PostgreSQL the store also looks across instances (their backlogs, the messages
        # they hold, the rate they counted) and may queue the row, if the door queues at all.
        ask = (Ask(self.boot_id, self._rate_limit, self._throttle.recent(message.openid))
               if self.channel.intake.rate_limited else None)
        try:
            recorded = await record_patiently(self._store, row, signed, ask, patience_s)
        except Exception:
            self._throttle.undo(message.openid)
            raise
        if recorded.reused or recorded.duplicate:
            # Not a new message: it must not use up the rate or its one notice.
            self._throttle.undo(message.openid)
            return Accepted(0, reused=True) if recorded.reused else _duplicate(recorded)
        if not queued and recorded.state == "queued":
            queued, verdict = True, recorded.verdict
        if queued:
            self._backlogged.add(message.openid)
            self.backlog_wakeup.set()
            notice = Reply(texts.text("rate_limited")) if verdict == "notice" else None
            return Accepted(recorded.id, queued=True, reply=notice)
        # Registered before returning, so a retry recorded in the same batch finds it.
        self._hold(recorded.id, Delivery(), (utcnow() - row["received_at"]).total_seconds())
        await checkpoints.reached("recorded", recorded.id)
        return Accepted(recorded.id)

    def _rate(self, openid: str) -> str:
        if not self.channel.intake.rate_limited:
            return "ok"
        return self._throttle.hit(openid)

    async def follow(self, accepted: Accepted, timeout_s: float) -> Reply | None:
        """The reply for a retry of a message still being handled, here or on another
        instance, once it settles within `timeout_s` (else nothing). None when its handler
        died: it is then in hand here, to be handled with `accepted.taken_over`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout_s, 0.0)
        row = accepted.recorded
        while True:
            in_hand = self._inflight.get(accepted.id)
            if in_hand is not None:
                return await self._wait(in_hand, deadline - loop.time())
            if row is None:
                return NO_REPLY
            if row.state != "received":
                return stored_reply(row)
            if self._orphaned(row.lease_holder, row.lease_until, row.received_at):
                self._hold(accepted.id, Delivery())
                return None
            if loop.time() >= deadline:
                return NO_REPLY
            fresh = await self._watcher.next_read(accepted.id, deadline - loop.time())
            if fresh is not None and accepted.id not in self._inflight:
                row = fresh

    async def _wait(self, in_hand: InHand, timeout_s: float) -> Reply:
        in_hand.delivery.attach()
        try:
            async with asyncio.timeout(max(timeout_s, 0.0)):
                return await asyncio.shield(in_hand.future)
        except TimeoutError:
            if in_hand.delivery.give_up():
                return NO_REPLY
            return await asyncio.shield(in_hand.future)  # settled passive, committing now

    def _orphaned(self, holder: str | None, until: datetime | None,
                  received_at: datetime | None) -> bool:
        """True when the message's handler died (the caller checked it is not in hand here)."""
        now = utcnow()
        if holder == self.boot_id:
            return True
        if until is None:
            return received_at is not None and received_at < now - STALE_AFTER
        return until < now or (self._store.single_instance and holder is not None)

    def give_up(self, inbound_id: int) -> bool:
        """A transport's budget ran out: True if it answers without the reply."""
        in_hand = self._inflight.get(inbound_id)
        # Not in hand any more: the handling is finishing, its answer is ready.
        return in_hand is not None and in_hand.delivery.give_up()

    def _hold(self, inbound_id: int, delivery: Delivery, age_s: float = 0.0) -> InHand:
        loop = asyncio.get_running_loop()
        in_hand = InHand(loop.create_future(), delivery, loop.time() - age_s)
        self._inflight[inbound_id] = in_hand
        return in_hand

    async def handle(self, accepted: Accepted, message: Inbound,
                     delivery: Delivery | None = None) -> Reply:
        """Handle a message (fresh, or taken over) under its resident's lock; the reply goes
        out passively if a transport still waits, else through the outbox."""
        in_hand = self._inflight.get(accepted.id) or self._hold(accepted.id, Delivery())
        if delivery is not None:
            in_hand.delivery = delivery
        reply = NO_REPLY
        try:
            async with self._locks.hold(message.openid):
                if accepted.taken_over:
                    stored = await self._take(accepted.id)
                    if stored is not None:
                        reply = stored
                        return reply
                reply = await self._run(accepted.id, message, in_hand.delivery, self._dispatch)
            return reply
        except Exception:
            # Its row stays "received" under our lease: the backlog takes it again soon,
            # rather than once the lease has run out (PostgreSQL restarting, say).
            self.stranded[accepted.id] = message.openid
            self.backlog_wakeup.set()
            raise
        finally:
            if not in_hand.future.done():
                in_hand.future.set_result(reply)
            self._inflight.pop(accepted.id, None)

    async def _take(self, inbound_id: int) -> Reply | None:
        """Hold a message whose handler died: None when it still needs handling, else the
        reply it got meanwhile (another instance or retry finished it)."""
        async with self._sessions() as session, session.begin():
            taken = await backlog.take_lease(session, inbound_id, self.orphans(),
                                             utcnow() + LEASE)
            if taken is not None:
                log.info("message %d taken over from a handler that died", inbound_id)
                return None
            row = await inbound_repo.get(session, inbound_id)
        return stored_reply(row) if row is not None else NO_REPLY

    async def _run(self, inbound_id: int, message: Inbound, delivery: Delivery,
                   dispatch: Dispatch) -> Reply:
        """Dispatch once and store the reply; what a waiting transport is given."""
        settlement = Settlement(inbound_id, message.openid, delivery, self._reply_kind)
        try:
            with settling(settlement):
                reply = await dispatch(message.recorded(inbound_id))
        except AlreadyHandled:
            async with self._sessions() as session:
                row = await inbound_repo.get(session, inbound_id)
            return stored_reply(row) if row is not None else NO_REPLY
        if settlement.stored is not None:
            # Stored in the transaction of its effects (ticket, dialog, alert).
            await checkpoints.reached("effects_committed", inbound_id)
            return reply if settlement.stored == "passive" else NO_REPLY
        mode, classified, ticket_id = delivery.settle(), settlement.classified, settlement.ticket_id
        if reply.empty or mode == "passive":
            await self._store.complete(Completion(
                inbound_id, reply.text, "passive" if reply.text else "none", classified, ticket_id))
        else:
            async with self._sessions() as session, session.begin():
                if await inbound_repo.mark_handled(session, inbound_id, reply.text, "outbox",
                                                   classified, ticket_id):
                    outbox.enqueue(session, self._reply_kind, message.openid,
                                   {"text": reply.text}, priority=outbox.PRIORITY_REPLY,
                                   inbound_id=inbound_id)
        await checkpoints.reached("reply_stored", inbound_id)
        return reply if mode == "passive" else NO_REPLY

    async def renew_leases(self) -> int:
        """Extend the leases of messages in hand for a while; returns how many."""
        now = asyncio.get_running_loop().time()
        due = [i for i, h in self._inflight.items() if now - h.renewed >= RENEW_AFTER_S]
        if due:
            for inbound_id in due:
                self._inflight[inbound_id].renewed = now
            await self._store.renew(Renewal(tuple(due), self.boot_id, utcnow() + LEASE))
        return len(due)

    def orphans(self) -> backlog.Orphans:
        """What counts as abandoned now, from this instance's point of view."""
        now = utcnow()
        return backlog.Orphans(self.boot_id, now, now - STALE_AFTER,
                               self._store.single_instance)


def _duplicate(recorded: Recorded) -> Accepted:
    """How to answer a retry: the stored passive reply, nothing, or (reply None) follow the
    first delivery, still being handled or abandoned by its handler."""
    if recorded.state == "received" and recorded.reply_mode is None:
        return Accepted(recorded.id, duplicate=True, reply=None, recorded=recorded)
    return Accepted(recorded.id, duplicate=True, reply=stored_reply(recorded))


