"""The weekly export of unresolved tickets (§6) as a workbook or CSV, written as rows stream
from the database so 100,000 tickets fit in a flat, small amount of memory."""

from __future__ import annotations

import asyncio
import csv
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.core.privacy import MASKED, Masking
from handlers.reports.kpi import WeekFigures, kpi_report
from handlers.reports.rows import ExportRow, render
from handlers.reports.tally import Tally
from handlers.reports.weeks import IsoWeek
from handlers.tickets.view import iso
from storage import private
from storage.base import utcnow
from storage.tickets import queries

FORMATS = ("xlsx", "csv")
CLI_OFFICER = "cli"


def export_filename(week: IsoWeek, fmt: str, unit: str | None = None) -> str:
    """未办结工单-2026-W10.xlsx (with the unit when the export is narrowed to one)."""
    suffix = f"-{unit}" if unit else ""
    return f"未办结工单-{week}{suffix}.{fmt}"


@dataclass(frozen=True)
class ExportResult:
    """What one export wrote: where, for which week and moment, and how many rows."""

    path: Path
    week: IsoWeek
    format: str
    as_of: datetime
    rows: int
    overdue: int
    units: dict[str, tuple[int, int]]     # unit -> (rows, overdue)


def heading(week: IsoWeek, at: datetime, tz: tzinfo) -> str:
    """The line saying which moment the export describes."""
    local_at = f"{at.astimezone(tz):%Y-%m-%d %H:%M}"
    if at < week.end(tz):
        return texts.text("export_as_of_now", at=local_at, week=week)
    last_day = week.end(tz).astimezone(tz) - timedelta(days=1)
    return texts.text("export_as_of", at=local_at, week=week,
                      start=f"{week.monday:%Y-%m-%d}", end=f"{last_day:%Y-%m-%d}")


async def empty_note(session: AsyncSession, week: IsoWeek, at: datetime, tz: tzinfo,
                     unit: str | None) -> str:
    """Why an export has no row: nothing opened in the week, or everything done."""
    opened = await queries.opened_by_unit(session, week.start(tz), at)
    count = opened.get(unit, 0) if unit else sum(opened.values())
    title = heading(week, at, tz)
    if not count:
        return texts.text("export_empty_none_opened", heading=title)
    return texts.text("export_empty_all_done", heading=title, opened=count)


class CsvSink:
    """§6's CSV: UTF-8 with BOM (Excel opens it right), times as YYYY-MM-DD HH:MM."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._file)
        self._csv.writerow(texts.EXPORT_HEADERS)

    def write(self, rows: Sequence[ExportRow]) -> None:
        """Append rendered rows."""
        self._csv.writerows([_csv_cell(v) for v in row.values] for row in rows)

    def note(self, text: str) -> None:
        """A line in place of rows, saying why there is none."""
        self._csv.writerow([text])

    def finish(self, tally: Tally, units: Sequence[str], title: str,
               kpi: Sequence[WeekFigures] | None) -> None:
        """Close the file (a CSV holds the rows only)."""
        self._file.close()

    def abort(self) -> None:
        """Close without finishing."""
        self._file.close()


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return "" if value is None else value


def _sink(fmt: str, path: Path, tz: tzinfo):
    if fmt == "csv":
        return CsvSink(path)
    from handlers.reports.workbook import WorkbookSink  # openpyxl is only loaded when needed

    return WorkbookSink(path, tz)


async def export_unresolved(
    sessions: async_sessionmaker[AsyncSession], week: IsoWeek, fmt: str, path: Path, *,
    tz: tzinfo, officer: str = CLI_OFFICER, unit: str | None = None,
    units: Sequence[str] = (), now: datetime | None = None, batch: int = 1000,
    mask: Masking = MASKED,
) -> ExportResult:
    """Write the export of tickets unresolved at the end of `week` (as of now for a week not
    over) to `path`, narrowed to `unit` if given, and log it once in access_log. Every cell
    goes through `mask` (the settings' masking: the public numbers stay).

    The file appears complete or not at all (written beside `path`, then renamed). Rendering
    and writing run in a worker thread, batch by batch, so the event loop keeps serving.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    now = now or utcnow()
    at = week.as_of(tz, now)
    private.folder(path.parent)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    tally = Tally()
    # Made here, not in a thread: a cancellation while it is being made would lose it
    # unclosed (openpyxl's streams then write into closed files when collected).
    sink = _sink(fmt, partial, tz)

    def write(rows: list[queries.UnresolvedRow]) -> None:
        rendered = [render(row, at, tz, mask) for row in rows]
        for row in rendered:
            tally.add(row)
        sink.write(rendered)

    try:
        # One session at a time: on SQLite the pool has a single connection.
        async with sessions() as session:
            async for rows in queries.stream_unresolved(session, at, unit, batch=batch):
                await asyncio.to_thread(write, rows)
        if not tally.rows:
            # An empty file alone reads like a failure: say why it is empty.
            async with sessions() as session:
                note = await empty_note(session, week, at, tz, unit)
            await asyncio.to_thread(sink.note, note)
        kpi = None
        if fmt == "xlsx":
            async with sessions() as session:
                kpi = await kpi_report(session, week, tz, unit, now=now, units=units)
        names = [unit] if unit else tally.units(units)
        await asyncio.to_thread(sink.finish, tally, names, heading(week, at, tz), kpi)
        private.file(partial)      # residents' data: readable by the service alone
        os.replace(partial, path)
    except BaseException:
        sink.abort()
        partial.unlink(missing_ok=True)
        raise
    async with sessions() as session, session.begin():
        # One access_log row per export, not an `exported` event on each of its tickets:
        # that would append up to 100,000 timeline entries every week.
        queries.record_access(session, officer, "export", path.name, {
            "week": str(week), "format": fmt, "rows": tally.rows, "overdue": tally.overdue,
            "unit": unit, "as_of": iso(at, tz)})
    return ExportResult(path, week, fmt, at, tally.rows, tally.overdue,
                        {name: (tally.by_unit[name], tally.overdue_by_unit[name])
                         for name in tally.units(units)})

