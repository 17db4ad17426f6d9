"""Working days and hours on the Chinese calendar, with officers' overrides and a fallback.

Sources, strongest first: the calendar_overrides table (officers'), the State Council's
arrangements as packaged by `chinese-calendar` (holidays and make-up working days; it only
knows 2004-2026), then a fallback for other years: weekends plus the statutory holidays as
usually arranged, the lunar ones converted with `lunardate` and 清明 from the solar terms.
The fallback cannot know the make-up working days: they come with each year's notice and must
be entered as overrides, which is what `missing_years` is there to prompt.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar
from lunardate import LunarDate
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.durations import WORKDAY_HOURS
from handlers.core.unithours import WORK_END, WORK_START
from storage.tickets import calendar as calendar_store

# Fallback holidays on the solar calendar: (month, first day, number of days).
FIXED_HOLIDAYS = (
    (1, 1, 1),     # 元旦
    (5, 1, 5),     # 劳动节
    (10, 1, 7),    # 国庆节
)
# Fallback holidays on the lunar calendar: (lunar month, lunar day, offset in days, days).
LUNAR_HOLIDAYS = (
    (1, 1, -1, 8),   # 春节: 除夕 to 初七, as arranged in 2025 and 2026
    (5, 5, 0, 1),    # 端午节
    (8, 15, 0, 1),   # 中秋节
)
SOLAR_TERM_HOLIDAYS = ("清明",)

# Safety net for a calendar with no working day in sight (e.g. bad overrides).
_MAX_DAYS_SCANNED = 3 * 366


@cache
def has_official_data(year: int) -> bool:
    """True when chinese-calendar carries the State Council's arrangement for `year`."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=64)
def fallback_holidays(year: int) -> frozenset[date]:
    """The statutory holidays of `year` as usually arranged, for years without official data."""
    days: set[date] = set()
    for month, first, length in FIXED_HOLIDAYS:
        start = date(year, month, first)
        days.update(start + timedelta(days=i) for i in range(length))
    for month, day, offset, length in LUNAR_HOLIDAYS:
        try:
            start = LunarDate(year, month, day).to_solar_date() + timedelta(days=offset)
        except ValueError:      # outside lunardate's range (1900-2099)
            continue
        days.update(start + timedelta(days=i) for i in range(length))
    try:
        terms = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
    except (KeyError, IndexError, ValueError, NotImplementedError):
        terms = []
    days.update(day for day, name in terms if name in SOLAR_TERM_HOLIDAYS)
    return frozenset(days)


class WorkCalendar:
    """Which days are worked and how much working time lies between two moments."""

    def __init__(self, tz: tzinfo | str = "Asia/Shanghai",
                 overrides: Mapping[date, str] | None = None) -> None:
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self._overrides: dict[date, str] = dict(overrides or {})
        # Every ticket's deadlines walk the same few days: chinese-calendar validates and
        # looks each one up again (a few per cent of a push's CPU), so answers are kept.
        self._known: dict[date, bool] = {}

    @classmethod
    async def load(cls, session: AsyncSession, tz: tzinfo | str) -> WorkCalendar:
        """A calendar with the override table read from the database."""
        calendar = cls(tz)
        await calendar.refresh(session)
        return calendar

    async def refresh(self, session: AsyncSession) -> None:
        """Re-read the override table (after officers edit it)."""
        self.set_overrides(await calendar_store.load_overrides(session))

    def set_overrides(self, overrides: Mapping[date, str]) -> None:
        """Replace the overrides at once: date -> 'holiday' | 'workday'."""
        self._overrides = dict(overrides)
        self._known = {}

    def source(self, day: date) -> str:
        """Where the answer for `day` comes from: override, official or fallback."""
        if day in self._overrides:
            return "override"
        return "official" if has_official_data(day.year) else "fallback"

    def is_workday(self, day: date) -> bool:
        """True when police offices work on `day`."""
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._is_workday(day)
        return known

    def _is_workday(self, day: date) -> bool:
        kind = self._overrides.get(day)
        if kind is not None:
            return kind == "workday"
        if has_official_data(day.year):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5 and day not in fallback_holidays(day.year)

    def is_holiday(self, day: date) -> bool:
        """True on a statutory holiday (or an officers' holiday), not an ordinary weekend."""
        kind = self._overrides.get(day)
        if kind is not None:
            return kind == "holiday"
        if has_official_data(day.year):
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
            return on_holiday and name is not None
        return day in fallback_holidays(day.year)

    def missing_years(self, now: datetime) -> list[int]:
        """This year and next, where neither official data nor any override exists."""
        this_year = now.astimezone(self.tz).year
        covered = {day.year for day in self._overrides}
        return [year for year in (this_year, this_year + 1)
                if not has_official_data(year) and year not in covered]

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment `amount` of working time (08:30-17:30 on working days) after `start`."""
        local = start.astimezone(self.tz)
        remaining = amount
        day, cursor = local.date(), local
        for _ in range(_MAX_DAYS_SCANNED):
            if self.is_workday(day):
                opens = datetime.combine(day, WORK_START, self.tz)
                closes = datetime.combine(day, WORK_END, self.tz)
                begin = max(cursor, opens)
                if begin <= closes:
                    if remaining <= closes - begin:
                        return begin + remaining
                    remaining -= closes - begin
            day += timedelta(days=1)
            cursor = datetime.combine(day, time(0), self.tz)
        raise ValueError(f"no working time found within {_MAX_DAYS_SCANNED} days of {start}")

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """`days` full working days (of 9 working hours) after `start`."""
        return self.add_working_time(start, timedelta(hours=WORKDAY_HOURS * days))
