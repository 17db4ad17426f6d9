"""A unit's opening hours (`hours` of [[units]], the branch's configuration) on the working
calendar: holidays closed, make-up working days (调休) open with the weekday hours, ordinary
weekends as configured. Read by the configuration, the FAQ's branch facts and booking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache
from typing import Protocol

# The calendar's working hours on a working day (tickets.workcalendar counts them).
WORK_START = time(8, 30)
WORK_END = time(17, 30)

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_SPEC = re.compile(r"^\s*([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s*$")
# Without configured hours a unit keeps the calendar's working hours on working days.
DEFAULT_HOURS = (f"mon-fri {WORK_START:%H:%M}-{WORK_END:%H:%M}",)
# How far ahead a next opening is looked for (a long holiday plus its weekends).
_LOOKAHEAD_DAYS = 30

Interval = tuple[time, time]


class WorkingDays(Protocol):
    """What tells working days and holidays apart (tickets.workcalendar.WorkCalendar)."""

    def is_workday(self, day: date) -> bool: ...

    def is_holiday(self, day: date) -> bool: ...


@dataclass(frozen=True)
class Opening:
    """Days of the week (0 = Monday) and one interval the unit is open on them."""

    days: frozenset[int]
    start: time
    end: time


@lru_cache(maxsize=64)
def parse_hours(specs: tuple[str, ...]) -> tuple[Opening, ...]:
    """["mon-fri 08:30-12:00", "sat 09:00-12:00"] as openings; ValueError names a bad one."""
    openings = []
    for spec in specs:
        match = _SPEC.match(spec.lower())
        if match is None or match.group(1) not in DAY_NAMES \
                or (match.group(2) and match.group(2) not in DAY_NAMES):
            raise ValueError(f"{spec!r} is not like 'mon-fri 08:30-12:00'")
        first = DAY_NAMES.index(match.group(1))
        last = DAY_NAMES.index(match.group(2)) if match.group(2) else first
        try:
            start = time(int(match.group(3)), int(match.group(4)))
            end = time(int(match.group(5)), int(match.group(6)))
        except ValueError as exc:
            raise ValueError(f"{spec!r} has an impossible time") from exc
        if first > last or start >= end:
            raise ValueError(f"{spec!r} runs backwards")
        openings.append(Opening(frozenset(range(first, last + 1)), start, end))
    return tuple(openings)


def _of_weekday(openings: tuple[Opening, ...], weekday: int) -> list[Interval]:
    return sorted((o.start, o.end) for o in openings if weekday in o.days)


def open_on(hours: tuple[str, ...], calendar: WorkingDays, day: date) -> list[Interval]:
    """The intervals the unit is open on `day` ([] when closed)."""
    openings = parse_hours(tuple(hours) or DEFAULT_HOURS)
    if calendar.is_workday(day):
        if day.weekday() < 5:
            return _of_weekday(openings, day.weekday())
        # 调休: a make-up Saturday or Sunday is worked like a weekday.
        return next((found for weekday in range(5)
                     if (found := _of_weekday(openings, weekday))), [])
    if calendar.is_holiday(day):
        return []
    return _of_weekday(openings, day.weekday())


def next_open(hours: tuple[str, ...], calendar: WorkingDays,
              after: date) -> tuple[date, list[Interval]] | None:
    """The first day after `after` the unit is open, with its intervals."""
    for offset in range(1, _LOOKAHEAD_DAYS + 1):
        day = after + timedelta(days=offset)
        intervals = open_on(hours, calendar, day)
        if intervals:
            return day, intervals
    return None


def day_label(day: date) -> str:
    """12月5日（周六）"""
    return f"{day.month}月{day.day}日（{WEEKDAY_LABELS[day.weekday()]}）"


def intervals_label(intervals: list[Interval]) -> str:
    """08:30-12:00、14:00-17:30"""
    return "、".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in intervals)


def hours_label(hours: tuple[str, ...]) -> str:
    """The configured hours as residents read them: 周一至周五 08:30-12:00；周六 09:00-12:00."""
    parts = []
    for opening in parse_hours(tuple(hours) or DEFAULT_HOURS):
        days = sorted(opening.days)
        span = WEEKDAY_LABELS[days[0]] if len(days) == 1 \
            else f"{WEEKDAY_LABELS[days[0]]}至{WEEKDAY_LABELS[days[-1]]}"
        parts.append(f"{span} {opening.start:%H:%M}-{opening.end:%H:%M}")
    return "；".join(parts)
