"""Working-calendar overrides officers keep: dates declared holidays or working days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets.models import CalendarOverride


async def load_overrides(session: AsyncSession) -> dict[date, str]:
    """Every override as date -> 'holiday' | 'workday'."""
    rows = await session.execute(select(CalendarOverride.day, CalendarOverride.kind))
    return {day: kind for day, kind in rows.all()}


async def list_overrides(session: AsyncSession, year: int | None = None) -> list[CalendarOverride]:
    """The override rows, by date; only one year's when `year` is given."""
    query = select(CalendarOverride).order_by(CalendarOverride.day)
    if year is not None:
        query = query.where(CalendarOverride.day >= date(year, 1, 1),
                            CalendarOverride.day <= date(year, 12, 31))
    return list(await session.scalars(query))


async def set_override(session: AsyncSession, day: date, kind: str,
                       note: str = "") -> CalendarOverride:
    """Declare `day` a holiday or a working day, replacing any earlier declaration."""
    row = await session.scalar(select(CalendarOverride).where(CalendarOverride.day == day))
    if row is None:
        row = CalendarOverride(day=day, kind=kind, note=note)
        session.add(row)
    else:
        row.kind, row.note = kind, note
    await session.flush()
    return row


async def delete_override(session: AsyncSession, day: date) -> bool:
    """Forget the declaration for `day`; False if there was none."""
    result = await session.execute(delete(CalendarOverride).where(CalendarOverride.day == day))
    return bool(result.rowcount)
