"""Intake: record each message once, handle one resident's messages in order, keep replies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.throttle import Throttle
from handlers.types import KNOWN_TYPES, NO_REPLY, Inbound, Location, Reply
from storage import inbound as inbound_repo
from storage import outbox
from storage.base import utcnow
from storage.inbound import Completion, InboundStore, Recorded
from storage.locks import ResidentLocks

log = logging.getLogger(__name__)

Dispatch = Callable[[Inbound], Awaitable[Reply]]
# A message left "received" this long was dropped by an instance that stopped.
STALE_AFTER = timedelta(seconds=120)
# How often a retry looks whether another instance has settled the first delivery.
RETRY_POLL_S = 0.05
# Handling that failed this often on one message (not for want of the database) is given
# up: the fallback hands the message to an officer, and the resident's next ones go on.
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Accepted:
    """A recorded message and what the transport should do with it now."""

    id: int
    duplicate: bool = False
    queued: bool = False
    # Known already: a duplicate's stored reply, or a notice. None on a duplicate means
    # the first delivery is still being handled (see Intake.reply_to_retry).
    reply: Reply | None = None


class Delivery:
    """Who sends the reply: the HTTP answer (passive) if handling ends in the budget, else
    the outbox. Both sides decide without awaiting, so the event loop makes it atomic."""

    def __init__(self) -> None:
        self.mode = "pending"

    def settle(self) -> str:
        """Called by the handler with its reply ready: "passive" unless the answer left."""
        if self.mode == "pending":
            self.mode = "passive"
        return self.mode

    def give_up(self) -> bool:
        """Called by the transport at the budget: True if the reply must go out later."""
        if self.mode == "pending":
            self.mode = "late"
        return self.mode == "late"


class Intake:
    """Records, orders and handles residents' messages."""

    # The channel whose waiting messages this intake's backlog takes, and the outbox kind
    # its late replies go out as.
    CHANNEL = "wechat"
    REPLY_KIND = "wechat_text"

    def __init__(self, sessions: async_sessionmaker[AsyncSession], store: InboundStore,
                 locks: ResidentLocks, dispatch: Dispatch, *, rate_limit: int,
                 throttle: Throttle | None = None, fallback: Dispatch | None = None) -> None:
        self._sessions = sessions
        self._store = store
        self._locks = locks
        self._dispatch = dispatch
        self._fallback = fallback
        self._failures: dict[int, int] = {}
        self._throttle = throttle or Throttle(rate_limit)
        self._backlogged: set[str] = set()
        self._inflight: dict[int, asyncio.Future[Reply]] = {}
        self.backlog_wakeup = asyncio.Event()

    async def load_backlog(self) -> None:
        """Remember residents with queued messages, so new ones queue behind them."""
        async with self._sessions() as session:
            heads = await inbound_repo.backlog_heads(session, utcnow() - STALE_AFTER, 10_000,
                                                     channel=self.CHANNEL)
        self._backlogged.update(m.openid for m in heads if m.state == "queued")
        if heads:
            self.backlog_wakeup.set()

    async def accept(self, message: Inbound) -> Accepted:
        """Record `message` (committed on return) and say how to answer it."""
        verdict = self._throttle.hit(message.openid)
        queued = verdict != "ok" or message.openid in self._backlogged
        recorded = await self._store.record(_row(message, "queued" if queued else "received"))
        if recorded.duplicate:
            # A retry is not a new message: it must not use up the rate or its one notice.
            self._throttle.undo(message.openid)
            return _duplicate(recorded)
        if queued:
            self._backlogged.add(message.openid)
            self.backlog_wakeup.set()
            notice = Reply(texts.text("rate_limited")) if verdict == "notice" else None
            return Accepted(recorded.id, queued=True, reply=notice)
        # Registered before returning, so a retry recorded in the same batch finds it.
        self._inflight[recorded.id] = asyncio.get_running_loop().create_future()
        return Accepted(recorded.id)

    async def reply_to_retry(self, inbound_id: int, timeout_s: float) -> Reply:
        """The reply of a message whose first delivery is still being handled, here or on
        another instance, once it settles within `timeout_s`; else nothing."""
        pending = self._inflight.get(inbound_id)
        try:
            async with asyncio.timeout(max(timeout_s, 0.0)):
                if pending is not None:
                    return await asyncio.shield(pending)
                while True:
                    async with self._sessions() as session:
                        row = await inbound_repo.get(session, inbound_id)
                    if row is None or row.state != "received":
                        passive = row is not None and row.reply_mode == "passive"
                        return Reply(row.reply or "") if passive else NO_REPLY
                    await asyncio.sleep(RETRY_POLL_S)
        except TimeoutError:
            return NO_REPLY

    async def handle(self, accepted: Accepted, message: Inbound, delivery: Delivery) -> Reply:
        """Handle a fresh message under its resident's lock and store the reply."""
        future = self._inflight.get(accepted.id)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._inflight[accepted.id] = future
        try:
            async with self._locks.hold(message.openid):
                reply = await self._dispatch(replace(message, inbound_id=accepted.id))
                mode = delivery.settle()
                if reply.empty or mode == "passive":
                    await self._store.complete(
                        Completion(accepted.id, reply.text, "passive" if reply.text else "none"))
                else:
                    await self._complete_late(accepted.id, message.openid, reply)
            if not future.done():
                future.set_result(reply if mode == "passive" else NO_REPLY)
            return reply
        except BaseException:
            if not future.done():
                future.set_result(NO_REPLY)
            raise
        finally:
            self._inflight.pop(accepted.id, None)

    async def _complete_late(self, inbound_id: int, openid: str, reply: Reply) -> None:
        async with self._sessions() as session, session.begin():
            await inbound_repo.mark_handled(session, inbound_id, reply.text, "outbox")
            outbox.enqueue(session, self.REPLY_KIND, openid, {"text": reply.text},
                           priority=outbox.PRIORITY_REPLY, inbound_id=inbound_id)

    async def drain_backlog_once(self) -> int:
        """Handle the oldest waiting message of each resident; returns how many."""
        async with self._sessions() as session:
            heads = await inbound_repo.backlog_heads(session, utcnow() - STALE_AFTER,
                                                     channel=self.CHANNEL)
        handled = 0
        for head in heads:
            # One message that cannot be handled must not hold up everyone after it.
            try:
                handled += await self._handle_waiting(head.id, head.openid, self._dispatch)
            except Exception as exc:
                if _database_unavailable(exc):
                    raise  # not the message's fault: the whole round waits and retries
                attempts = self._failures.get(head.id, 0) + 1
                self._failures[head.id] = attempts
                log.exception("handling message %d failed (attempt %d of %d)", head.id,
                              attempts, MAX_ATTEMPTS)
                if attempts >= MAX_ATTEMPTS:
                    handled += await self._handle_waiting(head.id, head.openid, self._give_up)
                    self._failures.pop(head.id, None)
        if not heads:
            self._backlogged.clear()
        return handled

    async def _give_up(self, message: Inbound) -> Reply:
        """The reply to a message whose handling keeps failing: the fallback's (a ticket an
        officer answers), or an apology when that fails too."""
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
            async with self._sessions() as session:
                row = await inbound_repo.get(session, inbound_id)
                if row is None or row.state == "handled":
                    return 0
                message = _message(row)
            reply = await dispatch(message)
            async with self._sessions() as session, session.begin():
                await inbound_repo.mark_handled(session, inbound_id, reply.text,
                                                "outbox" if reply.text else "none")
                if reply.text:
                    outbox.enqueue(session, self.REPLY_KIND, openid, {"text": reply.text},
                                   priority=outbox.PRIORITY_REPLY, inbound_id=inbound_id)
                if not await inbound_repo.has_queued(session, openid):
                    self._backlogged.discard(openid)
        return 1


def _database_unavailable(exc: Exception) -> bool:
    """A failure of the connection rather than of what a message asked for (a value too long
    for its column is the message's; a dropped connection or a locked file is not)."""
    if isinstance(exc, OSError | TimeoutError | OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def _duplicate(recorded: Recorded) -> Accepted:
    """How to answer a retry: the stored passive reply, nothing, or (reply None) wait for
    the first delivery, still being handled, to settle."""
    if recorded.reply_mode == "passive":
        return Accepted(recorded.id, duplicate=True, reply=Reply(recorded.reply or ""))
    if recorded.state == "received" and recorded.reply_mode is None:
        return Accepted(recorded.id, duplicate=True, reply=None)
    return Accepted(recorded.id, duplicate=True, reply=NO_REPLY)


def _row(message: Inbound, state: str) -> dict:
    location = message.location
    return {
        "channel": message.channel,
        "dedupe_key": message.dedupe_key,
        "openid": message.openid,
        "msg_type": message.msg_type,
        "event": message.event or None,
        "event_key": message.event_key or None,
        "content": message.content or None,
        "media_id": message.media_id or None,
        "media_format": message.media_format or None,
        "recognition": message.recognition or None,
        "latitude": location.latitude if location else None,
        "longitude": location.longitude if location else None,
        "location_label": location.label if location else None,
        "raw": message.raw or None,
        "sent_at": message.sent_at,
        "received_at": utcnow(),
        "state": state,
    }


def _message(row) -> Inbound:
    location = None
    if row.latitude is not None and row.longitude is not None:
        location = Location(row.latitude, row.longitude, row.location_label or "")
    return Inbound(
        channel=row.channel, dedupe_key=row.dedupe_key, openid=row.openid,
        msg_type=row.msg_type, sent_at=row.sent_at, content=row.content or "",
        event=row.event or "", event_key=row.event_key or "", media_id=row.media_id or "",
        media_format=row.media_format or "", recognition=row.recognition or "",
        location=location, known_type=row.msg_type in KNOWN_TYPES, inbound_id=row.id,
    )
