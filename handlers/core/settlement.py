"""Who delivers a reply, and storing it in the transaction of the effects that made it.

A message's ticket, dialog step, alert and reply commit together or not at all, so handling
it again after a crash finds it handled and answers with the stored words, doing nothing
twice (effect-once). The ticket a message opened or joined is written by the statement that
stores its reply (here in handlers.core, so intents and tickets can hand it over).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from handlers.core.types import Inbound, Reply
from storage.delivery import outbox
from storage.intake import handled
from storage.tickets import store as ticket_store


class Delivery:
    """Who sends the reply: the HTTP answer (passive) while a transport waits for it, else
    the outbox. Both sides decide without awaiting, so the event loop makes it atomic.

    A message picked up with no one waiting (the backlog) starts with no waiter; a retry of
    it that arrives meanwhile attaches and may still take the reply passively.
    """

    def __init__(self, waiting: bool = True) -> None:
        self.mode = "pending"
        self._waiters = 1 if waiting else 0
        self._handed: str | None = None     # the passive reply: "answered" or sent "late"

    def attach(self) -> None:
        """Another transport (WeChat's retry) waits for the reply too."""
        if self.mode == "pending":
            self._waiters += 1

    def settle(self) -> str:
        """Called by the handler with its reply ready: "passive" if a transport still
        waits, else "late"."""
        if self.mode == "pending":
            self.mode = "passive" if self._waiters else "late"
        return self.mode

    def hand_over(self, in_time: bool) -> str:
        """Called by a transport holding the passive reply: "answer" with it, "nothing", or
        "send_late" (the caller sends it through the outbox). Ready after the transport's
        budget, the platform has likely stopped waiting; it goes out late once, unless
        another transport (WeChat's retry) answered with it in time, and a transport in
        time after that answers nothing: never the same reply twice."""
        if in_time:
            if self._handed == "late":
                return "nothing"
            self._handed = "answered"
            return "answer"
        if self._handed is None:
            self._handed = "late"
            return "send_late"
        return "nothing"

    def give_up(self) -> bool:
        """Called by a transport at its budget: True if it must answer without the reply
        (it goes out later, or to another waiting transport)."""
        if self.mode == "pending":
            self._waiters = max(0, self._waiters - 1)
            return True
        return self.mode == "late"


class AlreadyHandled(Exception):
    """Another handler completed the message first: roll back what this one did."""


@dataclass
class Settlement:
    """A message in hand: how its reply goes out, and how its handling stored it."""

    inbound_id: int
    openid: str
    delivery: Delivery
    reply_kind: str              # the outbox kind of a late reply
    stored: str | None = None    # passive / outbox / none, once stored with the effects
    # Whether the classifier's verdict was acted on ("acted"), became the quick menu
    # ("menu"), or the message joined a ticket ("joined"): stored by the statement that
    # stores the reply, not by one of its own.
    classified: str | None = None
    # The ticket the message opened or joined (inbound_messages.ticket_id), likewise.
    ticket_id: int | None = None


_current: ContextVar[Settlement | None] = ContextVar("settlement", default=None)


@contextmanager
def settling(settlement: Settlement) -> Iterator[Settlement]:
    """Handle a message under `settlement` (read by settle_in, in the same task)."""
    token = _current.set(settlement)
    try:
        yield settlement
    finally:
        _current.reset(token)


def current(message: Inbound) -> Settlement | None:
    """The settlement `message` is being handled under, if it came through the intake."""
    settlement = _current.get()
    if settlement is None or message.inbound_id != settlement.inbound_id:
        return None
    return settlement


async def settle_and_commit(session: AsyncSession, message: Inbound, reply: Reply) -> None:
    """settle_in, then commit: the reply's statement, the flush of what the handler added
    and the commit in one call into SQLAlchemy (one greenlet, not two)."""
    await _settle(session, message, reply, commit=True)


async def settle_in(session: AsyncSession, message: Inbound, reply: Reply) -> None:
    """Store `reply` on the message in `session`'s transaction, with its outbox job when
    it goes out late; called by a handler just before it commits its effects."""
    await _settle(session, message, reply, commit=False)


async def _settle(session: AsyncSession, message: Inbound, reply: Reply, *,
                  commit: bool) -> None:
    settlement = current(message)
    if settlement is None:  # not handled through the intake (a test or a tool calling it)
        if commit:
            await session.commit()
        return
    mode = settlement.delivery.settle()
    stored = "none" if reply.empty else ("passive" if mode == "passive" else "outbox")
    if commit and stored != "outbox":
        # SQLite's fast path, when the handler's writes all waited for this statement.
        done = await handled.commit_handled(session, settlement.inbound_id, reply.text,
                                            stored, settlement.classified,
                                            settlement.ticket_id)
        if done is False:
            raise AlreadyHandled(settlement.inbound_id)
        if done:
            settlement.stored = stored
            return

    def settle(sync: Session) -> None:
        if not handled.mark_handled_in(sync, settlement.inbound_id, reply.text, stored,
                                       settlement.classified, settlement.ticket_id):
            raise AlreadyHandled(settlement.inbound_id)
        if stored == "outbox":
            outbox.enqueue(sync, settlement.reply_kind, settlement.openid,
                           {"text": reply.text}, priority=outbox.PRIORITY_REPLY,
                           inbound_id=settlement.inbound_id)
        if commit:
            sync.commit()

    await session.run_sync(settle)
    settlement.stored = stored


async def link_ticket(session: AsyncSession, inbound_id: int | None, ticket_id: int) -> None:
    """Record that message `inbound_id` opened or belongs to ticket `ticket_id`: for the
    message in hand, by the statement that stores its reply (in the same transaction, or
    the reply's own batch when the handler committed without settling); otherwise at once."""
    if inbound_id is None:
        return
    settlement = _current.get()
    if settlement is not None and settlement.inbound_id == inbound_id:
        settlement.ticket_id = ticket_id
        return
    await ticket_store.link_inbound(session, inbound_id, ticket_id)
