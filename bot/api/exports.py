"""The one entry to the weekly export for the CLI, the scheduler and the officers' API."""

from __future__ import annotations

import asyncio
import re
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from handlers.core.errors import Forbidden, Invalid
from handlers.core.settings import TicketSettings
from handlers.officers.accounts import Actor
from handlers.reports import weeks
from handlers.reports.export import CLI_OFFICER, ExportResult, export_filename, export_unresolved
from handlers.reports.weeks import BadWeek, IsoWeek
from storage.db import create_engine, is_sqlite, session_factory


@asynccontextmanager
async def export_sessions(config: Config, sessions: async_sessionmaker[AsyncSession]
                          ) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions for a long export. On SQLite the app's pool is one connection that messages
    queue for, so the export reads on a connection of its own (WAL: readers never block the
    writer); PostgreSQL's pool has room for it."""
    if not is_sqlite(config.database.url):
        yield sessions
        return
    engine = create_engine(config.database.url)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


def default_path(config: Config, week: IsoWeek, fmt: str, unit: str | None = None) -> Path:
    """{export.dir}/未办结工单-{week}.{fmt}."""
    return Path(config.export.dir) / export_filename(week, fmt, unit)


async def write_export(config: Config, sessions: async_sessionmaker[AsyncSession],
                       week: IsoWeek, fmt: str = "xlsx", *, officer: str = CLI_OFFICER,
                       unit: str | None = None, out: Path | None = None,
                       now: datetime | None = None) -> ExportResult:
    """Write the unresolved-tickets export of `week` (xlsx or csv), narrowed to `unit` when
    given (an officer's own unit), log it in access_log under `officer`, return where it is.

    The API calls this and answers with `result.path` as an attachment.
    """
    path = out if out is not None else default_path(config, week, fmt, unit)
    async with export_sessions(config, sessions) as export_sessions_:
        return await export_unresolved(
            export_sessions_, week, fmt, path, tz=ZoneInfo(config.tickets.timezone),
            officer=officer, unit=unit, units=[u.name for u in config.units], now=now,
            mask=TicketSettings.from_config(config).masking)


def export_unit(config: Config, actor: Actor, asked: str) -> str | None:
    """The unit an export holds: a supervisor's choice (every unit when none is asked), an
    officer's own whatever they ask. Forbidden when an officer asks for another unit (CONTRACT
    3: officers export their unit); Invalid naming `unit` for a unit not configured."""
    if not actor.supervises:
        if asked and asked != actor.unit:
            raise Forbidden("export_unit_forbidden", unit=actor.unit)
        return actor.unit
    if asked and asked not in {unit.name for unit in config.units}:
        raise Invalid("unit", "export_unit_unknown", unit=asked[:64])
    return asked or None


async def export_download(config: Config, sessions: async_sessionmaker[AsyncSession],
                          actor: Actor, unit_text: str, week_text: str, fmt: str,
                          now: datetime) -> tuple[str, str, bytes]:
    """The export an officer downloads (API or console): file name, media type and bytes.
    Raises Forbidden for another unit's export (officers), Invalid naming `unit`, `week` or
    `format`."""
    tz = ZoneInfo(config.tickets.timezone)
    unit = export_unit(config, actor, unit_text)
    if not re.match(weeks.PATTERN, week_text):
        raise Invalid("week", "export_week_invalid")
    try:
        week = IsoWeek.parse(week_text) if week_text else IsoWeek.last_full(now, tz)
    except BadWeek:
        raise Invalid("week", "export_week_invalid") from None
    if fmt not in ("xlsx", "csv"):
        raise Invalid("format", "export_format_invalid")
    name = export_filename(week, fmt, unit)
    # Written under the name the officer receives: the access log records that name, so a
    # supervisor reading it sees which week and unit went out.
    with tempfile.TemporaryDirectory() as folder:
        result = await write_export(config, sessions, week, fmt, officer=actor.username,
                                    unit=unit, now=now, out=Path(folder) / name)
        body = await asyncio.to_thread(result.path.read_bytes)
    media = ("text/csv; charset=utf-8" if fmt == "csv" else
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return name, media, body


def attachment(name: str) -> str:
    """A Content-Disposition for a Chinese file name."""
    return f"attachment; filename*=UTF-8''{quote(name)}"
