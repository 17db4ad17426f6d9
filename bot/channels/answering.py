"""The one way a door answers within its platform's window (/wechat, /wecom): open the push
(the door's part), record it, answer with its reply if ready within the budget, else nothing
(the reply goes out later through the outbox), refuse what cannot be opened."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from aiohttp import web

from bot.bodies import TooLarge, read_capped
from bot.channels.admission import Admission
from bot.channels.deadline import SenderClock
from bot.channels.wechat_codec import Refused, render_text_reply
from bot.metrics import Metrics
from bot.tasks import TaskTracker
from handlers.channels.intake import Accepted, Delivery, Intake
from handlers.core.channels import Answering, Channel
from handlers.core.types import Inbound, Reply
from storage.intake.nonces import SignedWith

log = logging.getLogger(__name__)
# What is kept of the budget to answer once a push is recorded.
ANSWER_S = 0.5
# How often a push waiting for its reply looks whether the platform hung up.
GONE_POLL_S = 0.25


@dataclass(frozen=True)
class Opened:
    """A verified, decoded push and how its answer goes out."""

    message: Inbound
    signed: SignedWith | None
    # The answer's XML as it leaves (encrypted when the push was).
    seal: Callable[[str], str]
    # The URL's signed timestamp (the platform's epoch seconds), when the door has one.
    stamp: int | None = None


Opener = Callable[[web.Request], Awaitable[Opened]]


@dataclass(frozen=True)
class Clocks:
    """Where the passive path reads the time: `monotonic` for the budget, `wall` (epoch
    seconds) against the push's signed timestamp. Tests not about lateness pass clocks that
    stand still, so that a slow machine cannot turn their passive replies into late ones."""

    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time


REAL_CLOCKS = Clocks()
# The clocks the app's doors time their budget by (tests not about lateness stop them).
CLOCKS = web.AppKey("clocks", Clocks)


class PassiveAnswer:
    """Records a push, then answers with its reply if ready within the budget."""

    def __init__(self, channel: Channel, intake: Intake, tasks: TaskTracker, metrics: Metrics,
                 budget_s: float, *, nothing: str = "", timed: bool = False,
                 clocks: Clocks = REAL_CLOCKS, admission: Admission | None = None) -> None:
        if channel.answering is not Answering.PASSIVE:
            raise ValueError(f"the {channel.name} door does not answer passively")
        self.channel = channel
        self._intake = intake
        self._tasks = tasks
        self._metrics = metrics
        self._budget_s = budget_s
        self._nothing = nothing      # the body that tells the platform "no answer"
        self._timed = timed          # observed in the reply-latency histogram
        self._clock = SenderClock()
        self._clocks = clocks
        # How many of this door's pushes are handled at once (None: all of them).
        self._admission = admission

    async def receive(self, request: web.Request, open_push: Opener) -> web.Response:
        """The HTTP answer to a push: the reply, the empty answer, or a refusal."""
        started, arrived = self._clocks.monotonic(), self._clocks.wall()
        try:
            opened = await open_push(request)
            # The platform's 5 s started when it sent the push: on a starved machine that is
            # well before we read it. The budget ends at the earlier of the two deadlines,
            # so a push that arrived late is answered through the outbox, not passively.
            late_s = (0.0 if opened.stamp is None
                      else self._clock.lateness(opened.stamp, arrived, started))
            reply = await self.answer(opened.message, opened.signed, started - late_s,
                                      gone=lambda: _hung_up(request))
        except Refused as refused:
            return self.refuse(refused)
        if self._timed:
            self._metrics.reply_latency.observe(self._clocks.monotonic() - started)
        if reply is None or reply.empty:
            return web.Response(text=self._nothing)
        message = opened.message
        xml = render_text_reply(message.openid, message.account, reply.text)
        return web.Response(text=opened.seal(xml), content_type="application/xml")

    def refuse(self, refused: Refused) -> web.Response:
        """A refusal, counted and logged."""
        name = self.channel.name
        self._metrics.refusals.labels(name, refused.reason).inc()
        log.info("%s push refused: %s (%s)", name, refused.reason, refused.status)
        return web.Response(status=refused.status, text=str(refused))

    async def answer(self, message: Inbound, signed: SignedWith | None, started: float,
                     gone: Callable[[], bool] = lambda: False) -> Reply | None:
        """The passive reply to `message`, or None; Refused (403) when its URL signature
        was already used for another message. `gone` tells whether the platform stopped
        waiting (it hung up): the reply then goes out through the outbox."""
        def left() -> float:
            return self._budget_s - (self._clocks.monotonic() - started)

        intake, name = self._intake, self.channel.name
        # While the database is away (PostgreSQL restarting), recording is tried again
        # within the budget, keeping a moment to answer: a push is not answered 5xx.
        accepted = await intake.accept(message, signed, patience_s=left() - ANSWER_S)
        if accepted.reused:
            raise Refused(403, "reused_signature",
                          "timestamp and nonce were already used for another message")
        if accepted.duplicate:
            self._metrics.dedupe_hits.labels(name).inc()
            if accepted.reply is not None:
                return accepted.reply
            delivery = intake.delivery_of(accepted.id)
            reply = await intake.follow(accepted, left())
            if reply is not None:
                return await self._hand_over(accepted.id, message, reply, delivery,
                                             left() > 0 and not gone())
            # Its handler died: this retry takes it over, with what is left of its budget.
            self._metrics.takeovers.labels(name).inc()
            accepted = replace(accepted, taken_over=True)
        elif accepted.queued:
            return accepted.reply
        delivery = intake.delivery_of(accepted.id)
        task = self._tasks.spawn(self._handle(accepted, message), name=f"{name}-{accepted.id}")
        done: set = set()
        # On a starved machine the platform's 5 s may run out before our budget, measured
        # from when the request was read: a reply settled as passive for a caller that hung
        # up would never be seen, so look whether it still waits.
        while not done and left() > 0 and not gone():
            done, _ = await asyncio.wait({task}, timeout=min(max(left(), 0.0), GONE_POLL_S))
        if not done and intake.give_up(accepted.id):
            self._metrics.late_replies.inc()
            return None
        try:
            # Either done, or the reply was settled as passive and is being committed.
            reply = await asyncio.shield(task)
        except Exception:
            # Recorded already; its next retry or the backlog takes it over (logged by the
            # tracker).
            return None
        # In time means the platform still waits: one that hung up while the reply was being
        # made (its 5 s began before our budget did) would never see it (issue 16's burst).
        return await self._hand_over(accepted.id, message, reply, delivery,
                                     left() > 0 and not gone())

    async def _hand_over(self, inbound_id: int, message: Inbound, reply: Reply,
                         delivery: Delivery | None, in_time: bool) -> Reply | None:
        """The passive reply if it is ready in time; else it goes out through the outbox: on
        a starved machine the handler can settle it as passive in time and commit it after
        the platform gave up, and the resident would never see an answer recorded as sent."""
        if delivery is None or reply.empty:
            return reply
        how = delivery.hand_over(in_time)
        if how == "send_late":
            if not await self._intake.send_late(inbound_id, message.openid, reply):
                return reply     # no late route for this door: the answer is all there is
            self._metrics.late_replies.inc()
            log.info("%s message %d: reply ready after the budget, sent through the outbox",
                     self.channel.name, inbound_id)
        return reply if how == "answer" else None

    async def _handle(self, accepted: Accepted, message: Inbound) -> Reply:
        # Recorded and in hand already: a push waiting for its turn keeps its lease and is
        # given up by the budget like one being handled (its reply then goes out late).
        if self._admission is None:
            return await self._intake.handle(accepted, message)
        async with self._admission.turn(message) as message:
            return await self._intake.handle(accepted, message)


async def read_body(request: web.Request) -> bytes:
    """The body, refusing more than 64 KiB before anything parses it."""
    try:
        return await read_capped(request)
    except TooLarge:
        raise Refused(413, "too_large", "body over 64 KiB") from None


def as_text(body: bytes) -> str:
    """The body as UTF-8 text, refusing an empty one."""
    if not body.strip():
        raise Refused(400, "empty_body", "empty body")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "malformed_xml", "body is not UTF-8") from None


def unsealed(xml: str) -> str:
    """A plaintext answer goes out as it is."""
    return xml


async def verify_or_receive(request: web.Request, endpoint) -> web.StreamResponse:
    """GET is the platform's URL check, POST a push (shared by /wechat and /wecom)."""
    if request.method == "GET":
        return await endpoint.verify_url(request)
    if request.method == "POST":
        return await endpoint.receive(request)
    raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST"])


def _hung_up(request: web.Request) -> bool:
    """True when the platform closed the connection (it stopped waiting for the answer)."""
    transport = request.transport
    return transport is None or transport.is_closing()
