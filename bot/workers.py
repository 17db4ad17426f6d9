"""Background loops every `serve` runs: the intake backlog and leases, the purges, the
calendar and the minute sweep."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.outbox import OutboxWorker
from bot.delivery.waits import woken
from handlers import texts
from handlers.channels.intake import Intake
from handlers.channels.intake_core import RENEW_AFTER_S
from handlers.conversation import verdict
from handlers.intents.services import Services
from handlers.officers import followup_reminders
from handlers.tickets import alerts, escalation, signing
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.tokens import TokenStore
from storage.intake import inbound as inbound_repo
from storage.intake import nonces

log = logging.getLogger(__name__)
# How often the backlog looks again while messages are queued behind one still in hand, or
# after handling failed here (the database away for a moment).
QUEUE_POLL_S = 0.5


async def backlog_loop(intake: Intake, rate_limit: int, *, idle_s: float = 30.0,
                       first_after_s: float = 0.0) -> None:
    """Handle waiting messages one per resident per round, several residents at once, the
    queued ones of a resident at the rate limit's pace: a flood from one resident is answered
    in order while others are never held up, and a dead instance's messages are taken over
    as soon as their leases end. `first_after_s` puts the first round off (nothing can be
    waiting sooner)."""
    pace_s = 60.0 / rate_limit
    if first_after_s:
        await asyncio.sleep(first_after_s)
    while True:
        try:
            handled = await intake.drain_backlog_once(pace_s)
        except Exception:
            log.exception("backlog round failed; trying again")
            handled = 0
        if handled:
            continue    # more may have become due meanwhile (leases ending one by one)
        intake.backlog_wakeup.clear()
        if not await woken(intake.backlog_wakeup, _idle(intake, idle_s)):
            continue    # a lease ended or a resident's turn came: look now
        # Woken by a message queued here: let a burst arrive before the round.
        await asyncio.sleep(min(pace_s, 1.0))


def _idle(intake: Intake, idle_s: float) -> float:
    """Until the next round: sooner when another instance's lease runs out first (its
    message is taken over then if that instance died) or a resident's turn comes."""
    if intake.queue_waits or intake.stranded:
        idle_s = min(idle_s, QUEUE_POLL_S)
    if intake.next_turn_s is not None:
        idle_s = min(idle_s, max(intake.next_turn_s, 0.05))
    if intake.next_lease_end is None:
        return idle_s
    until = (intake.next_lease_end - utcnow()).total_seconds() + 0.1
    return min(idle_s, max(until, 0.1))


async def lease_loop(intake: Intake, outbox_worker: OutboxWorker | None = None) -> None:
    """Renew the leases of messages and outbox jobs in hand for long (short ones finish
    first): one heartbeat says this instance is alive, to the other instances' backlogs
    (they take over a dead one's messages) and outboxes (they send a resident's later
    replies only after an earlier one a live instance holds)."""
    while True:
        await asyncio.sleep(RENEW_AFTER_S / 3)
        try:
            await intake.renew_leases()
            if outbox_worker is not None:
                await outbox_worker.renew_leases(RENEW_AFTER_S)
        except Exception:
            log.exception("renewing message leases failed; trying again")


async def purge_loop(sessions: async_sessionmaker[AsyncSession], retention_days: int, *,
                     nonce_window_s: int = 300, every_s: float = 60.0,
                     raw_every: int = 60) -> None:
    """Every minute, forget push signatures older than the clock-skew window (a push that
    old is refused anyway); hourly, clear raw payloads older than the retention period."""
    rounds = 0
    while True:
        try:
            async with sessions() as session, session.begin():
                await nonces.purge(session, int(time.time()) - nonce_window_s - 1)
            if rounds % raw_every == 0:
                async with sessions() as session, session.begin():
                    cleared = await inbound_repo.purge_raw(
                        session, utcnow() - timedelta(days=retention_days))
                if cleared:
                    log.info("cleared %d raw payloads past %d days", cleared, retention_days)
        except Exception:
            log.exception("purge failed; trying again later")
        rounds += 1
        await asyncio.sleep(every_s)


async def calendar_loop(sessions: async_sessionmaker[AsyncSession], services: Services,
                        outbox_worker: OutboxWorker, *, every_s: float = 6 * 3600,
                        first_after_s: float = 60.0) -> None:
    """Reload officers' calendar overrides and alert the police group, once a week per year,
    when the current or next year has no official holiday data (deadlines would be guessed)."""
    leases = TokenStore(sessions)
    await asyncio.sleep(first_after_s)  # not in the way of start-up
    while True:
        try:
            async with sessions() as session:
                await services.calendar.refresh(session)
            missing = services.calendar.missing_years(utcnow())
            if missing:
                years = texts.text("list_separator").join(str(y) for y in missing)
                log.warning("no official holiday data for %s: deadlines use the fallback", years)
                if await leases.acquire(f"calendar-alert-{years}", outbox_worker.name,
                                        timedelta(days=7)):
                    async with sessions() as session, session.begin():
                        outbox.enqueue(session, "wecom_robot", "robot",
                                       {"text": texts.text("calendar_missing_year", years=years)})
                    outbox_worker.wakeup.set()
        except Exception:
            log.exception("calendar refresh failed; trying again later")
        await asyncio.sleep(every_s)


async def minute_loop(sessions: async_sessionmaker[AsyncSession], services: Services,
                      outbox_worker: OutboxWorker, *, every_s: float = 60.0) -> None:
    """Every minute, on one instance at a time (a lease): the police group's alerts, the
    escalation of emergencies nobody acknowledged, the verdicts' reminders and time-outs,
    units reminded of tickets they have not signed in time, and 差评 follow-ups' deadlines."""
    leases = TokenStore(sessions)
    while True:
        try:
            if await leases.acquire("minute-sweep", outbox_worker.name,
                                    timedelta(seconds=every_s * 0.9)):
                now = utcnow()
                async with sessions() as session, session.begin():
                    queued = await alerts.sweep(session, services, now)
                async with sessions() as session, session.begin():
                    queued += await escalation.sweep(session, services, now)
                async with sessions() as session, session.begin():
                    reminded, closed = await verdict.sweep(session, services, now)
                async with sessions() as session, session.begin():
                    queued += await signing.remind(session, services, now)
                async with sessions() as session, session.begin():
                    queued += await followup_reminders.sweep(session, services, now)
                if queued or reminded:
                    outbox_worker.wakeup.set()
                if closed:
                    log.info("closed %d resolved tickets without a verdict after 7 days", closed)
        except Exception:
            log.exception("minute sweep failed; trying again next minute")
        await asyncio.sleep(every_s)
