"""The duration syntax of `[sla]` and `[alerts]`: "15m", "24h", "3d" are calendar time, "4wh",
"5wd" working hours and working days on the work calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

# A working day is 08:30 to 17:30 (tickets.workcalendar).
WORKDAY_HOURS = 9
_DURATION = re.compile(r"^(\d+)(m|h|d|wh|wd)$")
_CALENDAR_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}
_WORKING_UNITS = {"wh": timedelta(hours=1), "wd": timedelta(hours=WORKDAY_HOURS)}


class WorkingTime(Protocol):
    """What counts working time (tickets.workcalendar.WorkCalendar)."""

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime: ...


@dataclass(frozen=True)
class Duration:
    """An SLA duration: calendar time, or working time counted on the work calendar."""

    amount: timedelta
    working: bool

    def after(self, start: datetime, calendar: WorkingTime) -> datetime:
        """The deadline this duration sets for something started at `start`."""
        if self.working:
            return calendar.add_working_time(start, self.amount)
        return start + self.amount


def parse_duration(text: str) -> Duration:
    """Parse "15m", "24h", "3d" (calendar) or "4wh", "5wd" (working hours, working days)."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise ValueError(f"not a duration: {text!r} (use m, h, d, wh or wd)")
    count, unit = int(match.group(1)), match.group(2)
    if unit in _WORKING_UNITS:
        return Duration(_WORKING_UNITS[unit] * count, working=True)
    return Duration(_CALENDAR_UNITS[unit] * count, working=False)
