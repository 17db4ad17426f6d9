"""Answering a verified push within the platform's window, shared by /wechat and /wecom."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace

from bot.channels.wechat_codec import Refused
from bot.metrics import Metrics
from bot.tasks import TaskTracker
from handlers.channels.intake import Intake
from handlers.core.types import Inbound, Reply
from storage.intake.nonces import SignedWith

# What is kept of the budget to answer once a push is recorded.
ANSWER_S = 0.5
# How often a push waiting for its reply looks whether the platform hung up.
GONE_POLL_S = 0.25


class Answerer:
    """Records a push, then answers with its reply if ready within the budget, else nothing
    (the reply goes out later through the outbox)."""

    def __init__(self, channel: str, intake: Intake, tasks: TaskTracker, metrics: Metrics,
                 budget_s: float) -> None:
        self._channel = channel
        self._intake = intake
        self._tasks = tasks
        self._metrics = metrics
        self._budget_s = budget_s

    async def answer(self, message: Inbound, signed: SignedWith | None, started: float,
                     gone: Callable[[], bool] = lambda: False) -> Reply | None:
        """The passive reply to `message`, or None; Refused (403) when its URL signature
        was already used for another message. `gone` tells whether the platform stopped
        waiting (it hung up): the reply then goes out through the outbox."""
        def left() -> float:
            return self._budget_s - (time.monotonic() - started)

        intake = self._intake
        # While the database is away (PostgreSQL restarting), recording is tried again
        # within the budget, keeping a moment to answer: a push is not answered 5xx.
        accepted = await intake.accept(message, signed, patience_s=left() - ANSWER_S)
        if accepted.reused:
            raise Refused(403, "reused_signature",
                          "timestamp and nonce were already used for another message")
        if accepted.duplicate:
            self._metrics.dedupe_hits.labels(self._channel).inc()
            if accepted.reply is not None:
                return accepted.reply
            reply = await intake.follow(accepted, left())
            if reply is not None:
                return reply
            # Its handler died: this retry takes it over, with what is left of its budget.
            self._metrics.takeovers.labels(self._channel).inc()
            accepted = replace(accepted, taken_over=True)
        elif accepted.queued:
            return accepted.reply
        task = self._tasks.spawn(intake.handle(accepted, message),
                                 name=f"{self._channel}-{accepted.id}")
        done: set = set()
        # On a starved machine WeChat's 5 s may run out before our budget, measured from
        # when the request was read: a reply settled as passive for a caller that hung up
        # would never be seen, so look whether it still waits.
        while not done and left() > 0 and not gone():
            done, _ = await asyncio.wait({task}, timeout=min(max(left(), 0.0), GONE_POLL_S))
        if not done and intake.give_up(accepted.id):
            self._metrics.late_replies.inc()
            return None
        try:
            # Either done, or the reply was settled as passive and is being committed.
            return await asyncio.shield(task)
        except Exception:
            # Recorded already; its next retry or the backlog takes it over (logged by the
            # tracker).
            return None
