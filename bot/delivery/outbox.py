"""The outbox worker every `serve` runs: claims due jobs, sends them, records the outcome."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.api_errors import ApiError
from bot.metrics import Metrics
from handlers.core import checkpoints
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.outbox import Claimed

log = logging.getLogger(__name__)

BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 1800.0
MAX_ATTEMPTS = 10           # about 75 minutes of trying, then a dead letter
# An alert about an emergency is tried this often (about 15 s), then given up on so that it
# is escalated by another route at once rather than retried for an hour.
ALERT_ATTEMPTS = 3
MEDIA_LIFETIME = timedelta(days=3)  # WeChat keeps temporary media this long


class Deferred(Exception):
    """Not now and not a failure (e.g. the robot's rate): try again after `delay_s`."""

    def __init__(self, delay_s: float, reason: str) -> None:
        super().__init__(reason)
        self.delay_s = delay_s


class Held(Exception):
    """Cannot go out by this route now (customer-service window closed or quota spent)."""


class Undeliverable(Exception):
    """Will never go out: a dead letter at once."""


Send = Callable[[Claimed], Awaitable[None]]
# Called after a job's outcome is recorded as "sent", "held" or "dead" (state, job, error);
# it must return at once for jobs it has nothing to do about (most sent ones).
Aftermath = Callable[[str, Claimed, str], Awaitable[None]]


def backoff_s(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential back-off with ±20 % jitter so retries of many jobs do not align."""
    delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1))
    return delay * (rng or random).uniform(0.8, 1.2)


def worker_name() -> str:
    """A name unique to this process, recorded on the jobs it claims."""
    return f"{socket.gethostname()[:40]}-{uuid.uuid4().hex[:8]}"


class OutboxWorker:
    """Delivers outbox jobs with the sender registered for each kind."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], senders: Mapping[str, Send],
                 metrics: Metrics, *, name: str | None = None, lease_s: float = 60.0,
                 poll_s: float = 1.0, batch: int = 16, stop_grace_s: float = 10.0,
                 aftermath: Aftermath | None = None) -> None:
        self._sessions = sessions
        self._aftermath = aftermath
        self._senders = senders
        self._metrics = metrics
        self.name = name or worker_name()
        self._lease = timedelta(seconds=lease_s)
        self._poll_s = poll_s
        self._batch = batch
        self._stop_grace_s = stop_grace_s
        self.wakeup = asyncio.Event()

    async def run(self) -> None:
        """Deliver until cancelled; a database outage pauses delivery, it loses nothing."""
        while True:
            try:
                delivered = await self.run_once()
            except (SQLAlchemyError, OSError) as exc:
                log.error("outbox: database unavailable (%s); retrying", type(exc).__name__)
                delivered = 0
            if delivered:
                continue
            self.wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wakeup.wait(), self._poll_s)

    async def run_once(self) -> int:
        """Claim one batch and deliver it; returns how many jobs were claimed."""
        async with self._sessions() as session:
            jobs = await outbox.claim(session, self.name, limit=self._batch, lease=self._lease)
        # One recipient's jobs go out in order; different recipients in parallel.
        by_recipient: dict[str, list[Claimed]] = defaultdict(list)
        for job in jobs:
            by_recipient[job.recipient].append(job)
        delivery = asyncio.ensure_future(asyncio.gather(
            *(self._deliver_in_order(group) for group in by_recipient.values())))
        try:
            await asyncio.shield(delivery)
        except asyncio.CancelledError:
            # Stopping: finish the jobs in hand and record their outcome, or a job sent just
            # before the stop stays "sending" and the next start sends it a second time.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(delivery, self._stop_grace_s)
            raise
        return len(jobs)

    async def _deliver_in_order(self, jobs: list[Claimed]) -> None:
        for job in jobs:
            await self._deliver(job)

    async def _deliver(self, job: Claimed) -> None:
        if job.reclaimed:
            # Its previous holder died after claiming: it may have sent it already.
            log.warning("outbox job %d (%s) reclaimed after an expired lease; a duplicate "
                        "send is possible", job.id, job.kind)
            self._metrics.outbox.labels(job.kind, "reclaimed").inc()
        await checkpoints.reached("outbox_claimed", job.kind)
        sender = self._senders.get(job.kind)
        state, error, retry_at, refund = "sent", None, None, False
        try:
            if sender is None:
                raise Undeliverable(f"no sender for job kind {job.kind!r}")
            await sender(job)
        except Deferred as deferred:
            state, error, refund = "pending", str(deferred), True
            retry_at = utcnow() + timedelta(seconds=deferred.delay_s)
        except Held as held:
            state, error = "held", str(held)
        except Undeliverable as exc:
            state, error = "dead", str(exc)
        except ApiError as exc:
            state, error, retry_at = self._after_failure(job, exc.outcome, str(exc))
        except Exception as exc:  # a bug or an unexpected reply: retry, but make it visible
            log.exception("outbox job %d (%s) failed unexpectedly", job.id, job.kind)
            state, error, retry_at = self._after_failure(job, "retry", repr(exc))
        async with self._sessions() as session:
            kept = await outbox.finish(session, job.id, self.name, state, error=error,
                                       retry_at=retry_at, refund_attempt=refund)
        if not kept:
            log.warning("outbox job %d: lease lost before its outcome was recorded", job.id)
        outcome = {"pending": "deferred" if refund else "retry"}.get(state, state)
        self._metrics.outbox.labels(job.kind, outcome).inc()
        if state == "dead":
            log.error("outbox job %d (%s) is a dead letter: %s", job.id, job.kind, error)
        if kept and state in ("sent", "held", "dead") and self._aftermath is not None:
            try:
                await self._aftermath(state, job, error or "")
            except Exception:
                log.exception("outbox job %d: follow-up of %s failed", job.id, state)

    def _after_failure(self, job: Claimed, outcome: str, error: str):
        if outcome in ("window_closed", "quota"):
            return "held", error, None
        if outcome == "retry" and not self._exhausted(job):
            return "pending", error, utcnow() + timedelta(seconds=backoff_s(job.attempts))
        return "dead", error, None

    @staticmethod
    def _exhausted(job: Claimed) -> bool:
        if job.kind == "media_fetch":
            return utcnow() - job.created_at >= MEDIA_LIFETIME
        if job.payload.get("alert"):
            return job.attempts >= ALERT_ATTEMPTS
        return job.attempts >= MAX_ATTEMPTS
