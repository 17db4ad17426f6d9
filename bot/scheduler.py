"""The weekly export on schedule: once per week across every instance, caught up after a
stop, with a short summary to the police group."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.api.exports import write_export
from bot.config import Config
from handlers import texts
from handlers.reports.export import ExportResult
from handlers.reports.weeks import IsoWeek
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.tokens import TokenStore

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SCHEDULER_OFFICER = "system"
# The run lease lapses if an instance dies mid-export, so another one (or the same one
# restarted) does it again; the done marker stays for years.
RUN_TTL = timedelta(minutes=30)
DONE_TTL = timedelta(days=3650)
RECHECK_S = 3600.0
ROBOT_MAX_BYTES = 2000      # the group robot takes 2,048 bytes of text


def slot_in(week: IsoWeek, schedule: str, tz: ZoneInfo) -> datetime:
    """When `schedule` ("mon 08:00") falls in `week`, as an aware UTC moment."""
    day, clock = schedule.split()
    hour, minute = (int(x) for x in clock.split(":"))
    local_day = week.monday + timedelta(days=DAYS.index(day))
    return datetime.combine(local_day, time(hour, minute), tz).astimezone(UTC)


def latest_due(now: datetime, schedule: str, tz: ZoneInfo) -> tuple[IsoWeek, datetime]:
    """The export week of the latest slot at or before `now`, and that slot. A slot in week
    W exports W's previous week."""
    week = IsoWeek.containing(now, tz)
    slot = slot_in(week, schedule, tz)
    if slot > now:
        week = week.previous()
        slot = slot_in(week, schedule, tz)
    return week.previous(), slot


def next_slot(now: datetime, schedule: str, tz: ZoneInfo) -> datetime:
    """The first slot after `now`."""
    _, slot = latest_due(now, schedule, tz)
    return slot_in(IsoWeek.containing(slot, tz).next(), schedule, tz)


def summary(config: Config, result: ExportResult) -> str:
    """The police-group message: counts, overdue, per unit, and the console link."""
    units = [texts.text("export_summary_unit", unit=name, rows=rows, overdue=overdue)
             for name, (rows, overdue) in result.units.items() if rows]
    last_day: date = result.week.monday + timedelta(days=6)
    head = dict(week=result.week, start=f"{result.week.monday:%m-%d}", end=f"{last_day:%m-%d}",
                rows=result.rows, overdue=result.overdue, file=result.path.name,
                link=f"{config.server.public_url.rstrip('/')}/console/")
    while True:
        lines = "\n".join(units) if units else texts.text("export_summary_none")
        message = texts.text("export_summary", units=lines, **head)
        if len(message.encode()) <= ROBOT_MAX_BYTES or not units:
            return message
        units = units[:-1]     # many units: the file has them all


async def run_due_export(config: Config, sessions: async_sessionmaker[AsyncSession],
                         now: datetime, holder: str, wakeup: asyncio.Event | None = None,
                         ) -> ExportResult | None:
    """Run the latest due weekly export unless some instance already did; None if not run."""
    tz = ZoneInfo(config.tickets.timezone)
    week, _ = latest_due(now, config.export.schedule, tz)
    leases = TokenStore(sessions)
    done, running = f"export:{week}", f"export-run:{week}"
    if await leases.holder(done) is not None:
        return None
    if not await leases.acquire(running, holder, RUN_TTL, now):
        return None
    try:
        # Re-read under the run lease: another instance may have finished meanwhile.
        if await leases.holder(done) is not None:
            return None
        result = await write_export(config, sessions, week, "xlsx",
                                    officer=SCHEDULER_OFFICER, now=now)
        async with sessions() as session, session.begin():
            outbox.enqueue(session, "wecom_robot", "robot", {"text": summary(config, result)})
        await leases.acquire(done, holder, DONE_TTL, now)
        log.info("weekly export %s written: %d rows", week, result.rows)
    finally:
        await leases.release(running, holder)
    if wakeup is not None:
        wakeup.set()
    return result


async def export_loop(config: Config, sessions: async_sessionmaker[AsyncSession],
                      outbox_wakeup: asyncio.Event | None = None, *, clock: Clock = utcnow,
                      sleep: Sleep = asyncio.sleep, holder: str | None = None,
                      first_after_s: float = 0.0) -> None:
    """Forever: run the due weekly export (soon after start if the latest slot was missed),
    then sleep until the next slot, re-checking at least hourly."""
    holder = holder or f"export-{uuid.uuid4().hex[:12]}"
    tz = ZoneInfo(config.tickets.timezone)
    if first_after_s:
        await sleep(first_after_s)  # not in the way of start-up
    while True:
        try:
            await run_due_export(config, sessions, clock(), holder, outbox_wakeup)
        except Exception:
            log.exception("weekly export failed; trying again later")
        now = clock()
        wait = (next_slot(now, config.export.schedule, tz) - now).total_seconds()
        await sleep(max(1.0, min(wait, RECHECK_S)))
