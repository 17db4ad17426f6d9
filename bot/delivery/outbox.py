"""The outbox worker every `serve` runs: claims due jobs, sends them, records the outcome."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import uuid
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.api_errors import ApiError
from bot.delivery.retry import (
    ALERT_ATTEMPTS,
    MAX_ATTEMPTS,
    MEDIA_LIFETIME,
    PROMPT_ATTEMPTS,
    Recovery,
    backoff_s,
)
from bot.delivery.sending import (
    Deferred,
    Held,
    LeasedSend,
    Send,
    Undeliverable,
    send_limit_s,
)
from bot.delivery.tencent_http import DEFAULT_TIMEOUT
from bot.delivery.waits import woken
from bot.metrics import Metrics
from handlers.core import checkpoints
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.outbox import Claimed

log = logging.getLogger(__name__)

__all__ = ["ALERT_ATTEMPTS", "MAX_ATTEMPTS", "MEDIA_LIFETIME", "Deferred", "Held",
           "LeasedSend", "OutboxWorker", "Send", "Undeliverable", "backoff_s", "worker_name"]

# A job due again sooner than this is woken by a timer, not found by the next poll.
TIMER_MAX_S = 60.0
# Woken, the worker waits this long before claiming, so jobs queued by commits close together
# share one claim: a busy server's late replies were claimed one transaction each, at the
# moment it had the least time to spare. Nothing that waits on a reply notices 10 ms.
GATHER_S = 0.010


# Called after a job's outcome is recorded as "sent", "held" or "dead" (state, job, error);
# it must return at once for jobs it has nothing to do about (most sent ones).
Aftermath = Callable[[str, Claimed, str], Awaitable[None]]


def worker_name() -> str:
    """A name unique to this process, recorded on the jobs it claims."""
    return f"{socket.gethostname()[:40]}-{uuid.uuid4().hex[:8]}"


class OutboxWorker:
    """Delivers outbox jobs with the sender registered for each kind."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], senders: Mapping[str, Send],
                 metrics: Metrics, *, name: str | None = None,
                 http_timeout_s: float = DEFAULT_TIMEOUT, poll_s: float = 1.0, batch: int = 16,
                 stop_grace_s: float = 10.0,
                 aftermath: Aftermath | None = None) -> None:
        self._sessions = sessions
        self._aftermath = aftermath
        self._senders = senders
        # Kinds one instance at a time sends (the robot): kind -> (lease name, holder).
        self._leased = {kind: send.lease for kind, send in senders.items()
                        if isinstance(send, LeasedSend)}
        self._metrics = metrics
        self.name = name or worker_name()
        # A send past all its calls' timeouts is cut off. Its lease is short (a dead instance's
        # jobs are taken over soon), renewed while in hand (`renew_leases`, the heartbeat).
        self._send_limit_s = send_limit_s(http_timeout_s)
        self._lease = outbox.LEASE
        self._poll_s = poll_s
        self._batch = batch             # sends at once (run) or jobs a round (run_once)
        self._stop_grace_s = stop_grace_s
        self._recovery = Recovery()
        self._in_hand = 0               # jobs claimed by run() and not yet finished
        # Jobs claimed and not yet finished -> loop time their lease was last set (renewed
        # by renew_leases while in hand: other instances wait for a live holder only).
        self._leases: dict[int, float] = {}
        # Jobs may be due that run() had no free place for: a finished send claims again.
        # Otherwise it does not (that was a claim transaction after every job sent, even
        # with nothing due): new jobs wake the worker on commit, retries by their timers.
        self._more_due = False
        self._queues: dict[str, deque[Claimed]] = {}   # recipient -> their jobs, in order
        self._tasks: set[asyncio.Task[None]] = set()
        self.wakeup = asyncio.Event()

    async def run(self) -> None:
        """Deliver until cancelled, up to `batch` sends at once: a send that hangs holds its
        own place only, and a freed place is filled at once (a whole round once waited for its
        slowest send). A database outage pauses delivery; it loses nothing.

        It claims when there may be something to send: a commit of this process queued a job
        (outbox.subscribe), a retry's time came (a timer), a send finished while due jobs
        waited for a place, or every `poll_s` (other instances' jobs on PostgreSQL, retries
        beyond the timers, leases that ran out)."""
        unsubscribe = outbox.subscribe(self.wakeup.set)
        try:
            while True:
                self.wakeup.clear()
                free = self._batch - self._in_hand
                if free <= 0:
                    self._more_due = True   # woken with no place: look once one frees
                else:
                    try:
                        claimed = await self._claim(free)
                    except (SQLAlchemyError, OSError) as exc:
                        log.error("outbox: database unavailable (%s); retrying",
                                  type(exc).__name__)
                        claimed = 0
                    # All places taken: more may be due, claimed again as places free.
                    self._more_due = claimed == free
                    if self._more_due:
                        continue
                if await woken(self.wakeup, self._poll_s):
                    await asyncio.sleep(GATHER_S)
        finally:
            unsubscribe()
            await self._stop()

    async def run_once(self) -> int:
        """Claim one batch and deliver it; returns how many jobs were claimed."""
        async with self._sessions() as session:
            jobs = await outbox.claim(session, self.name, limit=self._batch, lease=self._lease,
                                      leased=self._leased)
        self._hold(jobs)
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

    async def _claim(self, limit: int) -> int:
        async with self._sessions() as session:
            jobs = await outbox.claim(session, self.name, limit=limit, lease=self._lease,
                                      leased=self._leased)
        self._hold(jobs)
        for job in jobs:
            self._in_hand += 1
            queue = self._queues.get(job.recipient)
            if queue is not None:   # this recipient's jobs are going out: after those
                queue.append(job)
                continue
            self._queues[job.recipient] = deque([job])
            task = asyncio.create_task(self._drain(job.recipient), name="outbox-send")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return len(jobs)

    def _hold(self, jobs: list[Claimed]) -> None:
        now = asyncio.get_running_loop().time()
        self._leases.update((job.id, now) for job in jobs)

    async def renew_leases(self, after_s: float) -> int:
        """Extend the leases of jobs in hand for `after_s` or longer (a send that hangs, or
        one waiting behind its resident's earlier ones); returns how many."""
        now = asyncio.get_running_loop().time()
        due = [job_id for job_id, at in self._leases.items() if now - at >= after_s]
        if not due:
            return 0
        for job_id in due:
            self._leases[job_id] = now
        async with self._sessions() as session:
            return await outbox.renew(session, due, self.name, utcnow() + self._lease)

    async def _drain(self, recipient: str) -> None:
        """Send one recipient's claimed jobs in order."""
        queue = self._queues[recipient]
        try:
            while queue:
                try:
                    await self._deliver(queue[0])
                except (SQLAlchemyError, OSError) as exc:
                    # The outcome was not recorded: the job's lease runs out and it is
                    # tried again then (a duplicate is possible, and logged then).
                    log.error("outbox job %d: outcome not recorded (%s)", queue[0].id,
                              type(exc).__name__)
                finally:
                    queue.popleft()
                    self._in_hand -= 1
                    if self._more_due:
                        self.wakeup.set()
        finally:
            self._queues.pop(recipient, None)

    async def _stop(self) -> None:
        # Finish the sends in hand and record their outcome, or a job sent just before the
        # stop stays "sending" and the next start sends it a second time. Past the grace,
        # or stopped again meanwhile, the sends left are given up (left running, they
        # would outlive the engine and the HTTP session closed after us).
        if not self._tasks:
            return
        tasks = set(self._tasks)
        try:
            await asyncio.wait(tasks, timeout=self._stop_grace_s)
        finally:
            late = [task for task in tasks if not task.done()]
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)

    async def _deliver_in_order(self, jobs: list[Claimed]) -> None:
        for job in jobs:
            await self._deliver(job)

    async def _deliver(self, job: Claimed) -> None:
        if job.reclaimed:
            # Its previous holder died after claiming: it may have sent it already.
            log.warning("outbox job %d (%s) reclaimed after an expired lease; a duplicate "
                        "send is possible", job.id, job.kind)
            self._metrics.outbox.labels(job.kind, "reclaimed").inc()
            async with self._sessions() as session:
                if not await outbox.is_held(session, job.id, self.name):
                    self._leases.pop(job.id, None)  # its holder recorded it sent meanwhile
                    return
        await checkpoints.reached("outbox_claimed", job.kind)
        sender = self._senders.get(job.kind)
        state, error, delay, refund = "sent", None, None, False
        started = self._recovery.now()
        try:
            if sender is None:
                raise Undeliverable(f"no sender for job kind {job.kind!r}")
            async with asyncio.timeout(self._send_limit_s):
                await sender(job)
        except TimeoutError:    # a transport failure, past every call's own timeout
            error = f"send took longer than {self._send_limit_s:g} s"
            state, error, delay = self._recovery.after_failure(job, "retry", error, started)
        except Deferred as deferred:
            state, error, delay, refund = "pending", str(deferred), deferred.delay_s, True
        except Held as held:
            state, error = "held", str(held)
        except Undeliverable as exc:
            state, error = "dead", str(exc)
        except ApiError as exc:
            state, error, delay = self._recovery.after_failure(job, exc.outcome, str(exc), started)
        except Exception as exc:  # a bug or an unexpected reply: retry, but make it visible
            log.exception("outbox job %d (%s) failed unexpectedly", job.id, job.kind)
            state, error, delay = self._recovery.after_failure(job, "", repr(exc), started)
        retry_at = None if delay is None else utcnow() + timedelta(seconds=delay)
        try:
            async with self._sessions() as session:
                kept = await outbox.finish(session, job.id, self.name, state, error=error,
                                           retry_at=retry_at, refund_attempt=refund)
        finally:
            self._leases.pop(job.id, None)
        if not kept:
            log.warning("outbox job %d: lease lost before its outcome was recorded", job.id)
        outcome = {"pending": "deferred" if refund else "retry"}.get(state, state)
        self._metrics.outbox.labels(job.kind, outcome).inc()
        if state == "dead":
            log.error("outbox job %d (%s) is a dead letter: %s", job.id, job.kind, error)
        elif state == "pending" and not refund:
            log.info("outbox job %d (%s) attempt %d failed (%s); next in %.1f s", job.id,
                     job.kind, job.attempts, error, delay)
        if kept and delay is not None and delay < TIMER_MAX_S:
            asyncio.get_running_loop().call_later(delay, self.wakeup.set)
        if state == "sent" and self._recovery.succeeded(job.kind):
            await self._bring_forward(job.kind)
        if kept and state in ("sent", "held", "dead") and self._aftermath is not None:
            try:
                await self._aftermath(state, job, error or "")
            except Exception:
                log.exception("outbox job %d: follow-up of %s failed", job.id, state)

    async def _bring_forward(self, kind: str) -> None:
        """The API answers again: jobs of `kind` that failed in the storm are tried now."""
        try:
            async with self._sessions() as session:
                count = await outbox.bring_forward(session, kind, PROMPT_ATTEMPTS)
        except (SQLAlchemyError, OSError) as exc:
            log.warning("outbox: could not bring jobs forward (%s)", type(exc).__name__)
            return
        if count:
            log.info("outbox: %s sends go out again; %d jobs waiting after failures are due "
                     "now", kind, count)
            self.wakeup.set()
